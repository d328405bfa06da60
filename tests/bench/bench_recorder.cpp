// The tracer's promise: recording an event costs about one clock read. This binary measures
// both in the same run so the ratio holds on a noisy machine.
#include "base/clock.h"
#include "base/lanecontext.h"
#include "base/recorder.h"
#include "runtime/sharedcounter.h"

#include <benchmark/benchmark.h>

using namespace threadlab;

static void BM_SteadyClockNow(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(std::chrono::steady_clock::now());
}
BENCHMARK(BM_SteadyClockNow);

static void BM_RecordEvent(benchmark::State &state)
{
    // A budget large enough for the whole benchmark; drained chunks are freed as a consumer would.
    Recorder recorder(int64_t(1) << 26);
    LaneBuffer *lane = recorder.addLane(LaneInfo {});
    int64_t i = 0;
    for (auto _ : state) {
        lane->record(EventKind::CounterWrite, 1, ++i);
        if ((i & 0xfffff) == 0) {
            state.PauseTiming();
            recorder.drain([](const LaneInfo &) {}, [](const Event *, size_t) {});
            state.ResumeTiming();
        }
    }
    benchmark::DoNotOptimize(recorder.dropped());
    state.counters["dropped"] = double(recorder.dropped());
}
BENCHMARK(BM_RecordEvent);

static void BM_RecordStateChange(benchmark::State &state)
{
    Recorder recorder(int64_t(1) << 26);
    LaneContext lane(recorder.addLane(LaneInfo {}));
    int64_t i = 0;
    for (auto _ : state) {
        lane.setState((++i & 1) ? State::Sleeping : State::Running);
        if ((i & 0xfffff) == 0) {
            state.PauseTiming();
            recorder.drain([](const LaneInfo &) {}, [](const Event *, size_t) {});
            state.ResumeTiming();
        }
    }
}
BENCHMARK(BM_RecordStateChange);

BENCHMARK_MAIN();
