#include "runcommand.h"

#include "chart/runexporter.h"
#include "cli.h"
#include "clioptions.h"
#include "commandline.h"
#include "exportcommand.h"
#include "interruptiblerun.h"
#include "recordingoutputs.h"
#include "scenario/expectedtext.h"
#include "scenario/scenariolibrary.h"
#include "scenario/scenariooverrides.h"
#include "scenario/sharingcheck.h"
#include "trace/runsummary.h"

#include <QFile>
#include <QJsonDocument>
#include <QThread>

namespace threadlab {

int RunCommand::exec(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("run"), QStringLiteral("<id|file.json> [options]"),
        QStringLiteral("Runs one scenario (a built-in id from 'threadlab list', or a scenario file), prints a "
                       "summary\nand writes what --summary-json and --export ask for. Ctrl+C stops the run and "
                       "keeps what was\nrecorded. While it runs, progress is shown on standard error when that is a "
                       "terminal."));
    const QCommandLineOption executor(QStringLiteral("executor"),
        QStringLiteral("Run the tasks as 'sequential' (one after another), on 'threads', on a thread 'pool' or "
                       "on child 'processes' instead of as the scenario says."),
        QStringLiteral("kind"));
    const QCommandLineOption workers(QStringLiteral("workers"),
        QStringLiteral("Threads or processes in the pool, 1 to 256 (pool and processes executors)."),
        QStringLiteral("n"));
    const QCommandLineOption lock(QStringLiteral("lock"),
        QStringLiteral("Turn the scenario's locks on or off (off lets a shared counter race and lose updates)."),
        QStringLiteral("on|off"));
    const QCommandLineOption gil(QStringLiteral("gil"),
        QStringLiteral("Turn the simulated global interpreter lock on or off."), QStringLiteral("on|off"));
    const QCommandLineOption ordering(QStringLiteral("ordering"),
        QStringLiteral("Turn lock ordering on or off (on: a lock step first takes every lock its steps need, in "
                       "name order, so two lanes never wait for each other's locks)."),
        QStringLiteral("on|off"));
    const QCommandLineOption sched = CliOptions::schedOption();
    for (const QCommandLineOption &option : { executor, workers, lock, gil, ordering, sched })
        line.addOption(option);
    RecordingOutputs outputs;
    outputs.addOptions(line);
    if (const auto done = line.parse(arguments))
        return *done;
    const QStringList positional = line.positional();
    if (positional.size() != 1)
        return line.usageError(positional.isEmpty()
                ? QStringLiteral("which scenario? (an id from 'threadlab list' or a file)")
                : QStringLiteral("one scenario at a time, got ") + positional.join(QStringLiteral(", ")));

    ScenarioOverrides overrides;
    if (line.isSet(executor) && !(overrides.executor = CliOptions::executor(line.value(executor))))
        return line.usageError(QStringLiteral("--executor: expected sequential, threads, pool or processes, got '%1'")
                                   .arg(line.value(executor)));
    if (line.isSet(workers) && !(overrides.workers = CliOptions::workers(line.value(workers))))
        return line.usageError(
            QStringLiteral("--workers: expected a whole number from 1 to 256, got '%1'").arg(line.value(workers)));
    if (line.isSet(lock) && !(overrides.lock = CliOptions::onOff(line.value(lock))))
        return line.usageError(QStringLiteral("--lock: expected on or off, got '%1'").arg(line.value(lock)));
    if (line.isSet(gil) && !(overrides.gil = CliOptions::onOff(line.value(gil))))
        return line.usageError(QStringLiteral("--gil: expected on or off, got '%1'").arg(line.value(gil)));
    if (line.isSet(ordering) && !(overrides.ordering = CliOptions::onOff(line.value(ordering))))
        return line.usageError(QStringLiteral("--ordering: expected on or off, got '%1'").arg(line.value(ordering)));
    const std::optional<SchedMode> schedMode = schedModeFromName(line.value(sched));
    if (!schedMode)
        return line.usageError(
            QStringLiteral("--sched: expected auto, exact, sampled or off, got '%1'").arg(line.value(sched)));
    if (const auto wrong = outputs.read(line))
        return *wrong;

    if (Cli::refusesTrace(positional.constFirst()))
        return Cli::BadScenario;
    Result<Scenario> parsed = ScenarioLibrary::load(positional.constFirst());
    if (!parsed.ok()) {
        for (const QString &error : parsed.error().lines())
            CliOptions::err(error);
        return Cli::BadScenario;
    }
    Scenario scenario = std::move(*parsed);
    for (const QString &note : overrides.applyTo(scenario))
        CliOptions::err(QStringLiteral("note: ") + note);
    if (const QStringList problems = processSharingProblems(scenario); !problems.isEmpty()) {
        for (const QString &problem : problems)
            CliOptions::err(scenario.origin + QStringLiteral(": ") + problem);
        return Cli::BadScenario;
    }
    if (const auto unwritable = outputs.checkWritable())
        return *unwritable;

    bool interrupted = false;
    const std::shared_ptr<RecordedRun> recording
        = InterruptibleRun::execute(std::move(scenario), *schedMode, &interrupted);
    const RunSummary result = RunSummary::from(*recording);
    // What the lesson says to expect on this machine, under the figures, to read them against.
    QString text = result.toText();
    if (!recording->scenario.expected.isEmpty())
        text += QStringLiteral("  expected: ")
            + ExpectedText::forMachine(
                recording->scenario, QThread::idealThreadCount(), ExpectedText::FrontEnd::CommandLine)
            + u'\n';
    const int status = result.deadlock.found      ? Cli::Deadlocked
        : !result.errors.isEmpty() || interrupted ? Cli::RunFailed
                                                  : Cli::Ok;
    return outputs.write(*recording, text, status);
}

} // namespace threadlab
