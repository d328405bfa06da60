#include "runcommand.h"

#include "cli.h"
#include "clioptions.h"
#include "interruptiblerun.h"
#include "runexporter.h"
#include "runsummary.h"
#include "scenariolibrary.h"
#include "scenariooverrides.h"
#include "sharingcheck.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>

namespace threadlab {

namespace {

// Checks that a file can be written before the run spends its time.
QString checkWritable(const QString &path)
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

int RunCommand::exec(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption executor(
        QStringLiteral("executor"), QStringLiteral("Executor kind."), QStringLiteral("kind"));
    const QCommandLineOption workers(
        QStringLiteral("workers"), QStringLiteral("Pool threads or processes."), QStringLiteral("n"));
    const QCommandLineOption lock(QStringLiteral("lock"), QStringLiteral("Locks on or off."), QStringLiteral("on|off"));
    const QCommandLineOption gil(
        QStringLiteral("gil"), QStringLiteral("Simulated GIL on or off."), QStringLiteral("on|off"));
    const QCommandLineOption summary(
        QStringLiteral("summary-json"), QStringLiteral("Summary JSON."), QStringLiteral("file|-"));
    const QCommandLineOption exportOption(
        QStringLiteral("export"), QStringLiteral("Export file."), QStringLiteral("file"));
    const QCommandLineOption exportSize(
        QStringLiteral("export-size"), QStringLiteral("Chart size."), QStringLiteral("WxH"));
    parser.addOptions({ executor, workers, lock, gil, summary, exportOption, exportSize });
    if (!parser.parse(QStringList { QStringLiteral("threadlab run") } + arguments))
        return Cli::usage(QStringLiteral("run: ") + parser.errorText());
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return Cli::usage(positional.isEmpty()
                ? QStringLiteral("run: which scenario? (an id from 'threadlab list' or a file)")
                : QStringLiteral("run: one scenario at a time, got ") + positional.join(QStringLiteral(", ")));

    ScenarioOverrides overrides;
    if (parser.isSet(executor) && !(overrides.executor = CliOptions::executor(parser.value(executor))))
        return Cli::usage(QStringLiteral("--executor: expected sequential, threads, pool or processes, got '%1'")
                              .arg(parser.value(executor)));
    if (parser.isSet(workers) && !(overrides.workers = CliOptions::workers(parser.value(workers))))
        return Cli::usage(
            QStringLiteral("--workers: expected a whole number from 1 to 256, got '%1'").arg(parser.value(workers)));
    if (parser.isSet(lock) && !(overrides.lock = CliOptions::onOff(parser.value(lock))))
        return Cli::usage(QStringLiteral("--lock: expected on or off, got '%1'").arg(parser.value(lock)));
    if (parser.isSet(gil) && !(overrides.gil = CliOptions::onOff(parser.value(gil))))
        return Cli::usage(QStringLiteral("--gil: expected on or off, got '%1'").arg(parser.value(gil)));
    QSize imageSize;
    if (parser.isSet(exportSize)) {
        const auto size = CliOptions::size(parser.value(exportSize));
        if (!size)
            return Cli::usage(QStringLiteral("--export-size: expected WIDTHxHEIGHT such as 1600x900, got '%1'")
                                  .arg(parser.value(exportSize)));
        imageSize = *size;
    }
    const QStringList exports = parser.values(exportOption);
    for (const QString &path : exports) {
        if (!RunExporter::supports(path))
            return Cli::usage(
                QStringLiteral("--export: '%1': use .png, .svg, .pdf, .csv, .json or .threadlab").arg(path));
    }

    ParsedScenario parsed = ScenarioLibrary::load(positional.constFirst());
    if (!parsed.ok()) {
        for (const QString &error : std::as_const(parsed.errors))
            CliOptions::err(error);
        return Cli::BadScenario;
    }
    Scenario scenario = std::move(parsed.scenario);
    for (const QString &note : overrides.applyTo(scenario))
        CliOptions::err(QStringLiteral("note: ") + note);
    if (const QStringList problems = processSharingProblems(scenario); !problems.isEmpty()) {
        for (const QString &problem : problems)
            CliOptions::err(scenario.origin + QStringLiteral(": ") + problem);
        return Cli::BadScenario;
    }
    const QString summaryPath = parser.value(summary);
    QStringList outputs = exports;
    if (parser.isSet(summary) && summaryPath != QStringLiteral("-"))
        outputs << summaryPath;
    for (const QString &path : std::as_const(outputs)) {
        if (const QString problem = checkWritable(path); !problem.isEmpty()) {
            CliOptions::err(QStringLiteral("threadlab: ") + problem);
            return Cli::OutputFailed;
        }
    }

    bool interrupted = false;
    const std::shared_ptr<RecordedRun> recording = InterruptibleRun::execute(std::move(scenario), &interrupted);
    const RunSummary result = RunSummary::from(*recording);
    const bool jsonToStdout = parser.isSet(summary) && summaryPath == QStringLiteral("-");
    if (jsonToStdout)
        CliOptions::err(result.toText().trimmed());
    else
        CliOptions::out(result.toText());
    int status = !result.errors.isEmpty() || interrupted ? Cli::RunFailed : Cli::Ok;
    if (parser.isSet(summary)
        && !CliOptions::writeJson(QJsonDocument(result.toJson()).toJson(QJsonDocument::Indented), summaryPath))
        status = Cli::OutputFailed;
    for (const QString &path : exports) {
        const QString error = RunExporter::write(*recording, path, imageSize);
        if (!error.isEmpty()) {
            CliOptions::err(QStringLiteral("threadlab: --export: ") + error);
            status = Cli::OutputFailed;
        } else if (!jsonToStdout) {
            CliOptions::out(QStringLiteral("  exported %1\n").arg(path));
        }
    }
    return status;
}

} // namespace threadlab
