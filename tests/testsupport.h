#pragma once

#include "runtime/run.h"
#include "scenario/scenarioparser.h"
#include "trace/runsummary.h"

#include <QTest>
#include <memory>

namespace threadlab::test {

inline Scenario parseOrFail(const QByteArray &json)
{
    ParsedScenario parsed = ScenarioParser::parse(json, QStringLiteral("test.json"));
    if (!parsed.ok())
        qFatal("test scenario does not parse: %s", qPrintable(parsed.errors.join(u'\n')));
    return std::move(parsed.scenario);
}

// Runs a scenario to the end, collecting as a front end would, and keeps the Run for inspection.
inline std::unique_ptr<Run> runToEnd(Scenario scenario, RunSettings settings = {})
{
    auto run = std::make_unique<Run>(std::move(scenario), settings);
    run->start();
    while (!run->waitForFinished(5))
        run->collect(5'000'000);
    run->collect();
    return run;
}

inline std::unique_ptr<Run> runToEnd(const QByteArray &json)
{
    return runToEnd(parseOrFail(json));
}

// The summary of a finished run (after collect()) that keeps its trace for the test to look at.
inline RunSummary summaryOf(const Run &run)
{
    const RecordedRun recording { run.scenario(), run.trace(), run.counters(), run.errors(), run.recordedEvents(),
        run.droppedEvents(), 0 };
    return RunSummary::from(recording);
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
