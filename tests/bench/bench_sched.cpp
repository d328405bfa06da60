// What asking the OS scheduler costs (issue: "exact: at most 2 % slower on a 2-thread CPU burn;
// sampled at 1 kHz with 16 threads: at most 3 % of one core"), and what one scheduler record costs
// on its way into the trace. Ratios mean most when taken in the same run: the machine is shared.
#include "base/clock.h"
#include "base/osids.h"
#include "base/recorder.h"
#include "base/stoptoken.h"
#include "benchmain.h"
#include "runtime/cpuburner.h"
#include "runtime/procschedsampler.h"
#include "runtime/run.h"
#include "runtime/schedcapture.h"
#include "scenario/scenarioparser.h"
#include "trace/schedmodel.h"
#include "trace/trace.h"

#include <QCoreApplication>
#include <benchmark/benchmark.h>
#include <thread>

using namespace threadlab;

namespace {

Scenario parse(const QByteArray &json)
{
    Result<Scenario> parsed = ScenarioParser::parse(json, QStringLiteral("bench"));
    if (!parsed.ok())
        qFatal("%s", qPrintable(parsed.error().text()));
    return *parsed;
}

// Two threads burn 300 ms each, GIL off: the wall time with each capture mode. Compare the rows.
void burnWithCapture(benchmark::State &state, SchedMode mode)
{
    const Scenario scenario = parse(R"({"title": "burn", "executor": {"kind": "threads"}, "options": {"gil": false},
        "tasks": [{"name": "burn", "count": 2, "steps": [{"cpu": 300}]}]})");
    for (auto _ : state) {
        RunSettings settings;
        settings.sched = mode;
        Run run(scenario, settings);
        const int64_t start = nowNs();
        run.start();
        run.waitForFinished();
        state.SetIterationTime(double(nowNs() - start) / 1e9);
        if (mode != SchedMode::Off && run.trace().sched.source == SchedSource::Off)
            state.SkipWithError("no scheduler data here");
    }
}

// One `cpu: 500` step on this thread: the CPU time the thread had, and the wall time it took, each
// over the 500 ms asked for (issue: within 2 % of the CPU time asked for; on a busy machine the
// wall time is longer, the CPU time not).
void cpuStepTime(benchmark::State &state)
{
    const CpuBurner burner = CpuBurner::calibrate();
    const StopToken stop;
    double cpuNs = 0;
    double wallNs = 0;
    for (auto _ : state) {
        const int64_t cpuBefore = CpuBurner::threadCpuNs();
        const int64_t wallBefore = nowNs();
        burner.burn(500 * kNsPerMs, stop);
        cpuNs += double(CpuBurner::threadCpuNs() - cpuBefore);
        wallNs += double(nowNs() - wallBefore);
    }
    const double asked = 500.0 * double(kNsPerMs) * double(state.iterations());
    state.counters["cpu_over_asked"] = cpuNs / asked;
    state.counters["wall_over_asked"] = wallNs / asked;
}

// The sampler looking at 16 threads at 1 kHz for one second: its own CPU time as a share of one
// core, with the threads sleeping (state 0) or burning CPU (state 1).
void samplerCost(benchmark::State &state)
{
    const bool burning = state.range(0) == 1;
    double share = 0;
    double looksPerThread = 0;
    for (auto _ : state) {
        Recorder recorder;
        std::atomic<bool> done { false };
        std::vector<std::thread> threads;
        for (int i = 0; i < 16; ++i) {
            threads.emplace_back([&] {
                recorder.addLane(LaneInfo { 0, LaneKind::Thread, currentPid(), currentTid(), QStringLiteral("t"), -1 });
                while (!done.load()) {
                    if (!burning)
                        std::this_thread::sleep_for(std::chrono::milliseconds(50));
                }
            });
        }
        while (recorder.laneCount() < 16)
            std::this_thread::yield();
        const int64_t start = nowNs();
        ProcSchedSampler sampler(recorder, SchedCapture::kSampleHz);
        std::this_thread::sleep_for(std::chrono::seconds(1));
        sampler.stop();
        const int64_t wall = nowNs() - start;
        done.store(true);
        for (std::thread &thread : threads)
            thread.join();
        share = double(sampler.ownCpuNs()) / double(wall);
        looksPerThread = double(sampler.sampleCount()) / 16 / (double(wall) / 1e9);
        state.SetIterationTime(double(wall) / 1e9);
    }
    state.counters["sampler_core_percent"] = 100 * share;
    state.counters["looks_per_thread_per_s"] = looksPerThread;
}

// Turning a million switch records (4 threads taking turns on 2 CPUs) into the trace.
void exactRecordsIntoTrace(benchmark::State &state)
{
    constexpr int kRecords = 1'000'000;
    std::vector<SchedRecord> records;
    records.reserve(kRecords);
    for (int i = 0; i < kRecords; ++i) {
        const int cpu = i % 2;
        const int prev = 101 + (i % 4);
        const int next = 101 + ((i + 2) % 4);
        records.push_back(SchedRecord {
            int64_t(i) * 1000, cpu, prev, next, 0, SchedRecord::Kind::Switch, SchedRecord::Left::Preempted });
    }
    for (auto _ : state) {
        Trace trace;
        for (int tid = 101; tid <= 104; ++tid) {
            LaneTrack lane;
            lane.info.tid = tid;
            lane.segments.push_back(Segment { 0, int64_t(kRecords) * 1000, -1, kNoObject, -1, State::Running });
            trace.lanes.push_back(std::move(lane));
        }
        trace.sched.source = SchedSource::Exact;
        SchedModel::applyExact(trace, records, 2, int64_t(kRecords) * 1000);
        SchedModel::refineSegments(trace);
        benchmark::DoNotOptimize(trace.lanes.data());
    }
    state.SetItemsProcessed(int64_t(state.iterations()) * kRecords);
}

} // namespace

BENCHMARK_CAPTURE(burnWithCapture, off, SchedMode::Off)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(burnWithCapture, exact, SchedMode::Exact)
    ->UseManualTime()
    ->Iterations(5)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(burnWithCapture, sampled, SchedMode::Sampled)
    ->UseManualTime()
    ->Iterations(5)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(cpuStepTime)->Iterations(4)->Unit(benchmark::kMillisecond);
BENCHMARK(samplerCost)->Arg(0)->Arg(1)->UseManualTime()->Iterations(2)->Unit(benchmark::kMillisecond);
BENCHMARK(exactRecordsIntoTrace)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return runBenchmarks(argc, argv);
}
