// The tracer's promise: recording an event costs about one clock read. This binary measures
// both in the same run so the ratio holds on a noisy machine.
#include "base/clock.h"
#include "base/lanecontext.h"
#include "base/recorder.h"
#include "base/stoptoken.h"
#include "runtime/sharedcounter.h"
#include "runtime/tracedmutex.h"

#include <benchmark/benchmark.h>
#include <condition_variable>
#include <mutex>

using namespace threadlab;

static void BM_SteadyClockNow(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(std::chrono::steady_clock::now());
}
BENCHMARK(BM_SteadyClockNow);

static void BM_RecordEvent(benchmark::State &state)
{
    // A budget large enough for the whole benchmark; drained as the collector drains a run (every
    // 5 ms, when one lane records about 450 k events at full speed), so that chunks come back as
    // spares as they do in a run instead of faulting in fresh pages.
    Recorder recorder(int64_t(1) << 26);
    LaneBuffer *lane = recorder.addLane(LaneInfo {});
    int64_t i = 0;
    for (auto _ : state) {
        lane->record(EventKind::CounterWrite, 1, ++i);
        if ((i & 0x7ffff) == 0) {
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

// The wait-for graph's cost on an uncontended lock: BM_TracedLockUnlock is the lock a lock step
// takes (its lane in the wait-for graph, as during a run); BM_LockUnlockWithoutGraph the same
// recording lock without any bookkeeping for the graph. The ratio of the two is the price
// (issue: at most 1.10).
namespace {
// A lock taken and released in a loop by one lane, draining its buffer now and then.
template <typename Lock>
void lockUnlockLoop(benchmark::State &state, Lock &mutex, Recorder &recorder, LaneContext &lane)
{
    int64_t i = 0;
    for (auto _ : state) {
        mutex.acquire(lane);
        mutex.release(lane);
        if ((++i & 0x7ffff) == 0) {
            state.PauseTiming();
            recorder.drain([](const LaneInfo &) {}, [](const Event *, size_t) {});
            state.ResumeTiming();
        }
    }
}

// The recording lock as it was before the wait-for graph: holder and releaser, nothing more.
class LockWithoutGraph
{
public:
    void acquire(LaneContext &lane)
    {
        std::unique_lock lock(m_mutex);
        if (m_holder < 0) {
            m_holder = lane.lane();
            lane.buffer->record(EventKind::LockAcquire, 0, -1);
            return;
        }
        m_released.wait(lock, [this] { return m_holder < 0; });
        m_holder = lane.lane();
        lane.buffer->record(EventKind::LockAcquire, 0, m_lastReleaser);
    }
    void release(LaneContext &lane)
    {
        {
            std::lock_guard lock(m_mutex);
            lane.buffer->record(EventKind::LockRelease, 0);
            m_lastReleaser = lane.lane();
            m_holder = -1;
        }
        m_released.notify_one();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_released;
    int64_t m_holder = -1;
    int64_t m_lastReleaser = -1;
};
} // namespace

// The wait-for graph's cost on an uncontended lock: BM_TracedLockUnlock is the lock a lock step
// takes (its lane in the wait-for graph, as during a run); BM_LockUnlockWithoutGraph the same
// recording lock without any bookkeeping for the graph. The ratio of the two is the price
// (issue: at most 1.10).
static void BM_TracedLockUnlock(benchmark::State &state)
{
    StopToken stop;
    WaitGraph graph;
    TracedMutex mutex(0, false, stop, graph);
    Recorder recorder(int64_t(1) << 26);
    LaneContext lane(recorder.addLane(LaneInfo {}));
    graph.enter(lane.lane(), false);
    lockUnlockLoop(state, mutex, recorder, lane);
}
BENCHMARK(BM_TracedLockUnlock);

static void BM_LockUnlockWithoutGraph(benchmark::State &state)
{
    LockWithoutGraph mutex;
    Recorder recorder(int64_t(1) << 26);
    LaneContext lane(recorder.addLane(LaneInfo {}));
    lockUnlockLoop(state, mutex, recorder, lane);
}
BENCHMARK(BM_LockUnlockWithoutGraph);

BENCHMARK_MAIN();
