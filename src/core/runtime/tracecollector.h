#pragma once

#include "base/recorder.h"
#include "base/stoptoken.h"
#include "runtime/runlog.h"
#include "runtime/schedcapture.h"
#include "trace/trace.h"
#include "trace/tracebuilder.h"
#include "trace/tracesource.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace threadlab {

// Builds a trace from what a recorder's lanes record, on a thread of its own, for anything that
// records live (a scenario's Run, a traced program): every few milliseconds a short batch at a time
// under the trace's lock, with the OS scheduler's data so far now and then; once the lanes have
// ended, everything they recorded, refined by the scheduler's data. A reader holds the lock for one
// look (liveTrace()).
class TraceCollector
{
public:
    // How often the collector wakes while the lanes run, and how many events it builds per hold of
    // the trace's lock (about half a millisecond of work: what a reader may wait).
    static constexpr int kCollectPeriodMs = 5;
    static constexpr size_t kCollectBatch = 8 * 1024;
    // How often a live trace gets the OS scheduler's data so far (OS slices and CPU tracks).
    static constexpr int64_t kSchedSnapshotNs = 150'000'000;
    // How long after an instant the scheduler's data about it are taken as complete (the exact
    // capture reads its rings every few ms; the sampler looks at quiet threads every 10 ms).
    static constexpr int64_t kSchedSettledNs = 50'000'000;
    // Up to this many events, a trace with exact scheduler data is checked: no more lanes ran at
    // once than there are CPUs (the check sorts every Running segment's ends).
    static constexpr uint64_t kCheckedEvents = 4'000'000;

    // What the owner adds, under the trace's lock: before each batch of events, at each pass
    // (settledNs: up to where everything has surely arrived), and once nothing more will arrive,
    // before the scheduler's data go in and after.
    struct Hooks
    {
        std::function<void(Trace &)> beforeBatch;
        std::function<void(Trace &, int64_t settledNs)> eachPass;
        std::function<void(Trace &)> beforeComplete;
        std::function<void(Trace &)> afterSched; // once the scheduler's data are in
    };

    TraceCollector(Recorder &recorder, RunLog &log, const StopToken &stop);
    ~TraceCollector();
    TraceCollector(const TraceCollector &) = delete;
    TraceCollector &operator=(const TraceCollector &) = delete;

    // The trace keeps at most `budget` records (segments and point events; see TraceBuilder).
    void start(const Scenario &scenario, int64_t originNs, uint64_t budget, Hooks hooks = {});
    // Before start(): tasks that the scenario does not list may begin (TraceBuilder::allowNewTasks).
    void allowNewTasks(uint32_t most) { m_builder.allowNewTasks(most); }
    // The scheduler capture that goes with the lanes: its data so far join the live trace, all of
    // it the finished one. Set it from any thread before lanesEnded().
    void setSched(std::unique_ptr<SchedCapture> capture);
    void stopSched(); // no more is captured (the lanes have ended)
    // Every lane has ended: once what they recorded is in, the trace is complete and finished.
    void lanesEnded();

    bool isFinished() const { return m_finished.load(); }
    void join(); // waits for the collector's thread to end (after lanesEnded(), or when never started)
    bool waitForFinished(int timeoutMs = -1);
    TraceSource liveTrace() const { return TraceSource(m_trace, m_traceLock); }
    const Trace &trace() const { return m_trace; } // once finished
    Trace takeTrace(); // once finished: moved out (an empty trace stays)
    uint64_t dropped() const { return m_dropped.load(); } // events the trace had no budget for
    uint64_t builtEvents() const { return m_recorder.drained(); }

private:
    void loop();
    size_t collectBatch();
    void showSchedSoFar();
    void complete();

    Recorder &m_recorder;
    RunLog &m_log;
    const StopToken &m_stop;
    Hooks m_hooks;
    uint64_t m_budget = UINT64_MAX;
    mutable TraceLock m_traceLock; // held by the collector for one batch, by a reader for one look
    Trace m_trace;
    TraceBuilder m_builder; // the collector thread's
    std::atomic<uint64_t> m_dropped { 0 };
    bool m_budgetReported = false;
    std::mutex m_schedMutex; // m_sched is set by the lanes' side, read by the collector
    std::unique_ptr<SchedCapture> m_sched;
    std::atomic<bool> m_lanesEnded { false };
    std::atomic<bool> m_finished { false };
    std::mutex m_finishedMutex;
    std::condition_variable m_finishedChanged;
    std::thread m_thread; // last: joined before the rest goes
};

} // namespace threadlab
