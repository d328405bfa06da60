#include "runtime/programs/programtrace.h"

#include "base/clock.h"
#include "base/coretext.h"
#include "runtime/procfiles.h"
#include "runtime/programs/programlauncher.h"
#include "runtime/programs/pythonhook.h"
#include "runtime/programs/threadwatcher.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <algorithm>
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace threadlab {

ProgramTrace::ProgramTrace(ProgramTraceSettings settings)
    : m_settings(std::move(settings))
    , m_collector(m_recorder, m_log, m_stop)
{
    m_program.command = m_settings.command;
    m_program.workingDirectory = m_settings.workingDirectory;
    m_program.attached = m_settings.attachPid != 0;
    m_program.lesson = m_settings.lesson;
}

ProgramTrace::~ProgramTrace()
{
    if (m_started && !m_program.attached && !m_rootReaped && m_program.pid > 0) {
        // Nobody will look at it any more: the program goes with its recording.
        ProgramLauncher::signal(m_program.pid, SIGKILL);
    }
    m_thread.stop();
    if (m_started && !m_done)
        finish();
    m_collector.join();
    if (m_started && !m_program.attached && !m_rootReaped && m_program.pid > 0) {
        for (int i = 0; i < 200 && !ProgramLauncher::reap(m_program.pid); ++i)
            ::usleep(10'000);
    }
}

void ProgramTrace::readOutput()
{
    // What it wrote since the last turn, keeping the end. All of it is read: a program whose pipe
    // stays full would be slowed by it.
    if (m_outputFd < 0)
        return;
    char buffer[16 * 1024];
    for (int reads = 0; reads < 64; ++reads) {
        const ssize_t n = ::read(m_outputFd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        m_output.append(buffer, qsizetype(n));
        if (m_output.size() > 2 * ProgramRun::kMaxOutputTail)
            m_output.remove(0, m_output.size() - ProgramRun::kMaxOutputTail);
    }
    if (m_output.size() > ProgramRun::kMaxOutputTail)
        m_output.remove(0, m_output.size() - ProgramRun::kMaxOutputTail);
}

QString ProgramTrace::title() const
{
    return m_program.displayCommand();
}

QString ProgramTrace::attachProblem(qint64 pid)
{
    if (pid <= 0)
        return Text::tr("%1 is not a process id").arg(pid);
    struct stat info
    { };
    const QByteArray dir = QByteArray("/proc/") + QByteArray::number(pid);
    if (::stat(dir.constData(), &info) != 0)
        return Text::tr("there is no process %1").arg(pid);
    if (::geteuid() != 0 && info.st_uid != ::geteuid())
        return Text::tr("process %1 belongs to another user: ThreadLab traces only your own processes").arg(pid);
    if (pid == ::getpid())
        return Text::tr("process %1 is ThreadLab itself").arg(pid);
    return {};
}

std::vector<std::pair<qint64, QString>> ProgramTrace::attachableProcesses()
{
    std::vector<std::pair<qint64, QString>> processes;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool number = false;
        const qint64 pid = entry.toLongLong(&number);
        if (!number || !attachProblem(pid).isEmpty())
            continue;
        QByteArray line = ProcFiles::read(QByteArray("/proc/") + entry.toLatin1() + "/cmdline", 1024);
        while (line.endsWith('\0'))
            line.chop(1);
        if (line.isEmpty())
            continue; // a kernel thread
        line.replace('\0', ' ');
        processes.emplace_back(pid, QString::fromLocal8Bit(line));
    }
    std::sort(processes.begin(), processes.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    return processes;
}

bool ProgramTrace::launch()
{
    QStringList environment = m_settings.environment.isEmpty() ? QProcessEnvironment::systemEnvironment().toStringList()
                                                               : m_settings.environment;
    if (m_settings.pythonHook && PythonHook::isPython(m_settings.command)) {
        Result<std::unique_ptr<PythonHook>> hook = PythonHook::prepare();
        if (hook) {
            m_hook = std::move(*hook);
            environment = m_hook->environment(environment);
            m_program.pythonHook = Text::tr("the start-up hook named each thread and process and marked each print()");
        } else {
            m_log.addError(hook.error().text());
            m_program.pythonHook = Text::tr("no start-up hook (%1)").arg(hook.error().text());
        }
    }
    ProgramLauncher::Spec spec { m_settings.command, m_settings.workingDirectory, environment, m_settings.stdinFromNull,
        m_settings.captureOutput, {} };
    if (m_sched && m_sched->info().source == SchedSource::Exact) {
        // The exact capture also follows its system calls, to say what each blocked thread waits in
        // at the instant it blocks; without them, the looks say it (to a look or two).
        // (The capture's reason says which it was.)
        spec.beforeExec = [this](qint64 pid) { m_sched->followSyscalls(pid); };
    }
    m_startNs = nowNs();
    const Result<qint64> pid = ProgramLauncher::launch(spec, &m_outputFd);
    if (!pid) {
        m_startError = pid.error().text();
        return false;
    }
    m_program.pid = *pid;
    if (m_program.workingDirectory.isEmpty())
        m_program.workingDirectory = QDir::currentPath();
    return true;
}

bool ProgramTrace::attach()
{
    if (const QString problem = attachProblem(m_settings.attachPid); !problem.isEmpty()) {
        m_startError = problem;
        return false;
    }
    m_program.pid = m_settings.attachPid;
    const QByteArray base = QByteArray("/proc/") + QByteArray::number(m_program.pid);
    QByteArray line = ProcFiles::read(base + "/cmdline", 4096);
    while (line.endsWith('\0'))
        line.chop(1);
    m_program.command.clear();
    for (const QByteArray &word : line.split('\0'))
        m_program.command << QString::fromLocal8Bit(word);
    if (line.isEmpty()) // between fork and exec, or a kernel thread: its name, as ps shows it
        m_program.command
            = QStringList { u'[' + QString::fromLocal8Bit(ProcFiles::read(base + "/comm", 64).trimmed()) + u']' };
    m_program.workingDirectory = QFileInfo(QString::fromLatin1(base + "/cwd")).symLinkTarget();
    m_startNs = nowNs();
    return true;
}

void ProgramTrace::start()
{
    if (m_started)
        return;
    m_started = true;
    // Each watched thread keeps its /proc files open (one for the watcher, two for the sampler):
    // the soft limit of open files goes up to the hard one, as far as the system allows.
    rlimit files {};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
    TraceCollector::Hooks hooks;
    hooks.beforeBatch = [this](Trace &trace) {
        if (m_watcher)
            m_watcher->syncInto(trace);
    };
    hooks.beforeComplete = [this](Trace &trace) {
        if (m_watcher)
            m_watcher->syncInto(trace);
    };
    hooks.afterSched = [this](Trace &trace) {
        if (m_watcher)
            m_watcher->syncInto(trace); // the waits that the scheduler's data named
    };
    m_collector.allowNewTasks(ThreadWatcher::kMaxThreads);
    // The scheduler's view is captured from before the program's first thread.
    if (Result<std::unique_ptr<SchedCapture>> capture = SchedCapture::start(m_settings.sched, m_recorder, kSampleHz)) {
        m_sched = capture->get();
        m_sched->setWaitNamer(
            [this](size_t lane, BlockedStretch &stretch) { return m_watcher && m_watcher->nameWait(lane, stretch); });
        m_collector.setSched(std::move(*capture));
    } else
        m_log.addError(Text::tr("no scheduler data: ") + capture.error().text());
    const bool started = m_program.attached ? attach() : launch();
    m_collector.start(m_program.describe(), m_startNs > 0 ? m_startNs : nowNs(), m_settings.maxTraceRecords, hooks);
    if (!started) {
        m_log.addError(m_startError);
        m_done = true;
        m_collector.stopSched();
        m_collector.lanesEnded();
        return;
    }
    m_watcher = std::make_unique<ThreadWatcher>(m_recorder, m_program.pid, m_program.attached ? 0 : m_startNs);
    m_thread.start(
        [this] {
            if (!m_done)
                watchTurn();
            if (m_done)
                return std::chrono::nanoseconds(std::chrono::hours(1));
            return std::chrono::nanoseconds(
                std::chrono::microseconds(m_calmLooks >= kCalmLooks ? kCalmPeriodUs : kLookPeriodUs));
        },
        [] {});
}

void ProgramTrace::stop()
{
    m_stop.requestStop();
}

void ProgramTrace::watchTurn()
{
    const int64_t now = nowNs();
    if (!m_program.attached && !m_rootReaped) {
        if (const std::optional<int> status = ProgramLauncher::reap(m_program.pid)) {
            m_rootReaped = true;
            m_watcher->rootReaped(*status, now);
        }
    }
    readOutput();
    const bool alive = m_watcher->look(now);
    m_calmLooks = m_watcher->changed() ? 0 : m_calmLooks + 1;
    if (m_hook && m_turns % kNotesEvery == 0)
        m_hook->readNotes(*m_watcher);
    ++m_turns;
    bool end = !alive && (m_program.attached || m_rootReaped);
    if (m_program.attached && m_settings.attachSeconds > 0
        && now - m_startNs >= int64_t(m_settings.attachSeconds) * 1'000'000'000)
        end = true;
    if (m_stop.stopRequested()) {
        if (m_stopAskedNs < 0)
            m_stopAskedNs = now;
        const int64_t since = now - m_stopAskedNs;
        if (m_program.attached) {
            end = true; // an attached process goes on without us
        } else if (!m_rootReaped || alive) {
            // Interrupt, as Ctrl+C would; then ask it to end; then end it.
            const int due = since >= kKillAfterNs ? 3 : since >= kTermAfterNs ? 2 : 1;
            for (; m_signalsSent < due; ++m_signalsSent)
                ProgramLauncher::signal(m_program.pid,
                    m_signalsSent == 0       ? SIGINT
                        : m_signalsSent == 1 ? SIGTERM
                                             : SIGKILL,
                    m_rootReaped);
            end = end || since >= kGiveUpAfterNs;
        }
    }
    if (end)
        finish();
}

void ProgramTrace::finish()
{
    if (m_done)
        return;
    m_done = true;
    const int64_t now = nowNs();
    readOutput();
    if (m_outputFd >= 0) {
        ::close(m_outputFd);
        m_outputFd = -1;
    }
    m_program.outputTail = QString::fromLocal8Bit(m_output);
    if (m_hook)
        m_hook->readNotes(*m_watcher);
    m_watcher->endAll(now);
    for (const TracedProcess &process : m_watcher->processes()) {
        if (process.pid == m_program.pid) {
            m_program.exitCode = process.exitCode;
            m_program.signal = process.signal;
            m_program.exited = process.exitCode >= 0 || process.signal != 0;
        }
    }
    if (const qsizetype unseen = m_watcher->threadsUnseen(); unseen > 0 && !m_program.pythonHook.isEmpty())
        m_program.pythonHook += Text::tr("; threads that ended before a look found them (they lived less than 1–4 "
                                         "ms), not drawn: %1")
                                    .arg(unseen);
    if (const uint64_t notDrawn = m_watcher->threadsNotDrawn())
        m_log.addError(Text::tr("%1 of the program's threads are not drawn: more than %2 threads, or no file "
                                "descriptor left to watch them with")
                           .arg(notDrawn)
                           .arg(ThreadWatcher::kMaxThreads));
    if (!m_watcher->syscallsReadable())
        m_log.addError(Text::tr("the threads' system calls could not be read (/proc/TID/syscall: another user's "
                                "process, or ptrace is restricted): their waits are named by the kernel function "
                                "they sleep in (wchan)"));
    m_collector.stopSched();
    m_collector.lanesEnded();
}

std::shared_ptr<RecordedRun> ProgramTrace::takeRecording()
{
    waitForFinished();
    auto recording = std::make_shared<RecordedRun>();
    recording->trace = m_collector.takeTrace();
    recording->program = m_program;
    recording->scenario = m_program.describe();
    recording->errors = errors();
    recording->eventsRecorded = recordedEvents();
    recording->eventsDropped = droppedEvents();
    recording->pid = m_program.pid;
    recording->stopped = m_stop.stopRequested(); // the user ended it (it may have exited of our SIGINT)
    return recording;
}

} // namespace threadlab
