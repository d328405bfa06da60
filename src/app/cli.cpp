#include "cli.h"

#include "run.h"
#include "runsummary.h"
#include "scenariolibrary.h"
#include "scenariooverrides.h"
#include "sharingcheck.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <atomic>
#include <csignal>
#include <cstdio>

namespace threadlab {

namespace {

std::atomic<bool> g_interrupted { false };

void onInterrupt(int)
{
    g_interrupted.store(true);
}

void out(const QString &text)
{
    std::fputs(qPrintable(text), stdout);
    std::fflush(stdout);
}

void err(const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stderr);
}

const QString kCommands = QStringLiteral(
    "usage: threadlab                      open the window\n"
    "       threadlab list                 built-in scenario ids and titles\n"
    "       threadlab run <id|file.json> [--executor sequential|threads|pool|processes] [--workers N]\n"
    "                     [--lock on|off] [--gil on|off] [--summary-json FILE|-]\n");

std::optional<bool> onOff(const QString &value)
{
    if (value == QStringLiteral("on"))
        return true;
    if (value == QStringLiteral("off"))
        return false;
    return std::nullopt;
}

} // namespace

bool Cli::handles(const QStringList &arguments)
{
    return arguments.size() > 1;
}

int Cli::usage(const QString &problem)
{
    err(QStringLiteral("threadlab: ") + problem);
    err(kCommands.trimmed());
    return Usage;
}

int Cli::exec(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    if (command == QStringLiteral("list"))
        return arguments.size() == 2 ? list() : usage(QStringLiteral("'list' takes no arguments"));
    if (command == QStringLiteral("run"))
        return run(arguments);
    if (command == QStringLiteral("help") || command == QStringLiteral("--help") || command == QStringLiteral("-h")) {
        out(kCommands);
        return Ok;
    }
    return usage(QStringLiteral("unknown command '") + command + u'\'');
}

int Cli::list()
{
    const QList<ScenarioEntry> entries = ScenarioLibrary::builtIns();
    qsizetype width = 0;
    for (const ScenarioEntry &entry : entries)
        width = std::max(width, entry.id.size());
    for (const ScenarioEntry &entry : entries)
        out(entry.id.leftJustified(width + 2) + entry.topic.leftJustified(12) + entry.title + u'\n');
    return Ok;
}

int Cli::run(const QStringList &arguments)
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
        QStringLiteral("summary-json"), QStringLiteral("Write the summary JSON here."), QStringLiteral("file|-"));
    parser.addOptions({ executor, workers, lock, gil, summary });
    QStringList runArguments = arguments;
    runArguments.removeAt(1);
    if (!parser.parse(runArguments))
        return usage(QStringLiteral("run: ") + parser.errorText());
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usage(positional.isEmpty()
                ? QStringLiteral("run: which scenario? (an id from 'threadlab list' or a file)")
                : QStringLiteral("run: one scenario at a time, got ") + positional.join(QStringLiteral(", ")));

    ScenarioOverrides overrides;
    if (parser.isSet(executor)) {
        const QString kind = parser.value(executor);
        for (ExecutorKind candidate :
            { ExecutorKind::Sequential, ExecutorKind::Threads, ExecutorKind::Pool, ExecutorKind::Processes }) {
            if (executorKindName(candidate) == kind)
                overrides.executor = candidate;
        }
        if (!overrides.executor)
            return usage(
                QStringLiteral("--executor: expected sequential, threads, pool or processes, got '") + kind + u'\'');
    }
    if (parser.isSet(workers)) {
        bool ok = false;
        const int n = parser.value(workers).toInt(&ok);
        if (!ok || n < 1 || n > 256)
            return usage(QStringLiteral("--workers: expected a whole number from 1 to 256, got '")
                + parser.value(workers) + u'\'');
        overrides.workers = n;
    }
    for (const auto &[option, target] : { std::pair { &lock, &overrides.lock }, std::pair { &gil, &overrides.gil } }) {
        if (!parser.isSet(*option))
            continue;
        *target = onOff(parser.value(*option));
        if (!*target)
            return usage(u"--" + option->names().constFirst() + QStringLiteral(": expected on or off, got '")
                + parser.value(*option) + u'\'');
    }

    ParsedScenario parsed = ScenarioLibrary::load(positional.constFirst());
    if (!parsed.ok()) {
        for (const QString &error : std::as_const(parsed.errors))
            err(error);
        return BadScenario;
    }
    Scenario scenario = std::move(parsed.scenario);
    for (const QString &note : overrides.applyTo(scenario))
        err(QStringLiteral("note: ") + note);
    if (const QStringList problems = processSharingProblems(scenario); !problems.isEmpty()) {
        for (const QString &problem : problems)
            err(scenario.origin + QStringLiteral(": ") + problem);
        return BadScenario;
    }

    // Check the summary destination before spending time on the run.
    const QString summaryPath = parser.value(summary);
    if (parser.isSet(summary) && summaryPath != QStringLiteral("-")) {
        QFile probe(summaryPath);
        const bool existed = probe.exists();
        if (!probe.open(QIODevice::Append)) {
            err(QStringLiteral("threadlab: --summary-json: cannot write '") + summaryPath + QStringLiteral("': ")
                + probe.errorString());
            return OutputFailed;
        }
        probe.close();
        if (!existed)
            probe.remove();
    }

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    Run run(std::move(scenario));
    run.start();
    bool interrupted = false;
    while (!run.waitForFinished(50)) {
        run.collect();
        if (g_interrupted.load() && !interrupted) {
            interrupted = true;
            err(QStringLiteral("threadlab: interrupted, stopping the run…"));
            run.stop();
        }
    }
    run.collect();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);

    const RunSummary result = RunSummary::from(run);
    const bool jsonToStdout = parser.isSet(summary) && summaryPath == QStringLiteral("-");
    if (jsonToStdout)
        err(result.toText().trimmed());
    else
        out(result.toText());
    if (parser.isSet(summary)) {
        const QByteArray json = QJsonDocument(result.toJson()).toJson(QJsonDocument::Indented);
        if (jsonToStdout) {
            std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
            std::fflush(stdout);
        } else {
            QSaveFile file(summaryPath);
            if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
                err(QStringLiteral("threadlab: --summary-json: cannot write '") + summaryPath + QStringLiteral("': ")
                    + file.errorString());
                return OutputFailed;
            }
        }
    }
    if (!result.errors.isEmpty())
        return RunFailed;
    return interrupted ? RunFailed : Ok;
}

} // namespace threadlab
