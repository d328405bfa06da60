#include "exportcommand.h"

#include "chart/runexporter.h"
#include "cli.h"
#include "clioptions.h"
#include "commandline.h"
#include "trace/recordedrun.h"
#include "trace/tracefile.h"

namespace threadlab {

int ExportCommand::exec(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("export"), QStringLiteral("<in.threadlab> <out>... [options]"),
        QStringLiteral("Re-exports a saved trace (.threadlab, as written by 'threadlab run --export' or the "
                       "window's\nExport) without running anything. Each output's extension picks its format: "
                       ".png, .svg or .pdf\n(the chart), .csv (segments), .json (Chrome trace) or .threadlab."));
    addImageOptions(line);
    if (const auto done = line.parse(arguments))
        return *done;
    const QStringList positional = line.positional();
    if (positional.size() < 2)
        return line.usageError(positional.isEmpty() ? QStringLiteral("which trace, and where to? (IN.threadlab OUT...)")
                                                    : QStringLiteral("where to? name at least one output file"));
    ImageSettings image;
    if (const auto wrong = readImageOptions(line, image))
        return *wrong;
    const QString &input = positional.constFirst();
    const QStringList outputs = positional.mid(1);
    for (const QString &path : outputs) {
        if (!RunExporter::supports(path))
            return line.usageError(QStringLiteral("'%1': use .png, .svg, .pdf, .csv, .json or .threadlab").arg(path));
    }
    if (input.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive) && !TraceFile::isTraceFile(input)) {
        CliOptions::err(QStringLiteral("threadlab export: %1 is a scenario, not a recorded trace: run it with "
                                       "'threadlab run %1 --export OUT'")
                            .arg(input));
        return Cli::BadScenario;
    }
    const Result<std::shared_ptr<RecordedRun>> recording = TraceFile::read(input);
    if (!recording) {
        CliOptions::err(QStringLiteral("threadlab export: ") + recording.error().text());
        return Cli::BadScenario;
    }
    return writeAll(**recording, outputs, image, false) ? Cli::Ok : Cli::OutputFailed;
}

void ExportCommand::addImageOptions(CommandLine &line)
{
    line.addOption(QCommandLineOption(QStringLiteral("export-size"),
        QStringLiteral("Size of exported chart images in pixels, such as 1600x900 (default: the chart's "
                       "natural size)."),
        QStringLiteral("WxH")));
    line.addOption(QCommandLineOption(QStringLiteral("export-view"),
        QStringLiteral("What exported chart images show: 'threads' (a row per thread and process, the default) or "
                       "'cores' (a row per CPU, from the OS scheduler's data)."),
        QStringLiteral("threads|cores"), QStringLiteral("threads")));
    line.addOption(QCommandLineOption(QStringLiteral("export-title"),
        QStringLiteral("Whether exported chart images have a title line saying what was run (scenario, executor, "
                       "options, wall time): 'on' (the default) or 'off'."),
        QStringLiteral("on|off"), QStringLiteral("on")));
}

std::optional<int> ExportCommand::readImageOptions(CommandLine &line, ImageSettings &out)
{
    const QString size = line.value(QStringLiteral("export-size"));
    if (!size.isEmpty()) {
        const auto parsed = CliOptions::size(size);
        if (!parsed)
            return line.usageError(
                QStringLiteral("--export-size: expected WIDTHxHEIGHT such as 1600x900, got '%1'").arg(size));
        out.size = *parsed;
    }
    const QString view = line.value(QStringLiteral("export-view"));
    if (view == QStringLiteral("threads"))
        out.view = ChartView::Threads;
    else if (view == QStringLiteral("cores"))
        out.view = ChartView::Cores;
    else
        return line.usageError(QStringLiteral("--export-view: expected threads or cores, got '%1'").arg(view));
    const QString title = line.value(QStringLiteral("export-title"));
    const std::optional<bool> titled = CliOptions::onOff(title);
    if (!titled)
        return line.usageError(QStringLiteral("--export-title: expected on or off, got '%1'").arg(title));
    out.title = *titled;
    return std::nullopt;
}

bool ExportCommand::writeAll(
    const RecordedRun &recording, const QStringList &paths, const ImageSettings &image, bool quiet)
{
    bool ok = true;
    for (const QString &path : paths) {
        if (const Result<void> written = RunExporter::write(recording, path, image.size, image.view, image.title);
            !written) {
            CliOptions::err(QStringLiteral("threadlab: --export: ") + written.error().text());
            ok = false;
        } else if (!quiet) {
            CliOptions::out(QStringLiteral("  exported %1\n").arg(path));
        }
    }
    return ok;
}

} // namespace threadlab
