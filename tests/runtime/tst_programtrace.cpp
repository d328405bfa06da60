#include "runtime/programs/kernelwait.h"
#include "runtime/programs/programtrace.h"
#include "runtime/programs/threadwatcher.h"
#include "trace/runsummary.h"
#include "trace/tracefile.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace threadlab;

namespace {

// Traces to the end (at most 30 s, then it is stopped and the test fails).
std::shared_ptr<RecordedRun> traced(ProgramTraceSettings settings)
{
    settings.stdinFromNull = true;
    ProgramTrace trace(std::move(settings));
    trace.start();
    if (!trace.waitForFinished(30'000)) {
        trace.stop();
        trace.waitForFinished();
        qWarning("the trace did not end within 30 s");
        return nullptr;
    }
    return trace.takeRecording();
}

ProgramTraceSettings command(QStringList words, SchedMode sched = SchedMode::Sampled)
{
    ProgramTraceSettings settings;
    settings.command = std::move(words);
    settings.sched = sched;
    return settings;
}

int laneNamed(const Trace &trace, const QString &name)
{
    for (size_t i = 0; i < trace.lanes.size(); ++i) {
        if (trace.lanes[i].info.name == name)
            return int(i);
    }
    return -1;
}

int64_t stateNs(const Trace &trace, int lane, State state)
{
    int64_t total = 0;
    for (const Segment &segment : trace.lanes[size_t(lane)].segments)
        total += segment.state == state ? segment.durationNs() : 0;
    return total;
}

// "Sleeping 12.0+988.1 ms (nanosleep…), …": what a failed check saw.
QString segmentsOf(const Trace &trace, int lane)
{
    QStringList parts;
    for (const Segment &segment : trace.lanes[size_t(lane)].segments)
        parts << QStringLiteral("%1 %2+%3 ms (%4)")
                     .arg(stateName(segment.state))
                     .arg(double(segment.startNs - trace.originNs) / 1e6, 0, 'f', 1)
                     .arg(double(segment.durationNs()) / 1e6, 0, 'f', 1)
                     .arg(trace.objectName(segment.object));
    return parts.join(QStringLiteral(", "));
}

QString python()
{
    return QStandardPaths::findExecutable(QStringLiteral("python3"), { QStringLiteral("/usr/bin") }).isEmpty()
        ? QStandardPaths::findExecutable(QStringLiteral("python3"))
        : QStringLiteral("/usr/bin/python3");
}

} // namespace

class TestProgramTrace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sleepIsOneSleepingLane_data();
    void sleepIsOneSleepingLane();
    void aShellsChildrenAreProcessLanes();
    void aContendedMutexIsAFutexWaitOnTheWaiter();
    void exactWaitsAreNamedFromTheSystemCalls();
    void pythonThreadsHaveTheirPythonNamesAndPrints();
    void pythonRunsTheSameWithAndWithoutTheHook();
    void attachesToARunningProcessAndLeavesItRunning();
    void aProgramThatDoesNotExistSaysSo();
    void aCrashIsReportedAndTheTraceKept();
    void stopEndsAProgramThatIgnoresInterrupts();
    void hostileNotesAreSkipped();
    void aProgramTraceRoundTripsThroughAFile();
    void syscallsAreClassified();
    void attachRefusesWhatIsNotThere();
    void keepsTheEndOfItsOutputWhenAsked();
    void aProgramReapedBeforeItsFirstLookKeepsItsExitStatus();
};

void TestProgramTrace::sleepIsOneSleepingLane_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("sampled") << int(SchedMode::Sampled);
    QTest::newRow("exact") << int(SchedMode::Exact);
    QTest::newRow("off") << int(SchedMode::Off);
}

void TestProgramTrace::sleepIsOneSleepingLane()
{
    QFETCH(int, mode);
    if (SchedMode(mode) == SchedMode::Exact) {
        // Exact capture needs privileges this user may not have: then the test says why it skips.
        Recorder probe;
        const auto capture = SchedCapture::start(SchedMode::Exact, probe);
        if (!capture)
            QSKIP(qPrintable(capture.error().text()));
        (*capture)->stop();
    }
    const auto recording = traced(command({ QStringLiteral("sleep"), QStringLiteral("1") }, SchedMode(mode)));
    QVERIFY(recording);
    const Trace &trace = recording->trace;
    QCOMPARE(trace.lanes.size(), size_t(1));
    QCOMPARE(trace.lanes[0].info.kind, LaneKind::Main);
    QCOMPARE(trace.lanes[0].info.pid, recording->program.pid);
    // From its launch it lives about 1 s; once asleep it sleeps to its end, and the sleep is 1 s
    // (the first part of it drawn Starting when ThreadLab's first look came late, as under a
    // sanitizer). Its start can be long: on a fresh machine under ASan, exec read `sleep` and its
    // libraries from disk for 250 ms, truly drawn as IoWait; so the sleep is measured, not its
    // share of the life.
    const LaneTrack &lane = trace.lanes[0];
    const double lifeMs = double(lane.endNs - lane.beginNs) / 1e6;
    const double sleepingMs = double(stateNs(trace, 0, State::Sleeping)) / 1e6;
    const double startingMs = double(stateNs(trace, 0, State::Starting)) / 1e6;
    const auto firstSleep = std::find_if(lane.segments.begin(), lane.segments.end(),
        [](const Segment &segment) { return segment.state == State::Sleeping; });
    QVERIFY2(firstSleep != lane.segments.end(), qPrintable(segmentsOf(trace, 0)));
    const double asleepMs = double(lane.endNs - firstSleep->startNs) / 1e6;
    QVERIFY2(lifeMs > 990 && lifeMs < 1500 && sleepingMs >= 0.95 * asleepMs && sleepingMs + startingMs > 950
            && sleepingMs < 1150,
        qPrintable(QStringLiteral("%1 of %2 ms: ").arg(sleepingMs).arg(lifeMs) + segmentsOf(trace, 0)));
    QVERIFY(recording->program.exited);
    QCOMPARE(recording->program.exitCode, 0);
    QCOMPARE(trace.processes.size(), size_t(1));
    // The summary says which backend drew it.
    const RunSummary summary = RunSummary::from(*recording);
    if (SchedMode(mode) == SchedMode::Off)
        QCOMPARE(summary.sched.source, SchedSource::Off);
    else
        QVERIFY(summary.sched.source != SchedSource::Off);
    QCOMPARE(summary.toJson()[QStringLiteral("program")][QStringLiteral("exit_code")].toInt(), 0);
    // The sleep's wait is named by its system call and rule.
    bool named = false;
    for (const Segment &segment : trace.lanes[0].segments) {
        if (segment.state == State::Sleeping && segment.object != kNoObject)
            named = named || trace.objectName(segment.object).contains(QLatin1String("nanosleep"));
    }
    QVERIFY(named);
}

void TestProgramTrace::aShellsChildrenAreProcessLanes()
{
    // (bash waits in wait4; dash, Debian's sh, in rt_sigsuspend, which is drawn as sleeping)
    const auto recording = traced(
        command({ QStringLiteral("bash"), QStringLiteral("-c"), QStringLiteral("sleep 0.4 & sleep 0.5 & wait") }));
    QVERIFY(recording);
    const Trace &trace = recording->trace;
    QCOMPARE(trace.processes.size(), size_t(3));
    int children = 0;
    for (const LaneTrack &lane : trace.lanes) {
        if (lane.info.kind == LaneKind::Process) {
            ++children;
            QCOMPARE(lane.info.parent, 0); // the shell's lane started them
            QVERIFY(lane.info.pid != recording->program.pid);
        }
    }
    QCOMPARE(children, 2);
    // The shell waits for them in wait4: a join, for as long as the longer sleep.
    const double joinMs = double(stateNs(trace, 0, State::JoinWait)) / 1e6;
    QVERIFY2(joinMs > 350, qPrintable(QString::number(joinMs)));
    // The program's status is ThreadLab's to reap; a child's is known when it was seen as a zombie
    // before its parent reaped it (else -1).
    QCOMPARE(trace.processes[0].exitCode, 0);
    for (const TracedProcess &process : trace.processes)
        QVERIFY(process.exitCode == 0 || process.exitCode == -1);
}

void TestProgramTrace::aContendedMutexIsAFutexWaitOnTheWaiter()
{
    const auto recording = traced(command({ QStringLiteral(THREADLAB_TEST_CONTEND) }));
    QVERIFY(recording);
    const Trace &trace = recording->trace;
    const int waiter = laneNamed(trace, QStringLiteral("waiter"));
    const int holder = laneNamed(trace, QStringLiteral("holder"));
    QVERIFY(waiter >= 0 && holder >= 0);
    const double waitMs = double(stateNs(trace, waiter, State::LockWait)) / 1e6;
    QVERIFY2(waitMs > 250, qPrintable(QString::number(waitMs)));
    bool futex = false;
    for (const Segment &segment : trace.lanes[size_t(waiter)].segments) {
        if (segment.state == State::LockWait && segment.object != kNoObject) {
            QCOMPARE(trace.objects[segment.object].kind, ObjectKind::KernelWait);
            futex = futex || trace.objectName(segment.object).startsWith(QLatin1String("futex wait at 0x"));
        }
    }
    QVERIFY(futex);
    QVERIFY(trace.locks.empty()); // a futex is no lock of ThreadLab's: no lock rows
    QVERIFY(double(stateNs(trace, holder, State::Sleeping)) / 1e6 > 300); // the holder sleeps with it
}

void TestProgramTrace::exactWaitsAreNamedFromTheSystemCalls()
{
    Recorder probe;
    if (const auto capture = SchedCapture::start(SchedMode::Exact, probe); !capture)
        QSKIP(qPrintable(capture.error().text()));
    else
        (*capture)->stop();
    const auto recording = traced(command({ QStringLiteral(THREADLAB_TEST_CONTEND) }, SchedMode::Exact));
    QVERIFY(recording);
    const Trace &trace = recording->trace;
    QVERIFY2(trace.sched.reason.contains(QLatin1String("(raw_syscalls)")), qPrintable(trace.sched.reason));
    const int waiter = laneNamed(trace, QStringLiteral("waiter"));
    const int holder = laneNamed(trace, QStringLiteral("holder"));
    QVERIFY(waiter >= 0 && holder >= 0);
    // Its waits (the waiter's futex, the holder's clock_nanosleep, the main thread's joins) are
    // named from the system call each thread was in when it left its CPU, by the looks' rules.
    // (Where they begin and end is tst_schedmodel's to check. Where the kernel dropped records, as
    // under a storm of switches elsewhere (tst_sched), a thread's switches are missing and such a
    // wait keeps the looks' name.)
    int named = 0;
    for (const LaneTrack &lane : trace.lanes) {
        for (const Segment &segment : lane.segments) {
            const QString name = trace.objectName(segment.object);
            if (!name.contains(QLatin1String("(raw_syscalls, at the switch)")))
                continue;
            ++named;
            if (name.startsWith(QLatin1String("futex wait at 0x")))
                QCOMPARE(segment.state, State::LockWait);
            else if (name.startsWith(QLatin1String("clock_nanosleep")))
                QCOMPARE(segment.state, State::Sleeping);
        }
    }
    QVERIFY2(named > 0, qPrintable(segmentsOf(trace, waiter) + u'\n' + segmentsOf(trace, holder)));
    QVERIFY2(stateNs(trace, waiter, State::LockWait) > 250'000'000, qPrintable(segmentsOf(trace, waiter)));
}

void TestProgramTrace::pythonThreadsHaveTheirPythonNamesAndPrints()
{
    if (python().isEmpty())
        QSKIP("python3 is not installed");
    const QString code = QStringLiteral(R"(
import threading, time
def work(n):
    print("working", n)
    time.sleep(0.2)
ts = [threading.Thread(target=work, args=(i,), name="worker-%d-with-a-long-name" % i) for i in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print("done")
)");
    const auto recording = traced(command({ python(), QStringLiteral("-c"), code }));
    QVERIFY(recording);
    const Trace &trace = recording->trace;
    QVERIFY(laneNamed(trace, QStringLiteral("MainThread")) >= 0);
    for (const QString &name :
        { QStringLiteral("worker-0-with-a-long-name"), QStringLiteral("worker-1-with-a-long-name") }) {
        const int lane = laneNamed(trace, name);
        QVERIFY2(lane >= 0, qPrintable(name));
        QCOMPARE(trace.tasks[size_t(lane)].name, name);
        QVERIFY(double(stateNs(trace, lane, State::Sleeping)) / 1e6 > 150);
        // Its print, on its own lane.
        bool printed = false;
        for (const Event &mark : trace.lanes[size_t(lane)].marks)
            printed = printed
                || (mark.kind == EventKind::Mark && trace.objectName(mark.object).startsWith(QLatin1String("working")));
        QVERIFY(printed);
    }
    const RunSummary summary = RunSummary::from(*recording);
    QCOMPARE(summary.prints.size(), size_t(3));
    QVERIFY(!recording->program.pythonHook.isEmpty());
}

void TestProgramTrace::pythonRunsTheSameWithAndWithoutTheHook()
{
    if (python().isEmpty())
        QSKIP("python3 is not installed");
    // The output of a program with threads, processes and prints, with and without the hook.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("out"));
    const QString code = QStringLiteral(R"(
import concurrent.futures, sys, threading, multiprocessing, os, time
def square(n):
    time.sleep(0.02)  # long enough for a look to find the pool's threads
    return n * n
with concurrent.futures.ThreadPoolExecutor(2) as pool: print(list(pool.map(square, range(5))))
with concurrent.futures.ProcessPoolExecutor(2) as pool: print(list(pool.map(square, range(5))))
print(threading.current_thread().name, multiprocessing.current_process().name, sep="|", end="!\n")
print("to stderr", file=sys.stderr)
print(print.__name__, print.__doc__ == __builtins__.print.__doc__)
)");
    // A wrapper runs the program with its output to a file; the hook, when given, reaches the
    // program through the environment.
    QFile program(dir.filePath(QStringLiteral("program.py")));
    QVERIFY(program.open(QIODevice::WriteOnly));
    program.write(code.toUtf8());
    program.close();
    const QString wrapper
        = QStringLiteral("import subprocess, sys; subprocess.run([sys.executable, %1], "
                         "stdout=open(%2, 'w'), stderr=subprocess.STDOUT, check=True)")
              .arg(QStringLiteral("'") + program.fileName() + u'\'', QStringLiteral("'") + out + u'\'');
    QByteArray outputs[2];
    for (int hook = 0; hook < 2; ++hook) {
        ProgramTraceSettings settings = command({ python(), QStringLiteral("-c"), wrapper });
        settings.pythonHook = hook == 1;
        const auto recording = traced(settings);
        QVERIFY(recording);
        QCOMPARE(recording->program.exitCode, 0);
        QCOMPARE(recording->program.pythonHook.isEmpty(), hook == 0);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        outputs[hook] = file.readAll();
        if (hook == 1) // the hook was there: the pool's threads got their Python names
            QVERIFY(laneNamed(recording->trace, QStringLiteral("ThreadPoolExecutor-0_0")) >= 0);
    }
    QVERIFY2(outputs[0] == outputs[1], qPrintable(QString::fromUtf8(outputs[0] + "\n---\n" + outputs[1])));
    QVERIFY(outputs[0].contains("[0, 1, 4, 9, 16]"));
}

void TestProgramTrace::attachesToARunningProcessAndLeavesItRunning()
{
    QProcess sleeper;
    sleeper.start(QStringLiteral("sleep"), { QStringLiteral("5") });
    QVERIFY(sleeper.waitForStarted());
    QTest::qWait(100); // (QProcess says "started" from its side of the fork)
    ProgramTraceSettings settings;
    settings.attachPid = sleeper.processId();
    settings.attachSeconds = 1;
    settings.sched = SchedMode::Sampled;
    const auto recording = traced(settings);
    QVERIFY(recording);
    QVERIFY(recording->program.attached);
    QVERIFY(!recording->program.exited);
    QVERIFY2(recording->program.command.value(0).contains(QLatin1String("sleep")),
        qPrintable(recording->program.command.join(u' ')));
    QCOMPARE(recording->trace.lanes.size(), size_t(1));
    const double sleepingMs = double(stateNs(recording->trace, 0, State::Sleeping)) / 1e6;
    QVERIFY2(sleepingMs > 800, qPrintable(QString::number(sleepingMs)));
    QCOMPARE(recording->trace.tasks[0].outcome, TaskOutcome::CutOff); // still running when tracing ended
    QCOMPARE(sleeper.state(), QProcess::Running); // left running
    sleeper.kill();
    sleeper.waitForFinished();
}

void TestProgramTrace::aProgramThatDoesNotExistSaysSo()
{
    ProgramTrace trace(command({ QStringLiteral("no-such-program-threadlab") }));
    trace.start();
    QVERIFY(trace.waitForFinished(5000));
    QVERIFY2(trace.startError().contains(QLatin1String("no such program")), qPrintable(trace.startError()));
    QVERIFY(trace.errors().contains(trace.startError()));
    ProgramTraceSettings elsewhere = command({ QStringLiteral("sleep"), QStringLiteral("0") });
    elsewhere.workingDirectory = QStringLiteral("/no/such/folder");
    ProgramTrace nowhere(elsewhere);
    nowhere.start();
    QVERIFY(nowhere.waitForFinished(5000));
    QVERIFY2(nowhere.startError().contains(QLatin1String("/no/such/folder")), qPrintable(nowhere.startError()));
}

void TestProgramTrace::aCrashIsReportedAndTheTraceKept()
{
    const auto recording
        = traced(command({ QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("sleep 0.2; kill -SEGV $$") }));
    QVERIFY(recording);
    QCOMPARE(recording->program.signal, SIGSEGV);
    QVERIFY(recording->program.exited);
    QVERIFY2(
        recording->program.exitText().contains(QLatin1String("SIGSEGV")), qPrintable(recording->program.exitText()));
    QVERIFY(!recording->trace.lanes.empty());
    QVERIFY(recording->trace.lanes[0].endNs > recording->trace.lanes[0].beginNs);
    QCOMPARE(RunSummary::from(*recording).toJson()[QStringLiteral("program")][QStringLiteral("signal")].toString(),
        QStringLiteral("SIGSEGV"));
}

void TestProgramTrace::stopEndsAProgramThatIgnoresInterrupts()
{
    ProgramTrace trace(
        command({ QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("trap '' INT; sleep 30") }));
    trace.start();
    QTest::qWait(300);
    trace.stop();
    // SIGINT is ignored; SIGTERM follows after 2 s and ends it.
    QVERIFY(trace.waitForFinished(10'000));
    const auto recording = trace.takeRecording();
    QVERIFY(recording->program.signal == SIGTERM || recording->program.signal == SIGKILL);
    QVERIFY(recording->stopped == false || recording->program.exited);
}

void TestProgramTrace::hostileNotesAreSkipped()
{
    if (python().isEmpty())
        QSKIP("python3 is not installed");
    // The program writes garbage into the hook's notes: unknown tids, bad numbers, a huge line, a
    // mark from the far future. The trace stays sane.
    const QString code = QStringLiteral(R"(
import os, threading
fd = os.open(os.environ["THREADLAB_NOTES"], os.O_WRONLY | os.O_APPEND)
tid = threading.get_native_id()
os.write(fd, b"P 999999999 5 nobody\nN abc def\nP x y z\nQ 1 2\n" + b"P %d 1 " % tid + b"x" * 5000 + b"\n")
os.write(fd, b"P %d 9223372036854775000 future\nN %d renamed\n" % (tid, tid))
print("ok")
)");
    const auto recording = traced(command({ python(), QStringLiteral("-c"), code }));
    QVERIFY(recording);
    const Trace &trace = recording->trace;
    QCOMPARE(trace.lanes.size(), size_t(1));
    QCOMPARE(trace.lanes[0].info.name, QStringLiteral("renamed"));
    for (const Event &mark : trace.lanes[0].marks)
        QVERIFY(mark.timeNs <= trace.lastEventNs); // the far-future mark was held to its time of arrival
    QVERIFY(trace.lastEventNs - trace.originNs < 60'000'000'000);
}

void TestProgramTrace::aProgramTraceRoundTripsThroughAFile()
{
    const auto recording
        = traced(command({ QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("sleep 0.2 & wait; exit 3") }));
    QVERIFY(recording);
    QCOMPARE(recording->program.exitCode, 3);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("program.threadlab"));
    QVERIFY(TraceFile::write(*recording, path).ok());
    const auto read = TraceFile::read(path);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().text()));
    const RecordedRun &back = **read;
    QCOMPARE(back.program.command, recording->program.command);
    QCOMPARE(back.program.exitCode, 3);
    QCOMPARE(back.program.pid, recording->program.pid);
    QCOMPARE(back.trace.processes.size(), recording->trace.processes.size());
    QCOMPARE(back.trace.processes[1].command, recording->trace.processes[1].command);
    QCOMPARE(back.trace.lanes.size(), recording->trace.lanes.size());
    QCOMPARE(back.trace.objects.size(), recording->trace.objects.size());
    for (size_t i = 0; i < back.trace.lanes.size(); ++i) {
        QCOMPARE(back.trace.lanes[i].info.name, recording->trace.lanes[i].info.name);
        QCOMPARE(back.trace.lanes[i].segments.size(), recording->trace.lanes[i].segments.size());
    }
    QCOMPARE(back.scenario.title, recording->scenario.title);
    QCOMPARE(RunSummary::from(back).toText(), RunSummary::from(*recording).toText());
}

void TestProgramTrace::syscallsAreClassified()
{
    auto line = [](const char *text) {
        const auto call = KernelWaits::parseSyscallLine(QByteArrayView(text));
        return call
            ? KernelWaits::fromSyscall(*call, [](int fd) { return fd == 3 ? QStringLiteral("pipe") : QString(); })
            : KernelWait { State::Running, QStringLiteral("none"), {} };
    };
    const QByteArray futex = QByteArray::number(SYS_futex) + " 0x55d0c8e0 0x189 0x0 0x0 0x0 0xffffffff 0x7ff 0x7ff";
    QCOMPARE(line(futex.constData()).state, State::LockWait);
    QVERIFY(line(futex.constData()).call.contains(QLatin1String("0x55d0c8e0")));
    const QByteArray sleep = QByteArray::number(SYS_clock_nanosleep) + " 0x1 0x0 0x7ff 0x0 0x0 0x0 0x7ff 0x7ff";
    QCOMPARE(line(sleep.constData()).state, State::Sleeping);
    const QByteArray pollNothing = QByteArray::number(SYS_ppoll) + " 0x0 0x0 0x7ff 0x0 0x8 0x0 0x7ff 0x7ff";
    QCOMPARE(line(pollNothing.constData()).state, State::Sleeping);
    const QByteArray pollFiles = QByteArray::number(SYS_ppoll) + " 0x7ff 0x2 0x0 0x0 0x8 0x0 0x7ff 0x7ff";
    QCOMPARE(line(pollFiles.constData()).state, State::IoWait);
    const QByteArray read = QByteArray::number(SYS_read) + " 0x3 0x7ff 0x1000 0x0 0x0 0x0 0x7ff 0x7ff";
    QCOMPARE(line(read.constData()).state, State::IoWait);
    QVERIFY(line(read.constData()).call.contains(QLatin1String("pipe")));
    const QByteArray wait = QByteArray::number(SYS_wait4) + " 0x1234 0x7ff 0x0 0x0 0x0 0x0 0x7ff 0x7ff";
    QCOMPARE(line(wait.constData()).state, State::JoinWait);
    QCOMPARE(line(wait.constData()).child, qint64(0x1234));
    const QByteArray waitAny = QByteArray::number(SYS_wait4) + " 0xffffffffffffffff 0x7ff 0x0 0x0 0x0 0x0 0x7ff 0x7ff";
    QCOMPARE(line(waitAny.constData()).child, qint64(-1));
    QCOMPARE(line("running").call, QStringLiteral("none"));
    QCOMPARE(line("-1 0x7ff 0x7ff").call, QStringLiteral("none"));
    QCOMPARE(line("garbage 0xzz").call, QStringLiteral("none"));
    QCOMPARE(KernelWaits::fromWchan("futex_wait_queue").state, State::LockWait);
    QCOMPARE(KernelWaits::fromWchan("do_wait").state, State::JoinWait);
    QCOMPARE(KernelWaits::fromWchan("pipe_read").state, State::IoWait);
    QCOMPARE(KernelWaits::fromWchan("hrtimer_nanosleep").state, State::Sleeping);
    QVERIFY(KernelWaits::fromWchan("pipe_read").rule.contains(QLatin1String("wchan")));
}

void TestProgramTrace::attachRefusesWhatIsNotThere()
{
    QVERIFY(!ProgramTrace::attachProblem(0).isEmpty());
    QVERIFY(ProgramTrace::attachProblem(999'999'999).contains(QLatin1String("no process")));
    QVERIFY(!ProgramTrace::attachProblem(::getpid()).isEmpty()); // ThreadLab itself
    const auto processes = ProgramTrace::attachableProcesses();
    QVERIFY(std::none_of(processes.begin(), processes.end(), [](const auto &p) { return p.first == ::getpid(); }));
}

void TestProgramTrace::keepsTheEndOfItsOutputWhenAsked()
{
    // 100 000 lines, then an error on standard error: the end is kept, bounded.
    ProgramTraceSettings settings = command(
        { QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("seq 100000; echo 'it went wrong' >&2; exit 2") });
    settings.captureOutput = true;
    const auto recording = traced(settings);
    QVERIFY(recording);
    QCOMPARE(recording->program.exitCode, 2);
    const QString tail = recording->program.outputTail;
    QVERIFY(tail.size() <= ProgramRun::kMaxOutputTail);
    QVERIFY2(tail.endsWith(QStringLiteral("100000\nit went wrong\n")), qPrintable(tail.right(100)));
    QVERIFY(!tail.contains(QStringLiteral("\n1\n2\n3\n")));
    QCOMPARE(RunSummary::from(*recording).toJson()[QStringLiteral("program")][QStringLiteral("output_tail")].toString(),
        tail);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.threadlab"));
    QVERIFY(TraceFile::write(*recording, path).ok());
    const auto back = TraceFile::read(path);
    QVERIFY(back.ok());
    QCOMPARE((*back)->program.outputTail, tail);
}

void TestProgramTrace::aProgramReapedBeforeItsFirstLookKeepsItsExitStatus()
{
    // A program so short that ThreadLab reaps it before its first look at /proc.
    const pid_t child = ::fork();
    if (child == 0)
        ::_exit(7);
    QVERIFY(child > 0);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    Recorder recorder;
    ThreadWatcher watcher(recorder, child, 1);
    watcher.rootReaped(status, 2);
    QVERIFY(!watcher.look(3));
    const std::vector<TracedProcess> processes = watcher.processes();
    QCOMPARE(processes.size(), size_t(1));
    QCOMPARE(processes[0].pid, qint64(child));
    QCOMPARE(processes[0].exitCode, 7);
    QCOMPARE(processes[0].signal, 0);
}

QTEST_GUILESS_MAIN(TestProgramTrace)
#include "tst_programtrace.moc"
