#include "sweepcommand.h"

#include "chart/chartbuilder.h"
#include "cli.h"
#include "clioptions.h"
#include "commandline.h"
#include "interruptiblerun.h"
#include "runtime/sweep.h"
#include "scenario/scenariolibrary.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <cmath>

namespace threadlab {

int SweepCommand::exec(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("sweep"), QStringLiteral("<id|file.json> [options]"),
        QStringLiteral("Runs one scenario once per combination of the listed settings and prints a table of wall "
                       "times,\nspeedups against the first run and lost updates. Lists are comma-separated "
                       "(--workers 1,2,4,8)."));
    const QCommandLineOption workers(QStringLiteral("workers"),
        QStringLiteral("Pool sizes to try, each 1 to 256 (pool and processes executors)."), QStringLiteral("list"));
    const QCommandLineOption executor(QStringLiteral("executor"),
        QStringLiteral("Executors to try: sequential, threads, pool, processes."), QStringLiteral("list"));
    const QCommandLineOption gil(QStringLiteral("gil"),
        QStringLiteral("Simulated GIL settings to try: on, off or on,off."), QStringLiteral("list"));
    const QCommandLineOption lock(
        QStringLiteral("lock"), QStringLiteral("Lock settings to try: on, off or on,off."), QStringLiteral("list"));
    const QCommandLineOption summary(QStringLiteral("summary-json"),
        QStringLiteral("Also write the table as JSON to this file ('-': standard output)."), QStringLiteral("file|-"));
    const QCommandLineOption chart(QStringLiteral("export"),
        QStringLiteral("Write a bar chart of the wall times to this .png or .svg file."), QStringLiteral("file"));
    const QCommandLineOption sched = CliOptions::schedOption();
    for (const QCommandLineOption &option : { workers, executor, gil, lock, sched, summary, chart })
        line.addOption(option);
    if (const auto done = line.parse(arguments))
        return *done;
    if (line.positional().size() != 1)
        return line.usageError(QStringLiteral("which scenario? (an id from 'threadlab list' or a file)"));
    const std::optional<SchedMode> schedMode = schedModeFromName(line.value(sched));
    if (!schedMode)
        return line.usageError(
            QStringLiteral("--sched: expected auto, exact, sampled or off, got '%1'").arg(line.value(sched)));
    if (line.isSet(chart)) {
        const QString ext = QFileInfo(line.value(chart)).suffix().toLower();
        if (ext != QStringLiteral("png") && ext != QStringLiteral("svg"))
            return line.usageError(
                QStringLiteral("--export: the sweep's bar chart is written as .png or .svg, got '%1'")
                    .arg(line.value(chart)));
    }

    // Every list must read before anything is loaded or run; a list not given takes the scenario's value.
    auto parseList = [&](const QCommandLineOption &option, auto parse, const QString &expected, auto *out) {
        using T = typename std::remove_pointer_t<decltype(out)>::value_type::value_type;
        if (!line.isSet(option))
            return true;
        *out = CliOptions::list<T>(line.value(option), parse);
        if (!*out)
            line.usageError(QStringLiteral("--%1: expected %2, got '%3'")
                                .arg(option.names().constFirst(), expected, line.value(option)));
        return out->has_value();
    };
    std::optional<std::vector<ExecutorKind>> executors;
    std::optional<std::vector<int>> workerCounts;
    std::optional<std::vector<bool>> gils;
    std::optional<std::vector<bool>> locks;
    if (!parseList(workers, CliOptions::workers, QStringLiteral("a list of whole numbers from 1 to 256"), &workerCounts)
        || !parseList(executor, CliOptions::executor, QStringLiteral("a list of sequential, threads, pool, processes"),
            &executors)
        || !parseList(gil, CliOptions::onOff, QStringLiteral("on, off or on,off"), &gils)
        || !parseList(lock, CliOptions::onOff, QStringLiteral("on, off or on,off"), &locks))
        return Cli::Usage;

    if (Cli::refusesTrace(line.positional().constFirst()))
        return Cli::BadScenario;
    Result<Scenario> parsed = ScenarioLibrary::load(line.positional().constFirst());
    if (!parsed.ok()) {
        for (const QString &error : parsed.error().lines())
            CliOptions::err(error);
        return Cli::BadScenario;
    }
    const Scenario base = std::move(*parsed);
    const Sweep::Axes axes { executors.value_or(std::vector<ExecutorKind> { base.executor.kind }),
        workerCounts.value_or(std::vector<int> { base.executor.workers }),
        gils.value_or(std::vector<bool> { base.options.gil }),
        locks.value_or(std::vector<bool> { base.options.lock }) };
    if (workerCounts) {
        for (ExecutorKind kind : axes.executors) {
            if (!Sweep::usesWorkers(kind))
                CliOptions::err(QStringLiteral("note: worker counts do not apply to the %1 executor; it runs once per "
                                               "setting")
                                    .arg(executorKindName(kind)));
        }
    }

    bool interrupted = false;
    const std::vector<SweepRow> rows = Sweep::run(
        base, Sweep::settings(axes),
        [mode = *schedMode](
            Scenario scenario, bool *stopped) { return InterruptibleRun::execute(std::move(scenario), mode, stopped); },
        [](const SweepSetting &setting) { CliOptions::err(QStringLiteral("running %1 …").arg(setting.label())); },
        &interrupted);

    const QString summaryPath = line.value(summary);
    const bool jsonToStdout = line.isSet(summary) && summaryPath == QStringLiteral("-");
    const QString table = Sweep::table(base, rows);
    jsonToStdout ? CliOptions::err(table.trimmed()) : CliOptions::out(table);
    int status = Sweep::failed(rows) || interrupted ? Cli::RunFailed : Cli::Ok;
    if (line.isSet(summary)
        && !CliOptions::writeJson(QJsonDocument(Sweep::json(base, rows)).toJson(QJsonDocument::Indented), summaryPath))
        status = Cli::OutputFailed;
    if (line.isSet(chart)) {
        std::vector<WallTimeBar> bars;
        for (const SweepRow &row : rows) {
            if (row.errors.isEmpty())
                bars.push_back(WallTimeBar {
                    row.setting.label(true, axes.gils.size() > 1, axes.locks.size() > 1), std::round(row.wallMs) });
        }
        const Result<void> written
            = ChartBuilder::save(ChartBuilder::wallTimes(bars, QStringLiteral("%1: wall time per run").arg(base.title)),
                line.value(chart), QSize(std::max(900, int(bars.size()) * 210), 600));
        if (!written) {
            CliOptions::err(QStringLiteral("threadlab: --export: ") + written.error().text());
            status = Cli::OutputFailed;
        }
    }
    return status;
}

} // namespace threadlab
