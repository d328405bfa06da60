#pragma once

#include "base/recorder.h"
#include "base/stoptoken.h"
#include "runtime/cpuburner.h"
#include "runtime/runlog.h"
#include "runtime/runobjects.h"
#include "runtime/steprunner.h"
#include "scenario/scenario.h"
#include "trace/counterreport.h"
#include "trace/recordedrun.h"
#include "trace/trace.h"
#include "trace/tracebuilder.h"

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
};

// One execution of a scenario. start() runs the scenario's main thread on a lane of its own (a
// real thread, never the caller's); stop() ends every lane and child process promptly.
// collect() and trace() belong to one consumer thread (the GUI's or the CLI's), which pulls the
// recorded events into the trace at its own pace.
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
    bool isFinished() const { return m_finished.load(); }
    bool waitForFinished(int timeoutMs = -1);

    static constexpr size_t kCollectBatch = 64 * 1024;
    static constexpr int64_t kCollectTimeNs = 20'000'000; // how long one collect() may take while the run goes on
    void collect(int64_t timeBudgetNs = kCollectTimeNs);
    const Trace &trace() const { return m_trace; }
    const Scenario &scenario() const { return m_scenario; }

    QStringList errors() const { return m_log.errors(); }
    std::vector<CounterReport> counters() const; // complete once finished
    uint64_t recordedEvents() const { return m_recorder.drained(); }
    uint64_t droppedEvents() const { return m_recorder.dropped() + m_log.remoteDropped() + m_builder.dropped(); }

    // Once finished: everything recorded, moved out of this run (which keeps an empty trace).
    std::shared_ptr<RecordedRun> takeRecording();

    static QString defaultWorkerPath();
    // Where runs get their network services when RunSettings names none: the program installs the
    // real ones (src/net) at start-up, so the core does not depend on them.
    static void setNetworkFactory(std::function<std::shared_ptr<NetworkServices>()> factory);

private:
    void runMainLane();
    bool prepareNetwork();
    void applyTaskFailures();

    const Scenario m_scenario;
    RunSettings m_settings;
    StopToken m_stop;
    Recorder m_recorder;
    RunLog m_log;
    CpuBurner m_burner;
    RunObjects m_objects;
    StepRunner m_runner;
    Trace m_trace;
    TraceBuilder m_builder;
    std::unique_ptr<QTemporaryDir> m_downloads;
    std::thread m_thread;
    bool m_started = false;
    bool m_compacted = false; // the trace is complete
    bool m_budgetReported = false;
    std::atomic<bool> m_finished { false };
    std::mutex m_finishedMutex;
    std::condition_variable m_finishedChanged;
    mutable std::mutex m_countersMutex;
    std::vector<CounterReport> m_counters;
};

} // namespace threadlab
