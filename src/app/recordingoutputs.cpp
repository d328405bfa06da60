#include "recordingoutputs.h"

#include "chart/runexporter.h"
#include "cli.h"
#include "clioptions.h"
#include "commandline.h"
#include "trace/runsummary.h"

#include <QFile>
#include <QJsonDocument>

namespace threadlab {

namespace {

// Checks that a file can be written before the recording spends its time.
QString checkWritablePath(const QString &path)
{
    QFile probe(path);
    const bool existed = probe.exists();
    if (!probe.open(QIODevice::Append))
        return QStringLiteral("cannot write '%1': %2").arg(path, probe.errorString());
    probe.close();
    if (!existed)
        probe.remove();
    return {};
}

} // namespace

RecordingOutputs::RecordingOutputs()
    : m_summary(QStringLiteral("summary-json"),
        QStringLiteral("Also write the summary as JSON to this file; '-' writes it to standard output and the "
                       "text summary to standard error."),
        QStringLiteral("file|-"))
    , m_export(QStringLiteral("export"),
          QStringLiteral("Write the recording to this file; its extension picks the format: .png, .svg or .pdf "
                         "(the chart), .csv (segments), .json (Chrome trace), .threadlab (a trace to open "
                         "later). Repeatable."),
          QStringLiteral("file"))
{ }

void RecordingOutputs::addOptions(CommandLine &line) const
{
    line.addOption(m_summary);
    line.addOption(m_export);
    ExportCommand::addImageOptions(line);
}

std::optional<int> RecordingOutputs::read(CommandLine &line)
{
    if (const auto wrong = ExportCommand::readImageOptions(line, m_image))
        return wrong;
    m_exports = line.values(m_export);
    for (const QString &path : std::as_const(m_exports)) {
        if (!RunExporter::supports(path))
            return line.usageError(
                QStringLiteral("--export: '%1': use .png, .svg, .pdf, .csv, .json or .threadlab").arg(path));
    }
    m_summaryAsked = line.isSet(m_summary);
    m_summaryPath = line.value(m_summary);
    return std::nullopt;
}

std::optional<int> RecordingOutputs::checkWritable() const
{
    QStringList outputs = m_exports;
    if (m_summaryAsked && m_summaryPath != QStringLiteral("-"))
        outputs << m_summaryPath;
    for (const QString &path : std::as_const(outputs)) {
        if (const QString problem = checkWritablePath(path); !problem.isEmpty()) {
            CliOptions::err(QStringLiteral("threadlab: ") + problem);
            return Cli::OutputFailed;
        }
    }
    return std::nullopt;
}

int RecordingOutputs::write(const RecordedRun &recording, const QString &text, int status) const
{
    const RunSummary result = RunSummary::from(recording);
    const bool jsonToStdout = m_summaryAsked && m_summaryPath == QStringLiteral("-");
    if (jsonToStdout)
        CliOptions::err(text.trimmed());
    else
        CliOptions::out(text);
    if (m_summaryAsked
        && !CliOptions::writeJson(QJsonDocument(result.toJson()).toJson(QJsonDocument::Indented), m_summaryPath))
        status = Cli::OutputFailed;
    if (!ExportCommand::writeAll(recording, m_exports, m_image, jsonToStdout))
        status = Cli::OutputFailed;
    return status;
}

} // namespace threadlab
