#pragma once

#include "base/recorder.h"
#include "base/stoptoken.h"
#include "runtime/liverecording.h"
#include "runtime/periodicthread.h"
#include "runtime/runlog.h"
#include "runtime/schedcapture.h"
#include "runtime/tracecollector.h"
#include "trace/tracedprogram.h"

#include <memory>

namespace threadlab {

class PythonHook;
class ThreadWatcher;

struct ProgramTraceSettings
{
    QStringList command; // trace: the program and its arguments
    QString workingDirectory; // empty: ThreadLab's
    QStringList environment; // KEY=VALUE; empty: ThreadLab's own
    qint64 attachPid = 0; // attach: the running process (command is then read from /proc)
    int attachSeconds = 0; // attach: stop after this long (0: when it exits)
    SchedMode sched = SchedMode::Auto;
    bool pythonHook = true; // give a Python program the start-up hook (names, prints)
    bool stdinFromNull = false;
    bool captureOutput = false; // keep the end of its output (ProgramRun::outputTail) instead of passing it on
    QString lesson; // the lesson whose real program this is
    uint64_t maxTraceRecords = 8'000'000;
};

// Traces a program: starts it (or attaches to a running process) and draws every thread of it and
// of the processes it starts, until all have exited (or, attached, the time is up). The kernel's
// view (ThreadWatcher) gives each lane its states; the scheduler capture (--sched) refines Running
// into Running on a CPU and Runnable. Stopping a program ThreadLab started interrupts it (SIGINT to
// its process group, SIGTERM after 2 s, SIGKILL after 4 s); an attached one is left running.
class ProgramTrace : public LiveRecording
{
public:
    // The watcher looks at every thread each millisecond while they change; after kCalmLooks looks
    // in a row without a change (threads that compute, or all wait), every kCalmPeriodUs, until
    // something changes again. That keeps a CPU-bound program's cost low.
    static constexpr int kLookPeriodUs = 1000;
    static constexpr int kCalmPeriodUs = 4000;
    static constexpr int kCalmLooks = 20;
    // Sampled scheduler data (--sched sampled, or auto without the rights for exact) at half the
    // rate of a scenario's run: a program's threads are not ours to keep short, and at 1 kHz the
    // sampler alone cost a CPU-bound program 3-4 % (bench_programtrace).
    static constexpr int kSampleHz = 500;
    static constexpr int kNotesEvery = 5; // looks between reads of the Python hook's notes
    static constexpr int64_t kTermAfterNs = 2'000'000'000;
    static constexpr int64_t kKillAfterNs = 4'000'000'000;
    static constexpr int64_t kGiveUpAfterNs = 6'000'000'000; // stopped: lanes still there are cut off

    explicit ProgramTrace(ProgramTraceSettings settings);
    ~ProgramTrace() override;

    void start() override;
    void stop() override;
    bool isFinished() const override { return m_collector.isFinished(); }
    bool waitForFinished(int timeoutMs = -1) override { return m_collector.waitForFinished(timeoutMs); }
    TraceSource liveTrace() const override { return m_collector.liveTrace(); }
    QString title() const override;
    qint64 mainPid() const override { return m_program.pid; }
    QStringList errors() const override { return m_log.errors(); }
    uint64_t recordedEvents() const override { return m_recorder.drained(); }
    uint64_t droppedEvents() const override { return m_recorder.dropped() + m_collector.dropped(); }
    std::shared_ptr<RecordedRun> takeRecording() override;

    // Why it could not start (no such program, no such process…); empty when it started.
    QString startError() const { return m_startError; }
    const ProgramRun &program() const { return m_program; } // complete once finished

    // The user's processes that can be attached to: (pid, command line), the newest first.
    static std::vector<std::pair<qint64, QString>> attachableProcesses();
    // Why a process cannot be attached to; empty when it can.
    static QString attachProblem(qint64 pid);

private:
    bool launch();
    bool attach();
    void watchTurn();
    void finish();
    void readOutput();

    ProgramTraceSettings m_settings;
    ProgramRun m_program;
    StopToken m_stop;
    Recorder m_recorder;
    RunLog m_log;
    TraceCollector m_collector;
    std::unique_ptr<PythonHook> m_hook;
    std::unique_ptr<ThreadWatcher> m_watcher;
    SchedCapture *m_sched = nullptr; // the collector's, while it lives
    QString m_startError;
    int m_outputFd = -1;
    QByteArray m_output; // the end of what it wrote
    int64_t m_startNs = 0;
    int64_t m_stopAskedNs = -1;
    int m_signalsSent = 0;
    bool m_rootReaped = false;
    bool m_started = false;
    bool m_done = false;
    int m_turns = 0;
    int m_calmLooks = 0; // looks in a row without a change
    PeriodicThread m_thread; // last: stopped before the rest goes
};

} // namespace threadlab
