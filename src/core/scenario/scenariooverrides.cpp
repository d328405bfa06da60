#include "scenario/scenariooverrides.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace threadlab {

QStringList ScenarioOverrides::applyTo(Scenario &scenario) const
{
    QStringList notes;
    ExecutorSpec &spec = scenario.executor;
    const bool hadWorkers = spec.kind == ExecutorKind::Pool || spec.kind == ExecutorKind::Processes;
    if (executor)
        spec.kind = *executor;
    const bool usesWorkers = spec.kind == ExecutorKind::Pool || spec.kind == ExecutorKind::Processes;
    if (workers) {
        spec.workers = *workers;
        if (!usesWorkers)
            notes << (QStringLiteral("workers ignored: the ") + executorKindName(spec.kind)
                + QStringLiteral(" executor runs ")
                + (spec.kind == ExecutorKind::Threads ? QStringLiteral("one thread per task")
                                                      : QStringLiteral("every task on the main lane")));
    } else if (usesWorkers && !hadWorkers) {
        // One per task, as far as the limit allows (a 300-task scenario gets 256, not 300).
        spec.workers = std::clamp(int(scenario.instances.size()), 1, ExecutorSpec::kMaxWorkers);
        notes << (QStringLiteral("no worker count given: using one worker per task (") + QString::number(spec.workers)
            + (spec.workers < int(scenario.instances.size()) ? QStringLiteral(", the most allowed") : QString())
            + u')');
    }
    if (spec.kind == ExecutorKind::Sequential || spec.kind == ExecutorKind::Threads) {
        if (spec.kind == ExecutorKind::Sequential)
            spec.workers = 1;
        else
            spec.workers = int(scenario.instances.size());
    }
    if (spec.kind != ExecutorKind::Threads && spec.join != JoinMode::All) {
        notes << (QStringLiteral("the scenario's join setting applies to threads only; the ")
            + executorKindName(spec.kind) + QStringLiteral(" executor waits for every result"));
        spec.join = JoinMode::All;
        spec.joinTasks.clear();
    }
    if (spec.kind != ExecutorKind::Threads) {
        for (TaskSpec &task : scenario.tasks) {
            if (!task.daemon)
                continue;
            task.daemon = false;
            notes << (QStringLiteral("task '") + task.name + QStringLiteral("' is no daemon here: the ")
                + executorKindName(spec.kind) + QStringLiteral(" executor waits for every task"));
        }
    }
    if (lock)
        scenario.options.lock = *lock;
    if (gil)
        scenario.options.gil = *gil;
    if (ordering)
        scenario.options.ordering = *ordering;
    return notes;
}

QByteArray ScenarioOverrides::rewrite(const Scenario &scenario)
{
    QJsonObject root = QJsonDocument::fromJson(scenario.source).object();
    QJsonObject executor = root.value(QStringLiteral("executor")).toObject();
    executor.insert(QStringLiteral("kind"), executorKindName(scenario.executor.kind));
    if (scenario.executor.kind == ExecutorKind::Pool || scenario.executor.kind == ExecutorKind::Processes)
        executor.insert(QStringLiteral("workers"), scenario.executor.workers);
    else
        executor.remove(QStringLiteral("workers"));
    if (scenario.executor.kind != ExecutorKind::Threads)
        executor.remove(QStringLiteral("join"));
    root.insert(QStringLiteral("executor"), executor);
    QJsonObject options = root.value(QStringLiteral("options")).toObject();
    options.insert(QStringLiteral("lock"), scenario.options.lock);
    options.insert(QStringLiteral("gil"), scenario.options.gil);
    options.insert(QStringLiteral("ordering"), scenario.options.ordering);
    root.insert(QStringLiteral("options"), options);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace threadlab
