// How long Stop takes while every lane floods the recorder (issue: "every accepted scenario stops
// within 200 ms"): from Run::stop() to the finished recording in hand, the way the CLI and the
// window wait for it. Each iteration stops at a different moment of the flood.
#include "base/clock.h"
#include "benchmain.h"
#include "runtime/run.h"
#include "scenario/scenarioparser.h"

#include <QCoreApplication>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <thread>

using namespace threadlab;

namespace {

Scenario floodingScenario(const char *executor)
{
    // Unlocked adds record two events each, far more than any consumer takes: the recorder and the
    // worker channel run at their limits when Stop comes.
    const QByteArray json = QByteArray(R"({"title": "flood", "executor": )") + executor
        + R"(, "options": {"lock": false, "race_window_us": 0}, "tasks": [{"name": "a", "count": 4, "repeat": 20,
        "steps": [{"add": {"counter": "x", "delta": 1, "times": 100000000}}]}]})";
    Result<Scenario> parsed = ScenarioParser::parse(json, QStringLiteral("bench"));
    if (!parsed.ok())
        qFatal("%s", qPrintable(parsed.error().text()));
    return *parsed;
}

void stopWhileFlooding(benchmark::State &state, const char *executor)
{
    double worstMs = 0;
    int64_t iteration = 0;
    for (auto _ : state) {
        Run run(floodingScenario(executor));
        run.start();
        const int64_t floodUntil = nowNs() + (200 + 97 * (iteration++ % 8)) * 1'000'000;
        while (nowNs() < floodUntil && !run.waitForFinished(5)) { }
        const int64_t stoppedAt = nowNs();
        run.stop();
        run.waitForFinished();
        const auto recording = run.takeRecording();
        const double ms = double(nowNs() - stoppedAt) / 1e6;
        benchmark::DoNotOptimize(recording.get());
        worstMs = std::max(worstMs, ms);
        state.SetIterationTime(ms / 1e3);
    }
    state.counters["worst_stop_ms"] = worstMs;
}

} // namespace

BENCHMARK_CAPTURE(stopWhileFlooding, threads, R"({"kind": "threads"})")
    ->UseManualTime()
    ->Iterations(8)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(stopWhileFlooding, pool, R"({"kind": "pool", "workers": 2})")
    ->UseManualTime()
    ->Iterations(8)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(stopWhileFlooding, processes, R"({"kind": "processes", "workers": 2})")
    ->UseManualTime()
    ->Iterations(8)
    ->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // the process executor's sockets and child processes need one
    return runBenchmarks(argc, argv);
}
