#include "runtime/programs/threadwatcher.h"

#include "base/clock.h"
#include "base/coretext.h"
#include "runtime/procfiles.h"
#include "trace/trace.h"

#include <QDir>
#include <QFile>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace threadlab {

namespace {

int openStat(qint64 pid, qint64 tid)
{
    char path[96];
    if (tid > 0)
        std::snprintf(path, sizeof path, "/proc/%lld/task/%lld/stat", qlonglong(pid), qlonglong(tid));
    else
        std::snprintf(path, sizeof path, "/proc/%lld/stat", qlonglong(pid));
    return ::open(path, O_RDONLY | O_CLOEXEC);
}

// A stat line, read afresh from a file kept open; empty when the thread or process is gone.
QByteArray readStat(int fd)
{
    char buffer[1024];
    const ssize_t n = fd >= 0 ? ::pread(fd, buffer, sizeof buffer, 0) : -1;
    return n > 0 ? QByteArray(buffer, qsizetype(n)) : QByteArray();
}

QByteArray taskFile(qint64 pid, qint64 tid, const char *name)
{
    return QByteArray("/proc/") + QByteArray::number(pid) + "/task/" + QByteArray::number(tid) + '/' + name;
}

QString commandLine(qint64 pid)
{
    QByteArray line = ProcFiles::read(QByteArray("/proc/") + QByteArray::number(pid) + "/cmdline", 4096);
    while (line.endsWith('\0'))
        line.chop(1);
    line.replace('\0', ' ');
    return QString::fromLocal8Bit(line).left(1000);
}

QString fdKind(qint64 pid, int fd)
{
    const QString target = QFile::symLinkTarget(
        QStringLiteral("/proc/%1/fd/%2").arg(pid).arg(fd)); // "pipe:[123]", "socket:[…]", "/dev/pts/1"
    if (target.isEmpty())
        return {};
    if (target.contains(QLatin1String("pipe:")))
        return Text::tr("pipe");
    if (target.contains(QLatin1String("socket:")))
        return Text::tr("socket");
    if (target.startsWith(QLatin1String("/dev/pts")) || target.startsWith(QLatin1String("/dev/tty")))
        return Text::tr("terminal");
    return Text::tr("file");
}

} // namespace

ThreadWatcher::ThreadWatcher(Recorder &recorder, qint64 rootPid, int64_t launchedNs)
    : m_recorder(recorder)
    , m_rootPid(rootPid)
    , m_launchedNs(launchedNs)
{ }

ThreadWatcher::~ThreadWatcher()
{
    for (const Thread &thread : m_threads) {
        if (thread.statFd >= 0)
            ::close(thread.statFd);
    }
    for (const std::unique_ptr<Process> &process : m_procs) {
        if (process->statFd >= 0)
            ::close(process->statFd);
    }
}

ThreadWatcher::Process &ThreadWatcher::addProcess(qint64 pid, qint64 parent, int64_t nowNs)
{
    auto process = std::make_unique<Process>();
    process->pid = pid;
    process->parent = parent;
    process->statFd = openStat(pid, 0);
    {
        std::lock_guard lock(m_shared);
        process->record = m_processes.size();
        m_processes.push_back(TracedProcess { pid, parent, commandLine(pid), -1, 0 });
    }
    m_procs.push_back(std::move(process));
    Process &added = *m_procs.back();
    if (added.statFd < 0)
        added.gone = true;
    else
        scanThreads(added, nowNs);
    return added;
}

void ThreadWatcher::scanThreads(Process &process, int64_t nowNs)
{
    // The main thread first, so that it is the process's first lane.
    QList<qint64> tids { process.pid };
    const QStringList entries
        = QDir(QStringLiteral("/proc/%1/task").arg(process.pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        const qint64 tid = entry.toLongLong();
        if (tid > 0 && tid != process.pid)
            tids << tid;
    }
    for (qint64 tid : std::as_const(tids)) {
        if (!m_threadByTid.contains(tid))
            addThread(process, tid, nowNs);
    }
}

void ThreadWatcher::addThread(Process &process, qint64 tid, int64_t nowNs)
{
    const int fd = openStat(process.pid, tid);
    if (fd < 0 && (errno == EMFILE || errno == ENFILE)) {
        ++m_threadsNotDrawn; // no file descriptor left to watch it with: counted, reported
        m_threadByTid.insert(tid, SIZE_MAX);
        m_pendingNames.remove(tid); // (seen, so not among those no look found)
        return;
    }
    if (fd < 0)
        return; // gone already (or not ours to read)
    if (m_threads.size() >= kMaxThreads) {
        ::close(fd);
        ++m_threadsNotDrawn;
        m_threadByTid.insert(tid, SIZE_MAX);
        m_pendingNames.remove(tid);
        return;
    }
    Thread thread;
    thread.pid = process.pid;
    thread.tid = tid;
    thread.statFd = fd;
    thread.comm = ProcFiles::read(taskFile(process.pid, tid, "comm"), 64).trimmed();
    const bool main = tid == process.pid;
    int parentLane = process.mainLane;
    if (main && process.parent != 0) {
        for (const std::unique_ptr<Process> &other : m_procs) {
            if (other->pid == process.parent)
                parentLane = other->mainLane;
        }
    }
    const LaneKind kind = !main ? LaneKind::Thread : process.pid == m_rootPid ? LaneKind::Main : LaneKind::Process;
    thread.buffer
        = m_recorder.addLane(LaneInfo { 0, kind, process.pid, tid, QString::fromLocal8Bit(thread.comm), parentLane });
    const uint32_t lane = thread.buffer->lane();
    if (main)
        process.mainLane = int(lane);
    {
        std::lock_guard lock(m_shared);
        m_laneNames.resize(std::max<size_t>(m_laneNames.size(), lane + 1));
        m_laneNames[lane] = QString::fromLocal8Bit(thread.comm);
    }
    m_threads.resize(std::max<size_t>(m_threads.size(), lane + 1));
    m_threadByTid.insert(tid, lane);
    process.threads.push_back(lane);
    thread.lastLookNs = nowNs;
    m_changed = true;
    // The program's first thread began when ThreadLab started it: until the first look, it was
    // being started (fork, exec, loading).
    const bool launched = kind == LaneKind::Main && m_launchedNs > 0 && m_launchedNs < nowNs;
    const int64_t beganNs = launched ? m_launchedNs : nowNs;
    thread.lastMarkNs = beganNs; // a print noted before the thread was found is drawn where it begins
    thread.buffer->recordAt(beganNs, EventKind::LaneBegin);
    thread.buffer->recordAt(beganNs, EventKind::TaskBegin, lane); // one task per thread: its lifetime
    if (launched) {
        thread.state = State::Starting;
        thread.buffer->recordAt(beganNs, EventKind::StateChange, kNoObject, -1, uint16_t(State::Starting));
    }
    m_threads[lane] = std::move(thread);
    lookAt(m_threads[lane], nowNs);
    // What it noted before it was found.
    if (const auto name = m_pendingNames.constFind(tid); name != m_pendingNames.constEnd()) {
        noteName(tid, *name);
        m_pendingNames.erase(name);
    }
    std::vector<PendingMark> marks;
    marks.swap(m_pendingMarks);
    for (const PendingMark &mark : marks)
        noteMark(mark.tid, std::max(mark.timeNs, m_threads[lane].lastMarkNs), mark.text);
}

void ThreadWatcher::scanChildren(int64_t nowNs)
{
    // Each thread's children (the kernel lists them per thread that forked them).
    std::vector<std::pair<qint64, qint64>> found; // (child, parent)
    for (const std::unique_ptr<Process> &process : m_procs) {
        if (process->gone)
            continue;
        for (size_t index : process->threads) {
            const Thread &thread = m_threads[index];
            if (thread.ended)
                continue;
            const QByteArray children = ProcFiles::read(taskFile(thread.pid, thread.tid, "children"), 16 * 1024);
            for (const QByteArray &word : children.split(' ')) {
                const qint64 child = word.trimmed().toLongLong();
                if (child > 0)
                    found.emplace_back(child, process->pid);
            }
        }
    }
    for (const std::pair<qint64, qint64> &childOf : found) {
        const qint64 child = childOf.first;
        const bool known = std::any_of(
            m_procs.begin(), m_procs.end(), [child](const std::unique_ptr<Process> &p) { return p->pid == child; });
        if (!known)
            addProcess(child, childOf.second, nowNs);
    }
}

bool ThreadWatcher::look(int64_t nowNs)
{
    m_changed = false;
    if (m_procs.empty())
        addProcess(m_rootPid, 0, nowNs);
    bool alive = false;
    for (const std::unique_ptr<Process> &each : m_procs) {
        Process &process = *each;
        if (process.gone)
            continue;
        const QByteArray stat = readStat(process.statFd);
        const char state = ProcFiles::statState(stat.constData(), size_t(stat.size()));
        const qint64 threads = ProcFiles::statField(stat.constData(), size_t(stat.size()), 20);
        if (stat.isEmpty() || ((state == 'Z' || state == 'X') && threads <= 1)) {
            // Exited; a zombie still has its wait status (field 52) until its parent reaps it.
            const qint64 status = ProcFiles::statField(stat.constData(), size_t(stat.size()), 52);
            endProcess(process, nowNs, int(status), !stat.isEmpty() && status >= 0);
            continue;
        }
        alive = true;
        if (threads != process.threadsSeen) {
            process.threadsSeen = threads;
            scanThreads(process, nowNs);
        }
    }
    if (m_looks % kChildrenEvery == 0)
        scanChildren(nowNs);
    for (Thread &thread : m_threads) {
        if (!thread.ended && thread.buffer)
            lookAt(thread, nowNs);
    }
    m_lastLookNs = nowNs;
    ++m_looks;
    return alive;
}

void ThreadWatcher::lookAt(Thread &thread, int64_t nowNs)
{
    const QByteArray stat = readStat(thread.statFd);
    const char state = ProcFiles::statState(stat.constData(), size_t(stat.size()));
    if (stat.isEmpty() || state == 'Z' || state == 'X') {
        endThread(thread, nowNs, TaskOutcome::Completed);
        return;
    }
    const uint32_t lane = thread.buffer->lane();
    if ((m_looks + int(lane)) % kCommEvery == 0 && !thread.namedByHook) {
        const QByteArray comm = ProcFiles::read(taskFile(thread.pid, thread.tid, "comm"), 64).trimmed();
        if (!comm.isEmpty() && comm != thread.comm) {
            thread.comm = comm;
            setName(thread, QString::fromLocal8Bit(comm));
        }
    }
    State shown = State::Running;
    uint32_t object = kNoObject;
    if (state == 'R') {
        thread.lastSyscallLook = -1;
    } else {
        // Blocked: what in is read again when it has just blocked, and every few looks after.
        const bool fresh = thread.osState != state || thread.lastSyscallLook < 0
            || m_looks - thread.lastSyscallLook >= kSyscallEvery;
        if (!fresh) {
            thread.osState = state;
            return;
        }
        thread.lastSyscallLook = m_looks;
        std::optional<KernelWait> wait = state == 'D' ? KernelWaits::uninterruptible()
            : state == 'T' || state == 't'            ? KernelWaits::stopped()
                                                      : blockedIn(thread);
        if (!wait) {
            thread.osState = state;
            return; // it ran meanwhile: the next look tells
        }
        shown = wait->state;
        // A join names the task it waits for, as a run's joins do: the child process's main thread
        // (wait4 for any child: none).
        object = shown == State::JoinWait ? childTask(wait->child) : objectFor(wait->label(), ObjectKind::KernelWait);
    }
    thread.osState = state;
    if (shown != thread.state || object != thread.object) {
        // It changed somewhere since the last look: the middle of that time is the best guess, and
        // it keeps a thread that blocks and one that wakes from both being drawn late.
        const int64_t atNs = std::max(thread.lastLookNs, m_lastLookNs > 0 ? (m_lastLookNs + nowNs) / 2 : nowNs);
        thread.state = shown;
        thread.object = object;
        thread.buffer->recordAt(atNs, EventKind::StateChange, object, -1, uint16_t(shown));
        m_changed = true;
    }
    thread.lastLookNs = nowNs;
}

std::optional<KernelWait> ThreadWatcher::blockedIn(const Thread &thread)
{
    const QByteArray line = ProcFiles::read(taskFile(thread.pid, thread.tid, "syscall"), 256);
    if (line.startsWith("running"))
        return std::nullopt;
    if (const auto call = KernelWaits::parseSyscallLine(line)) {
        ++m_syscallReads;
        const qint64 pid = thread.pid;
        return KernelWaits::fromSyscall(*call, [pid](int fd) { return fdKind(pid, fd); });
    }
    ++m_syscallFailures; // not readable (another user's, or ptrace is restricted): the kernel function
    return KernelWaits::fromWchan(ProcFiles::read(taskFile(thread.pid, thread.tid, "wchan"), 128));
}

bool ThreadWatcher::nameWait(size_t lane, BlockedStretch &stretch)
{
    if (lane >= m_threads.size() || stretch.call < 0)
        return false;
    KernelWaits::Syscall call;
    call.number = stretch.call;
    call.args[0] = stretch.args[0];
    call.args[1] = stretch.args[1];
    // (No file kinds: a descriptor's number may name another file by now.)
    const KernelWait wait = KernelWaits::fromSyscall(call, {}, KernelWaits::Seen::AtSwitch);
    stretch.state = wait.state;
    stretch.object
        = wait.state == State::JoinWait ? childTask(wait.child) : objectFor(wait.label(), ObjectKind::KernelWait);
    return true;
}

uint32_t ThreadWatcher::childTask(qint64 pid) const
{
    for (const std::unique_ptr<Process> &process : m_procs) {
        if (process->pid == pid && process->mainLane >= 0)
            return uint32_t(process->mainLane); // a thread's task id is its lane id
    }
    return kNoObject;
}

uint32_t ThreadWatcher::objectFor(const QString &name, ObjectKind kind)
{
    const QString key = QString::number(int(kind)) + u':' + name;
    if (const auto it = m_objectIds.constFind(key); it != m_objectIds.constEnd())
        return *it;
    std::lock_guard lock(m_shared);
    if (m_objects.size() >= kMaxWaits + kMaxMarks)
        return kNoObject;
    const auto id = uint32_t(m_objects.size());
    ObjectSpec spec;
    spec.kind = kind;
    spec.name = name;
    m_objects.push_back(spec);
    if (kind == ObjectKind::KernelWait && m_objectIds.size() < qsizetype(kMaxWaits))
        m_objectIds.insert(key, id);
    return id;
}

void ThreadWatcher::setName(Thread &thread, const QString &name)
{
    std::lock_guard lock(m_shared);
    m_laneNames[thread.buffer->lane()] = name;
}

void ThreadWatcher::endThread(Thread &thread, int64_t nowNs, TaskOutcome outcome)
{
    if (thread.ended)
        return;
    thread.ended = true;
    thread.endNs = nowNs;
    m_changed = true;
    thread.buffer->recordAt(nowNs, EventKind::TaskEnd, thread.buffer->lane(), int64_t(outcome));
    thread.buffer->recordAt(nowNs, EventKind::LaneEnd);
    ::close(thread.statFd);
    thread.statFd = -1;
}

void ThreadWatcher::endProcess(Process &process, int64_t nowNs, int waitStatus, bool statusKnown)
{
    process.gone = true;
    for (size_t index : process.threads)
        endThread(m_threads[index], nowNs, TaskOutcome::Completed);
    if (statusKnown) {
        std::lock_guard lock(m_shared);
        TracedProcess &record = m_processes[process.record];
        if (record.exitCode < 0 && record.signal == 0) {
            record.exitCode = WIFEXITED(waitStatus) ? WEXITSTATUS(waitStatus) : -1;
            record.signal = WIFSIGNALED(waitStatus) ? WTERMSIG(waitStatus) : 0;
        }
    }
}

void ThreadWatcher::rootReaped(int status, int64_t nowNs)
{
    // A program that ended before the first look still gets its record (and its exit status).
    if (m_procs.empty())
        addProcess(m_rootPid, 0, nowNs);
    for (const std::unique_ptr<Process> &process : m_procs) {
        if (process->pid == m_rootPid) {
            {
                std::lock_guard lock(m_shared);
                TracedProcess &record = m_processes[process->record];
                record.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                record.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
            }
            if (!process->gone)
                endProcess(*process, nowNs, status, true);
        }
    }
}

void ThreadWatcher::endAll(int64_t nowNs)
{
    for (Thread &thread : m_threads) {
        if (!thread.ended && thread.buffer)
            endThread(thread, nowNs, TaskOutcome::CutOff);
    }
}

void ThreadWatcher::noteName(qint64 tid, const QString &name)
{
    const auto it = m_threadByTid.constFind(tid);
    if (it == m_threadByTid.constEnd()) {
        // A thread names itself as it starts, maybe before the next look finds it: kept until then.
        if (m_pendingNames.size() < qsizetype(kMaxThreads))
            m_pendingNames.insert(tid, name.left(200));
        return;
    }
    if (*it >= m_threads.size())
        return;
    Thread &thread = m_threads[*it];
    thread.namedByHook = true;
    setName(thread, name.left(200));
}

void ThreadWatcher::noteMark(qint64 tid, int64_t timeNs, const QString &text)
{
    const auto it = m_threadByTid.constFind(tid);
    if (it == m_threadByTid.constEnd()) {
        // Printed before the next look found its thread: kept until then (a few at most).
        if (m_pendingMarks.size() < kMaxPendingMarks)
            m_pendingMarks.push_back(PendingMark { tid, timeNs, text.left(200) });
        return;
    }
    if (*it >= m_threads.size() || m_marks >= kMaxMarks)
        return;
    Thread &thread = m_threads[*it];
    // A mark keeps its lane's time order and is not in the future, nor after its thread ended (the
    // notes are read every few looks: a print just before the end arrives after it). The program's
    // clock is ours, but its word is not trusted.
    timeNs = std::max(std::min(timeNs, thread.ended ? thread.endNs : nowNs()), thread.lastMarkNs);
    thread.lastMarkNs = timeNs;
    const uint32_t textId = objectFor(text.left(200), ObjectKind::Text);
    if (textId == kNoObject)
        return;
    ++m_marks;
    thread.buffer->recordAt(timeNs, EventKind::Mark, textId);
}

void ThreadWatcher::syncInto(Trace &trace)
{
    std::lock_guard lock(m_shared);
    for (size_t i = trace.objects.size(); i < m_objects.size(); ++i)
        trace.objects.push_back(m_objects[i]);
    for (size_t lane = 0; lane < trace.lanes.size() && lane < m_laneNames.size(); ++lane) {
        if (trace.lanes[lane].info.name != m_laneNames[lane])
            trace.lanes[lane].info.name = m_laneNames[lane];
    }
    for (size_t task = 0; task < trace.tasks.size() && task < m_laneNames.size(); ++task)
        trace.tasks[task].name = m_laneNames[task];
    trace.processes = m_processes;
}

std::vector<TracedProcess> ThreadWatcher::processes() const
{
    std::lock_guard lock(m_shared);
    return m_processes;
}

} // namespace threadlab
