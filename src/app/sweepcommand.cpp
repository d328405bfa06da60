#include "sweepcommand.h"

#include "chart/chartbuilder.h"
#include "cli.h"
#include "clioptions.h"
#include "commandline.h"
#include "interruptiblerun.h"
#include "scenario/scenariolibrary.h"
#include "scenario/scenariooverrides.h"
#include "scenario/sharingcheck.h"
#include "trace/outcome.h"
#include "trace/runsummary.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace threadlab {

namespace {

struct Combination
{
    ExecutorKind executor;
    std::optional<int> workers;
    bool gil;
    bool lock;

    QString label() const { return label(true, true, true); }
    // The settings worth naming: those the sweep varies (the executor always).
    QString label(bool withWorkers, bool withGil, bool withLock) const
    {
        QString text = executorKindName(executor);
        if (workers && withWorkers)
            text += QStringLiteral(" ×%1").arg(*workers);
        if (withGil)
            text += QStringLiteral(" · GIL %1").arg(gil ? QStringLiteral("on") : QStringLiteral("off"));
        if (withLock)
            text += QStringLiteral(" · lock %1").arg(lock ? QStringLiteral("on") : QStringLiteral("off"));
        return text;
    }
};

struct Row
{
    Combination combination;
    double wallMs = 0;
    double mainMs = 0;
    int64_t lostUpdates = 0;
    QStringList errors;
};

bool usesWorkers(ExecutorKind kind)
{
    return kind == ExecutorKind::Pool || kind == ExecutorKind::Processes;
}

} // namespace

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
    for (const QCommandLineOption &option : { workers, executor, gil, lock, summary, chart })
        line.addOption(option);
    if (const auto done = line.parse(arguments))
        return *done;
    if (line.positional().size() != 1)
        return line.usageError(QStringLiteral("which scenario? (an id from 'threadlab list' or a file)"));
    const QCommandLineParser &parser = line.parser();
    if (parser.isSet(chart)) {
        const QString ext = QFileInfo(parser.value(chart)).suffix().toLower();
        if (ext != QStringLiteral("png") && ext != QStringLiteral("svg"))
            return line.usageError(
                QStringLiteral("--export: the sweep's bar chart is written as .png or .svg, got '%1'")
                    .arg(parser.value(chart)));
    }

    // Usage errors first: every list must read before anything is loaded or run.
    const std::pair<const QCommandLineOption *, QString> checks[] = {
        { &workers, QStringLiteral("a list of whole numbers from 1 to 256") },
        { &executor, QStringLiteral("a list of sequential, threads, pool, processes") },
        { &gil, QStringLiteral("on, off or on,off") },
        { &lock, QStringLiteral("on, off or on,off") },
    };
    for (const auto &[option, expected] : checks) {
        if (!parser.isSet(*option))
            continue;
        const QString value = parser.value(*option);
        const bool ok = option == &workers ? CliOptions::list<int>(value, CliOptions::workers).has_value()
            : option == &executor          ? CliOptions::list<ExecutorKind>(value, CliOptions::executor).has_value()
                                           : CliOptions::list<bool>(value, CliOptions::onOff).has_value();
        if (!ok)
            return line.usageError(
                QStringLiteral("--%1: expected %2, got '%3'").arg(option->names().constFirst(), expected, value));
    }

    if (Cli::refusesTrace(parser.positionalArguments().constFirst()))
        return Cli::BadScenario;
    ParsedScenario parsed = ScenarioLibrary::load(parser.positionalArguments().constFirst());
    if (!parsed.ok()) {
        for (const QString &error : std::as_const(parsed.errors))
            CliOptions::err(error);
        return Cli::BadScenario;
    }
    const Scenario base = std::move(parsed.scenario);
    auto parseList
        = [&](const QCommandLineOption &option, auto parse, auto fallback,
              const QString &expected) -> std::optional<std::vector<typename decltype(fallback)::value_type>> {
        using T = typename decltype(fallback)::value_type;
        if (!parser.isSet(option))
            return fallback;
        auto items = CliOptions::list<T>(parser.value(option), parse);
        if (!items)
            line.usageError(QStringLiteral("--%1: expected %2, got '%3'")
                                .arg(option.names().constFirst(), expected, parser.value(option)));
        return items;
    };
    const auto executors = parseList(executor, CliOptions::executor, std::vector<ExecutorKind> { base.executor.kind },
        QStringLiteral("a list of sequential, threads, pool, processes"));
    const auto workerCounts = parseList(workers, CliOptions::workers, std::vector<int> { base.executor.workers },
        QStringLiteral("a list of whole numbers from 1 to 256"));
    const auto gils = parseList(
        gil, CliOptions::onOff, std::vector<bool> { base.options.gil }, QStringLiteral("on, off or on,off"));
    const auto locks = parseList(
        lock, CliOptions::onOff, std::vector<bool> { base.options.lock }, QStringLiteral("on, off or on,off"));
    if (!executors || !workerCounts || !gils || !locks)
        return Cli::Usage;

    std::vector<Combination> combinations;
    for (ExecutorKind kind : *executors) {
        if (!usesWorkers(kind) && parser.isSet(workers))
            CliOptions::err(
                QStringLiteral("note: worker counts do not apply to the %1 executor; it runs once per setting")
                    .arg(executorKindName(kind)));
        for (int n : usesWorkers(kind) ? *workerCounts : std::vector<int> { 0 }) {
            for (bool g : *gils) {
                for (bool l : *locks)
                    combinations.push_back(
                        Combination { kind, usesWorkers(kind) ? std::optional<int>(n) : std::nullopt, g, l });
            }
        }
    }

    std::vector<Row> rows;
    bool interrupted = false;
    for (const Combination &combination : combinations) {
        Scenario scenario = base;
        ScenarioOverrides overrides { combination.executor, combination.workers, combination.lock, combination.gil };
        overrides.applyTo(scenario);
        Row row { combination, 0, 0, 0, processSharingProblems(scenario) };
        CliOptions::err(QStringLiteral("running %1 …").arg(combination.label()));
        if (row.errors.isEmpty()) {
            const auto recording = InterruptibleRun::execute(std::move(scenario), &interrupted);
            const RunSummary result = RunSummary::from(*recording);
            row.wallMs = result.wallMs;
            row.mainMs = result.mainMs;
            row.errors = result.errors;
            for (const CounterSummary &counter : result.counters)
                row.lostUpdates += counter.report.lostUpdates;
        }
        rows.push_back(row);
        if (interrupted)
            break;
    }

    const double baseline = rows.empty() ? 0 : rows.front().wallMs;
    QString table = QStringLiteral("%1 — %2\n").arg(base.id, base.title);
    table += QStringLiteral("  %1 %2 %3 %4 %5\n")
                 .arg(QStringLiteral("run").leftJustified(40), QStringLiteral("wall ms").rightJustified(10),
                     QStringLiteral("speedup").rightJustified(8), QStringLiteral("main ms").rightJustified(10),
                     QStringLiteral("lost updates").rightJustified(13));
    QJsonArray runs;
    bool failed = false;
    std::vector<WallTimeBar> bars;
    for (const Row &row : rows) {
        const double speedup = row.wallMs > 0 ? baseline / row.wallMs : 0;
        if (row.errors.isEmpty()) {
            table += QStringLiteral("  %1 %2 %3 %4 %5\n")
                         .arg(row.combination.label().leftJustified(40),
                             QString::number(row.wallMs, 'f', 1).rightJustified(10),
                             QString(QString::number(speedup, 'f', 2) + u'x').rightJustified(8),
                             QString::number(row.mainMs, 'f', 1).rightJustified(10),
                             Outcome::count(row.lostUpdates).rightJustified(13));
            bars.push_back(WallTimeBar {
                row.combination.label(true, gils->size() > 1, locks->size() > 1), std::round(row.wallMs) });
        } else {
            table += QStringLiteral("  %1 failed: %2\n")
                         .arg(row.combination.label().leftJustified(40), row.errors.join(QStringLiteral("; ")));
            failed = true;
        }
        QJsonObject run { { QStringLiteral("executor"), executorKindName(row.combination.executor) },
            { QStringLiteral("gil"), row.combination.gil }, { QStringLiteral("lock"), row.combination.lock },
            { QStringLiteral("wall_ms"), std::round(row.wallMs * 1000) / 1000 },
            { QStringLiteral("main_ms"), std::round(row.mainMs * 1000) / 1000 },
            { QStringLiteral("speedup"), std::round(speedup * 1000) / 1000 },
            { QStringLiteral("lost_updates"), qint64(row.lostUpdates) },
            { QStringLiteral("errors"), QJsonArray::fromStringList(row.errors) } };
        if (row.combination.workers)
            run.insert(QStringLiteral("workers"), *row.combination.workers);
        runs.append(run);
    }
    const QString summaryPath = parser.value(summary);
    const bool jsonToStdout = parser.isSet(summary) && summaryPath == QStringLiteral("-");
    jsonToStdout ? CliOptions::err(table.trimmed()) : CliOptions::out(table);
    int status = failed || interrupted ? Cli::RunFailed : Cli::Ok;
    if (parser.isSet(summary)) {
        const QByteArray json = QJsonDocument(
            QJsonObject { { QStringLiteral("scenario"), base.id },
                { QStringLiteral("baseline"), rows.empty() ? QString() : rows.front().combination.label() },
                { QStringLiteral("runs"),
                    runs } }).toJson(QJsonDocument::Indented);
        if (!CliOptions::writeJson(json, summaryPath))
            status = Cli::OutputFailed;
    }
    if (parser.isSet(chart)) {
        const QString error
            = ChartBuilder::save(ChartBuilder::wallTimes(bars, QStringLiteral("%1: wall time per run").arg(base.title)),
                parser.value(chart), QSize(std::max(900, int(bars.size()) * 210), 600));
        if (!error.isEmpty()) {
            CliOptions::err(QStringLiteral("threadlab: --export: ") + error);
            status = Cli::OutputFailed;
        }
    }
    return status;
}

} // namespace threadlab
