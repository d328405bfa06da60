#include "base/osids.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/types.h>

using namespace threadlab;
using namespace threadlab::test;

namespace {

std::vector<qint64> processPids(const Trace &trace)
{
    std::vector<qint64> pids;
    for (const LaneTrack &lane : trace.lanes) {
        if (lane.info.kind == LaneKind::Process)
            pids.push_back(lane.info.pid);
    }
    return pids;
}

// What each open descriptor of this process points at ("pipe:[1234]", a path, ...), without the
// listing's own directory descriptor.
QSet<QString> openDescriptors()
{
    const QDir fds(QStringLiteral("/proc/self/fd"));
    QSet<QString> open;
    for (const QString &fd : fds.entryList(QDir::System)) {
        const QString target = QFile::symLinkTarget(fds.filePath(fd));
        if (!target.isEmpty() && target != fds.canonicalPath())
            open.insert(fd + u'=' + target);
    }
    return open;
}

bool processAlive(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == 0;
}

} // namespace

class TestProcessExecutor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsTasksInChildProcessesAndStreamsEvents();
    void aChildThatDiesIsReportedAndTheRunEnds();
    void aFrozenWorkerIsFoundKilledAndReported();
    void moreWorkersThanTasksIsAPlainRun();
    void aMissingWorkerExecutableIsReported();
    void stopLeavesNoProcessBehind();
    void workersLeaveCtrlCToTheParent();
    void abandoningARunKillsItsWorkers();
};

void TestProcessExecutor::runsTasksInChildProcessesAndStreamsEvents()
{
    const auto run = runToEnd(QByteArray(R"({"title": "p", "executor": {"kind": "processes", "workers": 3},
        "tasks": [{"name": "p", "count": 3, "steps": [{"print": "hello"}, {"sleep": 300}, {"lock": "L", "steps": [{"cpu": 5}]}]}]})"));
    const RunSummary s = summaryOf(*run);
    QVERIFY2(s.errors.isEmpty(), qPrintable(s.errors.join(u'\n')));
    const std::vector<qint64> pids = processPids(run->trace());
    QCOMPARE(pids.size(), size_t(3));
    QCOMPARE(QSet<qint64>(pids.begin(), pids.end()).size(), 3);
    for (qint64 pid : pids) {
        QVERIFY(pid != currentPid());
        QVERIFY(!processAlive(pid)); // reaped, none left behind
    }
    for (const TaskSummary &t : s.tasks) {
        QCOMPARE(t.outcome, TaskOutcome::Completed);
        QCOMPARE(s.lanes[t.lane].kind, LaneKind::Process);
        QVERIFY(t.stateMs[size_t(State::Sleeping)] >= 290);
        QVERIFY(t.startMs > 0);
    }
    // The three sleeps overlapped: the child clocks line up with ours (same monotonic clock).
    double latestStart = 0, earliestEnd = 1e12;
    for (const TaskSummary &t : s.tasks) {
        latestStart = std::max(latestStart, t.startMs);
        earliestEnd = std::min(earliestEnd, t.endMs);
    }
    QVERIFY(latestStart < earliestEnd);
    QVERIFY(s.mainMs >= s.tasks[0].endMs);
    // Task p-N ran on lane process-N, whichever worker was ready first.
    for (const TaskRecord &task : run->trace().tasks) {
        const QString lane = run->trace().lanes[size_t(task.lane)].info.name;
        QVERIFY2(lane.startsWith(QStringLiteral("process-") + task.name.section(u'-', 1) + u' '),
            qPrintable(task.name + QStringLiteral(" ran on ") + lane));
    }
    QCOMPARE(s.prints.size(), size_t(3));
    QCOMPARE(s.resultsOrder.size(), 3);
    QCOMPARE(s.locks.size(), size_t(1));
    QCOMPARE(s.locks[0].acquisitions, 3); // each process has its own lock L
    // Each process lane begins Starting, from its spawn until the worker began the lane itself,
    // before its task; the wall time including start-up counts from the first spawn.
    double firstSpawnMs = 1e12;
    const Trace &trace = run->trace();
    for (const LaneTrack &lane : trace.lanes) {
        if (lane.info.kind != LaneKind::Process)
            continue;
        QVERIFY(!lane.segments.empty());
        const Segment &starting = lane.segments.front();
        QCOMPARE(starting.state, State::Starting);
        QCOMPARE(starting.startNs, lane.beginNs);
        QVERIFY(starting.endNs > starting.startNs);
        firstSpawnMs = std::min(firstSpawnMs, nsToMs(starting.startNs - trace.originNs));
        for (const TaskRecord &task : trace.tasks)
            if (task.lane == int(lane.info.id))
                QVERIFY(task.beginNs >= starting.endNs);
    }
    QVERIFY(s.wallWithStartupMs > s.wallMs);
    double lastEndMs = 0;
    for (const TaskSummary &t : s.tasks)
        lastEndMs = std::max(lastEndMs, t.endMs);
    QVERIFY(std::abs(s.wallWithStartupMs - (lastEndMs - firstSpawnMs)) < 0.01);
}

void TestProcessExecutor::aChildThatDiesIsReportedAndTheRunEnds()
{
    Run run(parseOrFail(R"({"title": "p", "executor": {"kind": "processes", "workers": 2},
        "tasks": [{"name": "victim", "steps": [{"sleep": 60000}]}, {"name": "survivor", "steps": [{"sleep": 500}]}]})"));
    run.start();
    qint64 victimPid = 0;
    QTRY_VERIFY_WITH_TIMEOUT(run.liveTrace().read()->tasks[0].lane >= 0, 20'000);
    {
        const TraceReading trace = run.liveTrace().read();
        victimPid = trace->lanes[size_t(trace->tasks[0].lane)].info.pid;
    }
    QVERIFY(victimPid != currentPid());
    QCOMPARE(::kill(pid_t(victimPid), SIGKILL), 0);
    QVERIFY(run.waitForFinished(20'000));
    const RunSummary s = summaryOf(run);
    QCOMPARE(task(s, QStringLiteral("victim")).outcome, TaskOutcome::Failed);
    QCOMPARE(task(s, QStringLiteral("survivor")).outcome, TaskOutcome::Completed);
    const QString errors = s.errors.join(u'\n');
    QVERIFY2(errors.contains(QStringLiteral("(pid ") + QString::number(victimPid)
                 + QStringLiteral(") crashed while running task 'victim'")),
        qPrintable(errors));
    QCOMPARE(s.resultsOrder, QStringList { QStringLiteral("survivor") });
    // What the victim recorded before it died is kept, and its lane is closed.
    const LaneTrack &victimLane = run.trace().lanes[size_t(task(s, QStringLiteral("victim")).lane)];
    QVERIFY(victimLane.endNs > victimLane.beginNs);
    QVERIFY(!victimLane.segments.empty());
}

void TestProcessExecutor::aFrozenWorkerIsFoundKilledAndReported()
{
    // Ten runs at once, in each a worker stopped with SIGSTOP in the middle of a 60 s task: each run
    // finds it silent, kills it, fails its task with the reason and ends; the other task completes.
    constexpr int kTrials = 10;
    std::vector<std::unique_ptr<Run>> runs;
    for (int i = 0; i < kTrials; ++i) {
        runs.push_back(
            std::make_unique<Run>(parseOrFail(R"({"title": "p", "executor": {"kind": "processes", "workers": 2},
            "tasks": [{"name": "victim", "steps": [{"print": "before"}, {"sleep": 60000}]},
                      {"name": "survivor", "steps": [{"sleep": 300}]}]})")));
        runs.back()->start();
    }
    std::vector<qint64> victims;
    for (const auto &run : runs) {
        QTRY_VERIFY_WITH_TIMEOUT(run->liveTrace().read()->tasks[0].lane >= 0, 30'000);
        const TraceReading trace = run->liveTrace().read();
        victims.push_back(trace->lanes[size_t(trace->tasks[0].lane)].info.pid);
        QCOMPARE(::kill(pid_t(victims.back()), SIGSTOP), 0);
    }
    for (int i = 0; i < kTrials; ++i) {
        Run &run = *runs[size_t(i)];
        QVERIFY(run.waitForFinished(30'000)); // the silence limit (3 s) and a loaded machine's slack
        const RunSummary s = summaryOf(run);
        QCOMPARE(task(s, QStringLiteral("victim")).outcome, TaskOutcome::Failed);
        QCOMPARE(task(s, QStringLiteral("survivor")).outcome, TaskOutcome::Completed);
        const QString errors = s.errors.join(u'\n');
        QVERIFY2(errors.contains(QStringLiteral("(pid %1) stopped answering").arg(victims[size_t(i)]))
                && errors.contains(QStringLiteral("it is stopped (SIGSTOP")),
            qPrintable(errors));
        QCOMPARE(s.errors.size(), 1); // said once
        // What it sent before it froze is kept (its print), its lane is closed, and it is gone.
        QCOMPARE(s.prints.size(), size_t(1));
        const LaneTrack &lane = run.trace().lanes[size_t(task(s, QStringLiteral("victim")).lane)];
        QVERIFY(lane.endNs > lane.beginNs);
        QVERIFY(!processAlive(victims[size_t(i)]));
    }
}

void TestProcessExecutor::moreWorkersThanTasksIsAPlainRun()
{
    // Six workers for two tasks: two processes start, both tasks complete, nothing is reported.
    for (int trial = 0; trial < 3; ++trial) {
        const auto run = runToEnd(QByteArray(R"({"title": "p", "executor": {"kind": "processes", "workers": 6},
            "tasks": [{"name": "t", "count": 2, "steps": [{"sleep": 20}]}]})"));
        const RunSummary s = summaryOf(*run);
        QVERIFY2(s.errors.isEmpty(), qPrintable(s.errors.join(u'\n')));
        QCOMPARE(processPids(run->trace()).size(), size_t(2));
        for (const TaskSummary &t : s.tasks)
            QCOMPARE(t.outcome, TaskOutcome::Completed);
        QVERIFY(s.mainMs < 5000); // (it used to stall ~10 s for the idle workers)
    }
}

void TestProcessExecutor::aMissingWorkerExecutableIsReported()
{
    RunSettings settings;
    settings.workerPath = QStringLiteral("/nonexistent/threadlab-worker");
    const auto run = runToEnd(parseOrFail(R"({"title": "p", "executor": {"kind": "processes", "workers": 2},
        "tasks": [{"name": "a", "steps": [{"sleep": 1}]}, {"name": "b", "steps": [{"sleep": 1}]}]})"),
        settings);
    const RunSummary s = summaryOf(*run);
    const QString errors = s.errors.join(u'\n');
    QVERIFY2(errors.contains(QStringLiteral("cannot start worker process '/nonexistent/threadlab-worker'")),
        qPrintable(errors));
    QVERIFY2(errors.contains(QStringLiteral("task 'a' was not run: no worker process is left")), qPrintable(errors));
    for (const TaskSummary &t : s.tasks)
        QVERIFY(!t.ran);

    // A file that is there but not a program: said so, and nothing of the attempt stays open (a
    // failed exec in QProcess kept a pipe each time).
    QTemporaryDir dir;
    QFile text(dir.filePath(QStringLiteral("threadlab-worker")));
    QVERIFY(text.open(QIODevice::WriteOnly) && text.write("not a program\n") > 0);
    text.close();
    QVERIFY(text.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
    settings.workerPath = text.fileName();
    const QSet<QString> before = openDescriptors();
    for (int i = 0; i < 3; ++i) {
        const auto again = runToEnd(parseOrFail(R"({"title": "p", "executor": {"kind": "processes", "workers": 2},
            "tasks": [{"name": "a", "steps": [{"sleep": 1}]}, {"name": "b", "steps": [{"sleep": 1}]}]})"),
            settings);
        const QString why = summaryOf(*again).errors.join(u'\n');
        QVERIFY2(why.contains(QStringLiteral("': not an executable file")), qPrintable(why));
    }
    // Compared by what they point at: a descriptor that an earlier test closes meanwhile is no leak.
    const QSet<QString> leaked = openDescriptors() - before;
    QVERIFY2(leaked.isEmpty(), qPrintable(QStringList(leaked.begin(), leaked.end()).join(u' ')));
}

void TestProcessExecutor::stopLeavesNoProcessBehind()
{
    Run run(parseOrFail(R"({"title": "p", "executor": {"kind": "processes", "workers": 2},
        "tasks": [{"name": "a", "count": 4, "steps": [{"sleep": 60000}]}]})"));
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(processPids(*run.liveTrace().read()).size() == 2, 20'000);
    const std::vector<qint64> pids = processPids(*run.liveTrace().read());
    run.stop();
    QVERIFY(run.waitForFinished(15'000));
    for (qint64 pid : pids)
        QVERIFY(!processAlive(pid));
    const RunSummary s = summaryOf(run);
    QVERIFY2(s.errors.isEmpty(), qPrintable(s.errors.join(u'\n')));
    for (const TaskSummary &t : s.tasks)
        QVERIFY(t.outcome != TaskOutcome::Completed || !t.ran);
}

void TestProcessExecutor::workersLeaveCtrlCToTheParent()
{
    // Ctrl+C in a terminal signals the whole process group, workers included. The workers leave it
    // to the parent (which stops them in order); they neither die nor look crashed.
    Run run(parseOrFail(R"({"title": "p", "executor": {"kind": "processes", "workers": 2},
        "tasks": [{"name": "a", "count": 2, "steps": [{"sleep": 400}]}]})"));
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(processPids(*run.liveTrace().read()).size() == 2, 20'000);
    const std::vector<qint64> pids = processPids(*run.liveTrace().read());
    for (qint64 pid : pids) {
        QCOMPARE(::kill(pid_t(pid), SIGINT), 0);
        QCOMPARE(::kill(pid_t(pid), SIGTERM), 0);
    }
    QVERIFY(run.waitForFinished(20'000));
    const RunSummary s = summaryOf(run);
    QVERIFY2(s.errors.isEmpty(), qPrintable(s.errors.join(u'\n')));
    QCOMPARE(s.tasks.size(), size_t(2));
    for (const TaskSummary &t : s.tasks)
        QCOMPARE(t.outcome, TaskOutcome::Completed);
    for (qint64 pid : pids)
        QVERIFY(!processAlive(pid));
}

void TestProcessExecutor::abandoningARunKillsItsWorkers()
{
    // The window closes during a run that floods events: nobody will read the recording, so the
    // workers are killed instead of sending what they hold, and nothing is reported as crashed.
    Run run(parseOrFail(R"({"title": "p", "executor": {"kind": "processes", "workers": 2},
        "options": {"lock": false, "race_window_us": 0},
        "tasks": [{"name": "a", "count": 2, "repeat": 100, "steps": [{"add": {"counter": "x", "delta": 1, "times": 100000000}}]}]})"));
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(processPids(*run.liveTrace().read()).size() == 2, 20'000);
    const std::vector<qint64> pids = processPids(*run.liveTrace().read());
    run.abandon();
    QVERIFY(run.waitForFinished(15'000));
    for (qint64 pid : pids)
        QVERIFY(!processAlive(pid));
    // Nobody reads an abandoned run's trace, so it is not built further; its log still says how it went.
    const QString errors = run.errors().join(u'\n');
    QVERIFY2(!errors.contains(QStringLiteral("crashed")), qPrintable(errors));
}

QTEST_GUILESS_MAIN(TestProcessExecutor)
#include "tst_processexecutor.moc"
