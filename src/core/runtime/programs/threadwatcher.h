#pragma once

#include "base/event.h"
#include "base/recorder.h"
#include "runtime/programs/kernelwait.h"
#include "scenario/scenario.h"
#include "trace/schedtrace.h"
#include "trace/tracedprogram.h"

#include <QHash>
#include <QString>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace threadlab {

struct Trace;

// Follows a program's processes and threads through /proc, from its first process down to every
// process it starts: each thread becomes a lane (grouped by process, named by its OS name) with one
// task, its lifetime. At every look, each thread's state (stat) gives its lane's state: R is
// Running, a blocked thread is named by what it waits in (KernelWaits). New threads are seen at the
// next look (a process's thread count changes), new processes within kChildrenEvery looks.
// Runs on one thread (look(), note…()); syncInto() may be called from any other.
class ThreadWatcher
{
public:
    static constexpr int kChildrenEvery = 8; // looks between looks for new child processes
    static constexpr int kCommEvery = 50; // looks between re-reads of a thread's OS name
    static constexpr int kSyscallEvery = 4; // looks between re-reads of a blocked thread's system call
    static constexpr uint32_t kMaxThreads = 4096; // threads drawn; later ones are counted, not drawn
    static constexpr uint32_t kMaxWaits = 4096; // distinct waits named; later ones share one name
    static constexpr uint32_t kMaxMarks = 100'000; // print marks kept
    static constexpr size_t kMaxPendingMarks = 1000; // marks of threads not found yet

    // rootPid: the program's first process. launchedNs: when ThreadLab started it (its main lane
    // begins there, Starting until the first look); 0 when attached: lanes begin at the first look.
    ThreadWatcher(Recorder &recorder, qint64 rootPid, int64_t launchedNs);
    ~ThreadWatcher();
    ThreadWatcher(const ThreadWatcher &) = delete;
    ThreadWatcher &operator=(const ThreadWatcher &) = delete;

    // One look at every process and thread at time nowNs. False once every process has gone.
    bool look(int64_t nowNs);
    bool changed() const { return m_changed; } // the last look saw a thread change, begin or end
    // The program's first process has been reaped by its parent (ThreadLab), with this wait status.
    void rootReaped(int status, int64_t nowNs);
    // Tracing ends (stopped, or an attach's time is up): lanes still alive end at nowNs, cut off.
    void endAll(int64_t nowNs);

    // From the Python start-up hook: a thread's Python name, and a print() at timeNs.
    void noteName(qint64 tid, const QString &name);
    void noteMark(qint64 tid, int64_t timeNs, const QString &text);

    // Under the trace's lock: lane and task names, the waits' and marks' objects and the processes
    // seen so far go into the trace.
    void syncInto(Trace &trace);
    std::vector<TracedProcess> processes() const;
    uint64_t threadsNotDrawn() const { return m_threadsNotDrawn; }
    // Threads the Python hook named that no look found: they lived less than a look.
    qsizetype threadsUnseen() const { return m_pendingNames.size(); }

    // What a stretch in which the exact capture saw a thread blocked waited in (the system call it
    // was in when it left its CPU, SchedModel::blockedStretches): its state and object, by the
    // looks' rules. False when that cannot be said (blocked outside a system call): what the looks
    // saw stays. Only once the looks have ended (the objects are the looks' thread's).
    bool nameWait(size_t lane, BlockedStretch &stretch);

    bool syscallsReadable() const { return m_syscallReads > 0 || m_syscallFailures == 0; }

private:
    struct Thread
    {
        qint64 pid = 0;
        qint64 tid = 0;
        LaneBuffer *buffer = nullptr;
        int statFd = -1;
        char osState = 0; // stat's state letter at the last look
        State state = State::Running;
        uint32_t object = kNoObject;
        int lastSyscallLook = -1;
        int64_t lastMarkNs = INT64_MIN;
        int64_t lastLookNs = 0; // its lane's last event is no later than this
        int64_t endNs = 0;
        QByteArray comm;
        bool namedByHook = false;
        bool ended = false;
    };
    struct Process
    {
        qint64 pid = 0;
        qint64 parent = 0;
        int statFd = -1;
        int mainLane = -1;
        int64_t threadsSeen = -1; // stat's thread count at the last look
        std::vector<size_t> threads; // indexes into m_threads
        size_t record = 0; // index into m_processes
        bool gone = false;
    };

    Process &addProcess(qint64 pid, qint64 parent, int64_t nowNs);
    void scanThreads(Process &process, int64_t nowNs);
    void scanChildren(int64_t nowNs);
    void addThread(Process &process, qint64 tid, int64_t nowNs);
    void lookAt(Thread &thread, int64_t nowNs);
    std::optional<KernelWait> blockedIn(const Thread &thread);
    void endThread(Thread &thread, int64_t nowNs, TaskOutcome outcome);
    void endProcess(Process &process, int64_t nowNs, int waitStatus, bool statusKnown);
    uint32_t objectFor(const QString &name, ObjectKind kind);
    uint32_t childTask(qint64 pid) const;
    void setName(Thread &thread, const QString &name);

    Recorder &m_recorder;
    const qint64 m_rootPid;
    const int64_t m_launchedNs;
    int m_looks = 0;
    bool m_changed = false;
    int64_t m_lastLookNs = 0;
    std::vector<std::unique_ptr<Process>> m_procs;
    std::vector<Thread> m_threads; // by lane id
    QHash<qint64, size_t> m_threadByTid;
    QHash<QString, uint32_t> m_objectIds; // the watcher's own index of m_objects
    // Notes from threads that the looks have not found yet (they note as they start).
    struct PendingMark
    {
        qint64 tid = 0;
        int64_t timeNs = 0;
        QString text;
    };
    QHash<qint64, QString> m_pendingNames;
    std::vector<PendingMark> m_pendingMarks;
    uint64_t m_threadsNotDrawn = 0;
    uint64_t m_marks = 0;
    uint64_t m_syscallReads = 0;
    uint64_t m_syscallFailures = 0;

    // What syncInto() hands over, under m_shared.
    mutable std::mutex m_shared;
    std::vector<ObjectSpec> m_objects;
    std::vector<QString> m_laneNames;
    std::vector<TracedProcess> m_processes;
};

} // namespace threadlab
