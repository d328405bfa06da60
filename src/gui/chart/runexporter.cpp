#include "chart/runexporter.h"

#include "base/coretext.h"
#include "chart/chartexporter.h"
#include "trace/chrometraceexport.h"
#include "trace/csvexport.h"
#include "trace/outcome.h"
#include "trace/recordedrun.h"
#include "trace/runsummary.h"
#include "trace/tracefile.h"

#include <QFileInfo>
#include <QSaveFile>

namespace threadlab {

namespace {

QString suffix(const QString &path)
{
    return QFileInfo(path).suffix().toLower();
}

template <typename Write> Result<void> save(const QString &path, Write &&write)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !write(file) || !file.commit())
        return Error(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

const QStringList &RunExporter::extensions()
{
    static const QStringList list = { QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf"),
        QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("threadlab") };
    return list;
}

bool RunExporter::supports(const QString &path)
{
    return extensions().contains(suffix(path));
}

bool RunExporter::isImage(const QString &path)
{
    return ChartExporter::supports(path);
}

QString RunExporter::titleLine(const RecordedRun &recording)
{
    const RunSummary summary = RunSummary::from(recording);
    if (recording.program.isSet())
        return Text::tr("%1 · traced program: it %2 · %3 %4")
            .arg(recording.program.displayCommand(), recording.program.exitText(),
                summary.stopped ? Text::tr("stopped at") : Text::tr("wall time"), Outcome::duration(summary.wallMs));
    const Scenario &scenario = recording.scenario;
    QString title = scenario.id.isEmpty() ? scenario.title : scenario.id + QStringLiteral(" — ") + scenario.title;
    title
        += QStringLiteral(" · %1, workers %2, lock %3, GIL %4 · %5 %6")
               .arg(executorKindName(summary.executor))
               .arg(summary.workers)
               .arg(summary.lock ? QStringLiteral("on") : QStringLiteral("off"),
                   summary.gil ? QStringLiteral("on") : QStringLiteral("off"),
                   summary.stopped ? Text::tr("stopped at") : Text::tr("wall time"), Outcome::duration(summary.wallMs));
    return title;
}

Result<void> RunExporter::write(
    const RecordedRun &recording, const QString &path, QSize imageSize, ChartView view, bool titled)
{
    const QString ext = suffix(path);
    if (ChartExporter::supports(path))
        return ChartExporter::exportChart(
            recording.trace, recording.pid, path, imageSize, view, titled ? titleLine(recording) : QString());
    if (ext == QStringLiteral("csv"))
        return save(path, [&](QIODevice &out) { return CsvExport::write(recording.trace, out).ok(); });
    if (ext == QStringLiteral("json"))
        return save(path, [&](QIODevice &out) { return ChromeTraceExport::write(recording, out).ok(); });
    if (ext == QStringLiteral("threadlab"))
        return TraceFile::write(recording, path);
    return Error(QStringLiteral("%1: unknown export format '.%2' (use .png, .svg, .pdf, .csv, .json or .threadlab)")
                     .arg(path, ext));
}

} // namespace threadlab
