#include "runtime/sweep.h"

#include "scenario/scenariooverrides.h"
#include "scenario/sharingcheck.h"
#include "trace/outcome.h"
#include "trace/recordedrun.h"
#include "trace/runsummary.h"

#include <QJsonArray>
#include <cmath>

namespace threadlab {

QString SweepSetting::label(bool withWorkers, bool withGil, bool withLock) const
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

bool Sweep::usesWorkers(ExecutorKind kind)
{
    return kind == ExecutorKind::Pool || kind == ExecutorKind::Processes;
}

std::vector<SweepSetting> Sweep::settings(const Axes &axes)
{
    std::vector<SweepSetting> settings;
    for (ExecutorKind kind : axes.executors) {
        // Executors without workers run once per GIL and lock setting.
        const std::vector<std::optional<int>> counts = usesWorkers(kind)
            ? std::vector<std::optional<int>>(axes.workers.begin(), axes.workers.end())
            : std::vector<std::optional<int>> { std::nullopt };
        for (const std::optional<int> &workers : counts) {
            for (bool gil : axes.gils) {
                for (bool lock : axes.locks)
                    settings.push_back(SweepSetting { kind, workers, gil, lock });
            }
        }
    }
    return settings;
}

std::vector<SweepRow> Sweep::run(const Scenario &base, const std::vector<SweepSetting> &settings, const RunOne &runOne,
    const std::function<void(const SweepSetting &)> &notify, bool *interrupted)
{
    std::vector<SweepRow> rows;
    bool stopped = false;
    for (const SweepSetting &setting : settings) {
        Scenario scenario = base;
        ScenarioOverrides { setting.executor, setting.workers, setting.lock, setting.gil, std::nullopt }.applyTo(
            scenario);
        SweepRow row { setting, 0, 0, 0, processSharingProblems(scenario) };
        if (notify)
            notify(setting);
        if (row.errors.isEmpty()) {
            const RunSummary result = RunSummary::from(*runOne(std::move(scenario), &stopped));
            row.wallMs = result.wallMs;
            row.mainMs = result.mainMs;
            row.errors = result.errors;
            // A deadlocked run's wall time is where it was stopped, not the workload's: the row says so.
            if (result.deadlock.found)
                row.errors.prepend(QStringLiteral("deadlocked at %1 ms: %2")
                                       .arg(result.deadlock.detectedMs, 0, 'f', 1)
                                       .arg(result.deadlock.sentences.join(QStringLiteral("; "))));
            for (const CounterSummary &counter : result.counters)
                row.lostUpdates += counter.report.lostUpdates;
        }
        rows.push_back(row);
        if (stopped)
            break;
    }
    if (interrupted)
        *interrupted = stopped;
    return rows;
}

bool Sweep::failed(const std::vector<SweepRow> &rows)
{
    return std::any_of(rows.begin(), rows.end(), [](const SweepRow &row) { return !row.errors.isEmpty(); });
}

namespace {
double speedupOf(const std::vector<SweepRow> &rows, const SweepRow &row)
{
    return row.wallMs > 0 && !rows.empty() ? rows.front().wallMs / row.wallMs : 0;
}
} // namespace

QString Sweep::table(const Scenario &base, const std::vector<SweepRow> &rows)
{
    QString table = QStringLiteral("%1 — %2\n").arg(base.id, base.title);
    table += QStringLiteral("  %1 %2 %3 %4 %5\n")
                 .arg(QStringLiteral("run").leftJustified(40), QStringLiteral("wall ms").rightJustified(10),
                     QStringLiteral("speedup").rightJustified(8), QStringLiteral("main ms").rightJustified(10),
                     QStringLiteral("lost updates").rightJustified(13));
    for (const SweepRow &row : rows) {
        if (!row.errors.isEmpty()) {
            table += QStringLiteral("  %1 failed: %2\n")
                         .arg(row.setting.label().leftJustified(40), row.errors.join(QStringLiteral("; ")));
            continue;
        }
        table += QStringLiteral("  %1 %2 %3 %4 %5\n")
                     .arg(row.setting.label().leftJustified(40), QString::number(row.wallMs, 'f', 1).rightJustified(10),
                         QString(QString::number(speedupOf(rows, row), 'f', 2) + u'x').rightJustified(8),
                         QString::number(row.mainMs, 'f', 1).rightJustified(10),
                         Outcome::count(row.lostUpdates).rightJustified(13));
    }
    return table;
}

QJsonObject Sweep::json(const Scenario &base, const std::vector<SweepRow> &rows)
{
    QJsonArray runs;
    for (const SweepRow &row : rows) {
        QJsonObject run { { QStringLiteral("executor"), executorKindName(row.setting.executor) },
            { QStringLiteral("gil"), row.setting.gil }, { QStringLiteral("lock"), row.setting.lock },
            { QStringLiteral("wall_ms"), std::round(row.wallMs * 1000) / 1000 },
            { QStringLiteral("main_ms"), std::round(row.mainMs * 1000) / 1000 },
            { QStringLiteral("speedup"), std::round(speedupOf(rows, row) * 1000) / 1000 },
            { QStringLiteral("lost_updates"), qint64(row.lostUpdates) },
            { QStringLiteral("errors"), QJsonArray::fromStringList(row.errors) } };
        if (row.setting.workers)
            run.insert(QStringLiteral("workers"), *row.setting.workers);
        runs.append(run);
    }
    return QJsonObject { { QStringLiteral("scenario"), base.id },
        { QStringLiteral("baseline"), rows.empty() ? QString() : rows.front().setting.label() },
        { QStringLiteral("runs"), runs } };
}

} // namespace threadlab
