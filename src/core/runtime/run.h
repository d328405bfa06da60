#pragma once

#include "base/recorder.h"
#include "base/stoptoken.h"
#include "runtime/cpuburner.h"
#include "runtime/liverecording.h"
#include "runtime/runlog.h"
#include "runtime/runobjects.h"
#include "runtime/schedcapture.h"
#include "runtime/steprunner.h"
#include "runtime/tracecollector.h"
#include "scenario/scenario.h"
#include "trace/counterreport.h"
#include "trace/recordedrun.h"
#include "trace/trace.h"
#include "trace/tracesource.h"

#include <QStringList>
#include <QTemporaryDir>
#include <atomic>
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
// real thread, never the caller's) and a TraceCollector that builds the trace from what the lanes
// record; stop() ends every lane and child process promptly. A front end only reads: liveTrace()
// while the run goes on, takeRecording() once it is finished (every recorded event is then in the
// trace).
class Run : public LiveRecording
{
public:
    explicit Run(Scenario scenario, RunSettings settings = {});
    ~Run() override;
    Run(const Run &) = delete;
    Run &operator=(const Run &) = delete;

    void start() override;
    void stop() override;
    void abandon() override; // stop, and nothing recorded will be read: worker processes are not waited for
    bool isStarted() const { return m_started; }
    // Finished: every lane has ended and everything they recorded is in the trace.
    bool isFinished() const override { return m_collector.isFinished(); }
    bool waitForFinished(int timeoutMs = -1) override;

    // The trace as it grows; read it under the TraceReading that read() hands out.
    TraceSource liveTrace() const override { return m_collector.liveTrace(); }
    // The trace once finished (before that, use liveTrace()).
    const Trace &trace() const { return m_collector.trace(); }
    const Scenario &scenario() const { return m_scenario; }
    QString title() const override { return m_scenario.title; }
    qint64 mainPid() const override;

    QStringList errors() const override { return m_log.errors(); }
    std::vector<CounterReport> counters() const; // complete once finished
    uint64_t recordedEvents() const override { return m_recorder.drained(); }
    uint64_t droppedEvents() const override
    {
        return m_recorder.dropped() + m_log.remoteDropped() + m_collector.dropped();
    }

    // Once finished: everything recorded, moved out of this run (which keeps an empty trace).
    std::shared_ptr<RecordedRun> takeRecording() override;

    static QString defaultWorkerPath();
    // Where runs get their network services when RunSettings names none: the program installs the
    // real ones (src/net) at start-up, so the core does not depend on them.
    static void setNetworkFactory(std::function<std::shared_ptr<NetworkServices>()> factory);

private:
    void runMainLane();
    bool prepareNetwork();
    void applyTaskFailures(Trace &trace);
    void onDeadlock(const Deadlock &deadlock);
    void showDeadlock(Trace &trace); // under the trace's lock

    const Scenario m_scenario;
    RunSettings m_settings;
    StopToken m_stop;
    Recorder m_recorder;
    RunLog m_log;
    CpuBurner m_burner;
    RunObjects m_objects;
    StepRunner m_runner;
    TraceCollector m_collector;
    std::unique_ptr<QTemporaryDir> m_downloads;
    std::thread m_thread;
    bool m_started = false;
    std::mutex m_deadlockMutex; // m_deadlock is set by the lane that closed it, read by the collector
    Deadlock m_deadlock;
    mutable std::mutex m_countersMutex;
    std::vector<CounterReport> m_counters;
};

} // namespace threadlab
