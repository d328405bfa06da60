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
