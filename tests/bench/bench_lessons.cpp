// The lessons' own speed on this machine (issue 17's table): how much faster the `cpu-bound` lesson
// (4 × 500 ms of computation) gets on the cores with threads without the GIL and with worker
// processes, each against the same work run one task after another, and how long a worker process
// takes from its spawn to its first task. The ratios are taken in the same run: the machine is shared.
#include "benchmain.h"
#include "runtime/run.h"
#include "scenario/scenariolibrary.h"
#include "scenario/scenariooverrides.h"
#include "trace/recordedrun.h"
#include "trace/runsummary.h"

#include <QCoreApplication>
#include <algorithm>
#include <benchmark/benchmark.h>

using namespace threadlab;

namespace {

Scenario cpuBound(ExecutorKind kind)
{
    Result<Scenario> loaded = ScenarioLibrary::load(QStringLiteral("cpu-bound"));
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.error().text()));
    ScenarioOverrides overrides;
    overrides.executor = kind;
    overrides.gil = false; // threads without the GIL; processes have one interpreter each anyway
    overrides.applyTo(*loaded);
    return *loaded;
}

std::shared_ptr<RecordedRun> runToTheEnd(const Scenario &scenario)
{
    Run run(scenario);
    run.start();
    run.waitForFinished();
    return run.takeRecording();
}

// Per worker lane: from its spawn (its Starting segment) to the start of its first task.
std::vector<double> workerStartMs(const Trace &trace)
{
    std::vector<double> starts;
    for (const LaneTrack &lane : trace.lanes) {
        if (lane.segments.empty() || lane.segments.front().state != State::Starting)
            continue;
        const auto firstTask = std::find_if(
            lane.segments.begin(), lane.segments.end(), [](const Segment &segment) { return segment.task >= 0; });
        if (firstTask != lane.segments.end())
            starts.push_back(double(firstTask->startNs - lane.segments.front().startNs) / 1e6);
    }
    return starts;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// Sequential, then the executor under test, in each iteration: speedup = sequential wall / its wall
// (the processes' wall from the first spawn, so their start-up counts).
void cpuBoundSpeedup(benchmark::State &state, ExecutorKind kind)
{
    const Scenario sequential = cpuBound(ExecutorKind::Sequential);
    const Scenario parallel = cpuBound(kind);
    std::vector<double> speedups;
    std::vector<double> starts;
    for (auto _ : state) {
        const RunSummary alone = RunSummary::from(*runToTheEnd(sequential));
        const std::shared_ptr<RecordedRun> recording = runToTheEnd(parallel);
        const RunSummary together = RunSummary::from(*recording);
        const double wall = together.wallWithStartupMs > 0 ? together.wallWithStartupMs : together.wallMs;
        state.SetIterationTime(wall / 1e3);
        speedups.push_back(wall > 0 ? alone.wallMs / wall : 0);
        const std::vector<double> here = workerStartMs(recording->trace);
        starts.insert(starts.end(), here.begin(), here.end());
    }
    state.counters["speedup"] = median(speedups);
    state.counters["speedup_worst"] = speedups.empty() ? 0 : *std::min_element(speedups.begin(), speedups.end());
    if (!starts.empty()) {
        state.counters["worker_start_p50_ms"] = median(starts);
        state.counters["worker_start_max_ms"] = *std::max_element(starts.begin(), starts.end());
    }
}

} // namespace

BENCHMARK_CAPTURE(cpuBoundSpeedup, threads_no_gil, ExecutorKind::Threads)
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(cpuBoundSpeedup, processes, ExecutorKind::Processes)
    ->UseManualTime()
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // the process executor's sockets and child processes need one
    return runBenchmarks(argc, argv);
}
