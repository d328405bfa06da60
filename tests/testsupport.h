#pragma once

#include "runtime/run.h"
#include "scenario/scenarioparser.h"
#include "trace/runsummary.h"

#include <QTest>
#include <memory>

namespace threadlab::test {

inline Scenario parseOrFail(const QByteArray &json)
{
    Result<Scenario> parsed = ScenarioParser::parse(json, QStringLiteral("test.json"));
    if (!parsed.ok())
        qFatal("test scenario does not parse: %s", qPrintable(parsed.error().text()));
    return std::move(*parsed);
}

// Runs a scenario to the end and keeps the Run for inspection.
inline std::unique_ptr<Run> runToEnd(Scenario scenario, RunSettings settings = {})
{
    auto run = std::make_unique<Run>(std::move(scenario), settings);
    run->start();
    run->waitForFinished();
    return run;
}

inline std::unique_ptr<Run> runToEnd(const QByteArray &json)
{
    return runToEnd(parseOrFail(json));
}

// The summary of a finished run that keeps its trace for the test to look at.
inline RunSummary summaryOf(const Run &run)
{
    const RecordedRun recording { run.scenario(), run.trace(), run.counters(), run.errors(), run.recordedEvents(),
        run.droppedEvents(), 0, false, {} };
    return RunSummary::from(recording);
}

// Calls change(step) for every step of the scenario, nested ones included.
template <typename Change> void changeSteps(std::vector<Step> &steps, const Change &change)
{
    for (Step &step : steps) {
        change(step);
        changeSteps(step.steps, change);
    }
}

template <typename Change> Scenario withChangedSteps(Scenario scenario, const Change &change)
{
    changeSteps(scenario.mainSteps, change);
    for (TaskSpec &task : scenario.tasks)
        changeSteps(task.steps, change);
    return scenario;
}

// The scenario with every sleep made `factor` times longer: a lesson whose point is a race of
// pauses (a deadlock) still shows it on a machine loaded enough to start threads late.
inline Scenario withLongerSleeps(Scenario scenario, int64_t factor)
{
    return withChangedSteps(std::move(scenario), [factor](Step &step) {
        if (step.kind == StepKind::Sleep)
            step.durationNs *= factor;
    });
}

// The scenario with every sleep and CPU burst `divisor` times shorter (at least 1 ms): a lesson's
// events and states without its wait.
inline Scenario withShorterSteps(Scenario scenario, int64_t divisor)
{
    return withChangedSteps(std::move(scenario), [divisor](Step &step) {
        if (step.kind == StepKind::Sleep || step.kind == StepKind::Cpu)
            step.durationNs = std::max<int64_t>(1'000'000, step.durationNs / divisor);
    });
}

inline const TaskSummary &task(const RunSummary &summary, const QString &name)
{
    for (const TaskSummary &t : summary.tasks) {
        if (t.name == name)
            return t;
    }
    qFatal("no task %s", qPrintable(name));
}

} // namespace threadlab::test
