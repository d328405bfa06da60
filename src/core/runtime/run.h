#pragma once

#include "base/recorder.h"
#include "base/stoptoken.h"
#include "runtime/cpuburner.h"
#include "runtime/runlog.h"
#include "runtime/runobjects.h"
#include "runtime/schedcapture.h"
#include "runtime/steprunner.h"
#include "scenario/scenario.h"
#include "trace/counterreport.h"
#include "trace/recordedrun.h"
#include "trace/trace.h"
#include "trace/tracebuilder.h"
#include "trace/tracesource.h"

#include <QStringList>
#include <QTemporaryDir>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <thread>

namespace threadlab {

struct RunSettings
{
    QString workerPath; // empty: Run::defaultWorkerPath()
    std::shared_ptr<NetworkServices> network; // for download steps; none: such steps fail, saying why
    QString downloadDirectory; // empty: a temporary folder that lives as long as the run
    int64_t maxBufferedEvents = Recorder::kDefaultMaxBufferedEvents;
    // The trace's memory budget: segments and point events kept (about 36 bytes each).
    uint64_t maxTraceRecords = kDefaultMaxTraceRecords;
    static constexpr uint64_t kDefaultMaxTraceRecords = 8'000'000;
    double iterationsPerMs = 0; // 0: calibrate this machine
    // What the OS scheduler did, captured alongside (front ends ask for Auto; see SchedCapture).
    SchedMode sched = SchedMode::Off;
};

// One execution of a scenario. start() runs the scenario's main thread on a lane of its own (a
// real thread, never the caller's) and a collector thread that builds the trace from what the lanes
// record, a short batch at a time under the trace's lock; stop() ends every lane and child process
// promptly. A front end only reads: liveTrace() while the run goes on, takeRecording() once it is
// finished (every recorded event is then in the trace).
class Run
{
public:
    explicit Run(Scenario scenario, RunSettings settings = {});
    ~Run();
    Run(const Run &) = delete;
    Run &operator=(const Run &) = delete;

    void start();
    void stop();
    void abandon(); // stop, and nothing recorded will be read: worker processes are not waited for
    bool isStarted() const { return m_started; }
    // Finished: every lane has ended and everything they recorded is in the trace.
    bool isFinished() const { return m_finished.load(); }
    bool waitForFinished(int timeoutMs = -1);

    // How often the collector wakes while the lanes run, and how many events it builds per hold of
    // the trace's lock (about half a millisecond of work: what a reader may wait).
    static constexpr int kCollectPeriodMs = 5;
    static constexpr size_t kCollectBatch = 8 * 1024;
    // How often a live trace gets the OS scheduler's data so far (OS slices and CPU tracks).
    static constexpr int64_t kSchedSnapshotNs = 150'000'000;
    // How long after an instant the scheduler's data about it are taken as complete (the exact
    // capture reads its rings every few ms; the sampler looks at quiet threads every 10 ms).
    static constexpr int64_t kSchedSettledNs = 50'000'000;
    // Up to this many events, a run with exact scheduler data checks that no more lanes ran at once
    // than there are CPUs (the check sorts every Running segment's ends).
    static constexpr uint64_t kCheckedEvents = 4'000'000;
    // The trace as it grows; read it under the TraceReading that read() hands out.
    TraceSource liveTrace() const { return TraceSource(m_trace, m_traceMutex); }
    // The trace once finished (before that, use liveTrace()).
    const Trace &trace() const { return m_trace; }
    const Scenario &scenario() const { return m_scenario; }

    QStringList errors() const { return m_log.errors(); }
    std::vector<CounterReport> counters() const; // complete once finished
    uint64_t recordedEvents() const { return m_recorder.drained(); }
    uint64_t droppedEvents() const { return m_recorder.dropped() + m_log.remoteDropped() + m_traceDropped.load(); }

    // Once finished: everything recorded, moved out of this run (which keeps an empty trace).
    std::shared_ptr<RecordedRun> takeRecording();

    static QString defaultWorkerPath();
    // Where runs get their network services when RunSettings names none: the program installs the
    // real ones (src/net) at start-up, so the core does not depend on them.
    static void setNetworkFactory(std::function<std::shared_ptr<NetworkServices>()> factory);

private:
    void runMainLane();
    void collectLoop();
    size_t collectBatch();
    void completeTrace();
    void showSchedSoFar();
    bool prepareNetwork();
    void applyTaskFailures();
    void onDeadlock(const Deadlock &deadlock);
    void showDeadlock(); // under the trace's lock

    const Scenario m_scenario;
    RunSettings m_settings;
    StopToken m_stop;
    Recorder m_recorder;
    RunLog m_log;
    CpuBurner m_burner;
    RunObjects m_objects;
    StepRunner m_runner;
    mutable std::mutex m_traceMutex; // held by the collector for one batch, by a reader for one look
    Trace m_trace;
    TraceBuilder m_builder; // the collector's
    std::atomic<uint64_t> m_traceDropped { 0 }; // events the trace had no budget for
    std::unique_ptr<QTemporaryDir> m_downloads;
    std::mutex m_schedMutex; // m_sched is set by the main lane's thread, read by the collector's
    std::unique_ptr<SchedCapture> m_sched; // the main lane's thread starts and stops it
    std::thread m_thread;
    std::thread m_collector;
    bool m_started = false;
    bool m_budgetReported = false;
    std::atomic<bool> m_lanesEnded { false };
    std::atomic<bool> m_finished { false };
    std::mutex m_finishedMutex;
    std::condition_variable m_finishedChanged;
    std::mutex m_deadlockMutex; // m_deadlock is set by the lane that closed it, read by the collector
    Deadlock m_deadlock;
    mutable std::mutex m_countersMutex;
    std::vector<CounterReport> m_counters;
};

} // namespace threadlab
