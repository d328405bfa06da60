// Python's threading toolbox beyond Lock, run as scenarios: RLock, Semaphore, Condition, Barrier,
// time-outs and daemon threads, checked on what the trace recorded.
#include "testsupport.h"
#include "trace/traceanalysis.h"

#include <QTest>
#include <algorithm>

using namespace threadlab;
using namespace threadlab::test;

namespace {

QByteArray threads(const QByteArray &body)
{
    return R"({"title": "t", "executor": {"kind": "threads"}, )" + body + "}";
}

const LaneTrack &laneOf(const Run &run, const QString &name)
{
    for (const LaneTrack &lane : run.trace().lanes) {
        if (lane.info.name == name)
            return lane;
    }
    qFatal("no lane %s", qPrintable(name));
}

std::vector<Segment> segmentsIn(const LaneTrack &lane, State state)
{
    std::vector<Segment> found;
    for (const Segment &segment : lane.segments) {
        if (segment.state == state)
            found.push_back(segment);
    }
    return found;
}

std::vector<Event> marksOf(const LaneTrack &lane, EventKind kind)
{
    std::vector<Event> found;
    for (const Event &event : lane.marks) {
        if (event.kind == kind)
            found.push_back(event);
    }
    return found;
}

QStringList printsOf(const Run &run, const QString &lane)
{
    QStringList texts;
    for (const Event &event : marksOf(laneOf(run, lane), EventKind::Mark))
        texts << run.trace().objectName(event.object);
    return texts;
}

const SyncSummary &syncOf(const RunSummary &s, const QString &name)
{
    for (const SyncSummary &object : s.sync) {
        if (object.name == name)
            return object;
    }
    qFatal("no sync summary for %s", qPrintable(name));
}

} // namespace

class TestSyncPrimitives : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rlockCountsNestedAcquisitions();
    void semaphoreLetsAtMostItsValueIn();
    void boundedSemaphoreRefusesOverRelease();
    void conditionWakesWaitersInTheOrderTheyWaited();
    void conditionPredicateIsCheckedAfterEveryWake();
    void conditionNeedsItsLock();
    void barrierReleasesEveryoneTogether();
    void barrierTimeoutBreaksIt();
    void lockTimeoutGivesUpAndGoesOn();
    void getAndWaitTimeOut();
    void daemonIsCutOffWhenTheOthersEnd();
};

void TestSyncPrimitives::rlockCountsNestedAcquisitions()
{
    const auto run = runToEnd(threads(R"("tasks": [{"name": "walk", "steps": [
        {"rlock": "R", "steps": [{"rlock": "R", "steps": [{"rlock": "R", "steps": [{"cpu": 1}]}]}]}]}])"));
    const LaneTrack &lane = laneOf(*run, QStringLiteral("walk"));
    // One hold of the lock however deep the nesting: an acquire and a release.
    QCOMPARE(lane.lockEvents.size(), size_t(2));
    QCOMPARE(lane.lockEvents[0].kind, EventKind::LockAcquire);
    QCOMPARE(lane.lockEvents[1].kind, EventKind::LockRelease);
    const RunSummary s = summaryOf(*run);
    QCOMPARE(s.locks.size(), size_t(1));
    QCOMPARE(s.locks[0].kind, ObjectKind::RLock);
    QCOMPARE(s.locks[0].acquisitions, 1);
    QCOMPARE(s.locks[0].reentries, 2);
    QCOMPARE(s.tasks[0].outcome, TaskOutcome::Completed);
}

void TestSyncPrimitives::semaphoreLetsAtMostItsValueIn()
{
    const auto run = runToEnd(threads(R"("semaphores": [{"name": "conns", "value": 2}],
        "tasks": [{"name": "q", "count": 6, "steps": [{"semaphore": "conns", "steps": [{"sleep": 60}]}]}])"));
    // Every hold, from all lanes, as (time, +1 / -1): never more than two at once.
    std::vector<std::pair<int64_t, int>> changes;
    int waited = 0;
    for (const LaneTrack &lane : run->trace().lanes) {
        for (const Event &event : lane.lockEvents) {
            changes.emplace_back(event.timeNs, event.kind == EventKind::LockAcquire ? 1 : -1);
            if (event.kind == EventKind::LockAcquire && event.arg >= 0) {
                ++waited;
                // The release that let it in is on the lane the acquire names.
                const LaneTrack &releaser = run->trace().lanes[size_t(event.arg)];
                QVERIFY(std::any_of(releaser.lockEvents.begin(), releaser.lockEvents.end(),
                    [&](const Event &e) { return e.kind == EventKind::LockRelease && e.timeNs <= event.timeNs; }));
            }
        }
        QVERIFY(segmentsIn(lane, State::SemaphoreWait).size() <= 1);
    }
    std::sort(changes.begin(), changes.end(),
        [](const auto &a, const auto &b) { return a.first < b.first || (a.first == b.first && a.second < b.second); });
    int inside = 0, most = 0;
    for (const auto &[time, change] : changes) {
        inside += change;
        most = std::max(most, inside);
    }
    QCOMPARE(most, 2);
    // Six for two places: some waited (four when all six start at once; a thread that starts late
    // may find a place free).
    QVERIFY(waited >= 1);
    const RunSummary s = summaryOf(*run);
    QCOMPARE(syncOf(s, QStringLiteral("conns")).waits, waited);
    QVERIFY(s.wallMs >= 3 * 60 - 1); // three rounds of two
}

void TestSyncPrimitives::boundedSemaphoreRefusesOverRelease()
{
    const auto bounded = runToEnd(threads(R"("semaphores": [{"name": "s", "value": 1, "bounded": true}],
        "tasks": [{"name": "a", "steps": [{"release": "s"}, {"print": "not reached"}]}])"));
    const RunSummary s = summaryOf(*bounded);
    QCOMPARE(s.tasks[0].outcome, TaskOutcome::Failed);
    QVERIFY2(s.tasks[0].error.contains(QStringLiteral("bounded semaphore 's'")), qPrintable(s.tasks[0].error));
    QVERIFY(printsOf(*bounded, QStringLiteral("a")).isEmpty());
    // Unbounded, the extra release makes room for a second holder at once.
    const auto plain = runToEnd(threads(R"("semaphores": [{"name": "s", "value": 1}],
        "tasks": [{"name": "a", "steps": [{"release": "s"}]},
                  {"name": "b", "count": 2, "steps": [{"sleep": 20}, {"semaphore": "s", "steps": [{"sleep": 80}]}]}])"));
    const RunSummary p = summaryOf(*plain);
    QCOMPARE(p.tasks[0].outcome, TaskOutcome::Completed);
    for (const QString &name : { QStringLiteral("b-1"), QStringLiteral("b-2") }) {
        const LaneTrack &lane = laneOf(*plain, name);
        QVERIFY(segmentsIn(lane, State::SemaphoreWait).empty()); // both got in at once
        QCOMPARE(lane.lockEvents.size(), size_t(2));
    }
}

void TestSyncPrimitives::conditionWakesWaitersInTheOrderTheyWaited()
{
    // Three waiters begin to wait at 10, 60 and 110 ms; from 150 ms, three single notifies wake
    // the one that has waited longest each time (CPython keeps its waiters in a deque).
    const auto run = runToEnd(threads(R"("conditions": [{"name": "c", "lock": "L"}],
        "tasks": [
          {"name": "w1", "steps": [{"sleep": 10}, {"condition": "c", "steps": [{"wait": {"condition": "c"}}]}]},
          {"name": "w2", "steps": [{"sleep": 60}, {"condition": "c", "steps": [{"wait": {"condition": "c"}}]}]},
          {"name": "w3", "steps": [{"sleep": 110}, {"condition": "c", "steps": [{"wait": {"condition": "c"}}]}]},
          {"name": "notifier", "steps": [{"sleep": 150}, {"condition": "c", "steps": [{"notify": "c"}]},
              {"sleep": 50}, {"condition": "c", "steps": [{"notify": "c"}]},
              {"sleep": 50}, {"condition": "c", "steps": [{"notify": "c"}]}]}])"));
    std::vector<std::pair<int64_t, QString>> wakes;
    const LaneTrack &notifier = laneOf(*run, QStringLiteral("notifier"));
    for (const QString &name : { QStringLiteral("w1"), QStringLiteral("w2"), QStringLiteral("w3") }) {
        const auto woken = marksOf(laneOf(*run, name), EventKind::Woken);
        if (!woken.empty()) {
            wakes.emplace_back(woken.front().timeNs, name);
            QCOMPARE(woken.front().arg, int64_t(notifier.info.id));
        }
    }
    std::sort(wakes.begin(), wakes.end());
    QStringList order;
    for (const auto &[time, name] : wakes)
        order << name;
    QCOMPARE(order.size(), 3);
    QCOMPARE(order.front(), QStringLiteral("w1"));
    QCOMPARE(order, (QStringList { QStringLiteral("w1"), QStringLiteral("w2"), QStringLiteral("w3") }));
    QCOMPARE(marksOf(notifier, EventKind::Notify).size(), size_t(3));
    // What a click on a wait shows: the lane whose notify ended it, at the notify.
    const LaneTrack &w2 = laneOf(*run, QStringLiteral("w2"));
    const auto ender
        = TraceAnalysis::waitEnder(run->trace(), int(w2.info.id), segmentsIn(w2, State::ConditionWait).front());
    QVERIFY(ender);
    QCOMPARE(ender->lane, int(notifier.info.id));
    QCOMPARE(ender->startNs, marksOf(notifier, EventKind::Notify)[1].timeNs);
    for (const QString &name : { QStringLiteral("w1"), QStringLiteral("w2"), QStringLiteral("w3") })
        QCOMPARE(segmentsIn(laneOf(*run, name), State::ConditionWait).size(), size_t(1));
}

void TestSyncPrimitives::conditionPredicateIsCheckedAfterEveryWake()
{
    // wait_for(n >= 2): the first notify_all (n = 1) wakes the waiter, which waits again; the
    // second one (n = 2) lets it go on.
    const auto run = runToEnd(threads(R"("conditions": [{"name": "c", "lock": "L"}],
        "tasks": [
          {"name": "waiter", "steps": [{"condition": "c", "steps": [
              {"wait": {"condition": "c", "until": {"counter": "n", "at_least": 2}}}, {"print": "n >= 2"}]}]},
          {"name": "adder", "repeat": 2, "steps": [{"sleep": 30},
              {"condition": "c", "steps": [{"add": {"counter": "n", "delta": 1}}, {"notify_all": "c"}]}]}])"));
    const LaneTrack &waiter = laneOf(*run, QStringLiteral("waiter"));
    QCOMPARE(segmentsIn(waiter, State::ConditionWait).size(), size_t(2));
    QCOMPARE(marksOf(waiter, EventKind::Woken).size(), size_t(2));
    QCOMPARE(printsOf(*run, QStringLiteral("waiter")), QStringList { QStringLiteral("n >= 2") });
    // Waiting gives the lock up: the adder takes it while the waiter waits.
    const RunSummary s = summaryOf(*run);
    QCOMPARE(s.tasks[0].outcome, TaskOutcome::Completed);
    QCOMPARE(syncOf(s, QStringLiteral("c")).notifies, 2);
    QVERIFY(s.tasks[0].endMs >= s.tasks[1].endMs - 1);
}

void TestSyncPrimitives::conditionNeedsItsLock()
{
    for (const char *step : { R"({"notify": "c"})", R"({"wait": {"condition": "c"}})" }) {
        const auto run = runToEnd(threads(QByteArray(R"("conditions": [{"name": "c", "lock": "L"}],
            "tasks": [{"name": "a", "steps": [)")
            + step + "]}]"));
        const RunSummary s = summaryOf(*run);
        QCOMPARE(s.tasks[0].outcome, TaskOutcome::Failed);
        QVERIFY2(
            s.tasks[0].error.contains(QStringLiteral("without holding its lock 'L'")), qPrintable(s.tasks[0].error));
    }
}

void TestSyncPrimitives::barrierReleasesEveryoneTogether()
{
    const auto run = runToEnd(threads(R"("barriers": [{"name": "b", "parties": 3}],
        "tasks": [{"name": "r1", "steps": [{"sleep": 20}, {"barrier": "b"}, {"cpu": 1}]},
                  {"name": "r2", "steps": [{"sleep": 60}, {"barrier": "b"}, {"cpu": 1}]},
                  {"name": "r3", "steps": [{"sleep": 100}, {"barrier": "b"}, {"cpu": 1}]}])"));
    const LaneTrack &last = laneOf(*run, QStringLiteral("r3"));
    QVERIFY(segmentsIn(last, State::BarrierWait).empty()); // the last arrival does not wait
    const int64_t released = segmentsIn(last, State::Sleeping).front().endNs;
    for (const QString &name : { QStringLiteral("r1"), QStringLiteral("r2") }) {
        const LaneTrack &lane = laneOf(*run, name);
        const auto waits = segmentsIn(lane, State::BarrierWait);
        QCOMPARE(waits.size(), size_t(1));
        // They go on when the last one arrived (give the OS a little time to wake them).
        QVERIFY(waits.front().endNs >= released);
        QVERIFY2(
            waits.front().endNs - released < 50'000'000, qPrintable(QString::number(waits.front().endNs - released)));
        const auto woken = marksOf(lane, EventKind::Woken);
        QCOMPARE(woken.size(), size_t(1));
        QCOMPARE(woken.front().arg, int64_t(last.info.id));
    }
    QCOMPARE(syncOf(summaryOf(*run), QStringLiteral("b")).broken, 0);
}

void TestSyncPrimitives::barrierTimeoutBreaksIt()
{
    // Three parties, two arrive: the first to time out breaks the barrier for the other, and a
    // later wait comes back broken at once. Every task goes on.
    const auto run = runToEnd(threads(R"("barriers": [{"name": "b", "parties": 3, "timeout_ms": 60}],
        "tasks": [{"name": "a", "steps": [{"barrier": "b"}, {"print": "a goes on"}]},
                  {"name": "b", "steps": [{"sleep": 20}, {"barrier": "b"}, {"print": "b goes on"}]},
                  {"name": "c", "steps": [{"sleep": 150}, {"barrier": "b"}, {"print": "c goes on"}]}])"));
    const RunSummary s = summaryOf(*run);
    for (const TaskSummary &task : s.tasks)
        QCOMPARE(task.outcome, TaskOutcome::Completed);
    const SyncSummary &barrier = syncOf(s, QStringLiteral("b"));
    QCOMPARE(barrier.timeouts, 1); // a timed out
    QCOMPARE(barrier.broken, 2); // b was woken broken; c found it broken
    QVERIFY(segmentsIn(laneOf(*run, QStringLiteral("c")), State::BarrierWait).empty());
    QCOMPARE(printsOf(*run, QStringLiteral("c")), QStringList { QStringLiteral("c goes on") });
}

void TestSyncPrimitives::lockTimeoutGivesUpAndGoesOn()
{
    const auto run = runToEnd(threads(R"("tasks": [
        {"name": "holder", "steps": [{"lock": "L", "steps": [{"sleep": 300}]}]},
        {"name": "impatient", "steps": [{"sleep": 10}, {"lock": "L", "timeout_ms": 100, "steps": [{"print": "got it"}]},
                                        {"print": "gave up"}]}])"));
    const LaneTrack &lane = laneOf(*run, QStringLiteral("impatient"));
    const auto waits = segmentsIn(lane, State::LockWait);
    QCOMPARE(waits.size(), size_t(1));
    QVERIFY(waits.front().durationNs() >= 99'000'000);
    QVERIFY(waits.front().durationNs() < 290'000'000); // gave up well before the holder let go
    const auto timeouts = marksOf(lane, EventKind::WaitTimeout);
    QCOMPARE(timeouts.size(), size_t(1));
    QCOMPARE(State(timeouts.front().aux), State::LockWait);
    QCOMPARE(printsOf(*run, QStringLiteral("impatient")), QStringList { QStringLiteral("gave up") });
    QVERIFY(lane.lockEvents.empty());
}

void TestSyncPrimitives::getAndWaitTimeOut()
{
    const auto run = runToEnd(threads(R"("queues": [{"name": "q", "kind": "fifo"}], "tasks": [
        {"name": "a", "steps": [{"get": "q", "timeout_ms": 30}, {"wait": "e", "timeout_ms": 30}, {"print": "done"}]}])"));
    const LaneTrack &lane = laneOf(*run, QStringLiteral("a"));
    const auto timeouts = marksOf(lane, EventKind::WaitTimeout);
    QCOMPARE(timeouts.size(), size_t(2));
    QCOMPARE(State(timeouts[0].aux), State::QueueWait);
    QCOMPARE(State(timeouts[1].aux), State::EventWait);
    QCOMPARE(printsOf(*run, QStringLiteral("a")), QStringList { QStringLiteral("done") });
    QVERIFY(summaryOf(*run).tasks[0].endMs >= 59);
}

void TestSyncPrimitives::daemonIsCutOffWhenTheOthersEnd()
{
    const auto run = runToEnd(threads(R"("tasks": [
        {"name": "worker", "steps": [{"sleep": 150}]},
        {"name": "heartbeat", "daemon": true, "repeat": 1000, "steps": [{"print": "tick"}, {"sleep": 40}]}])"));
    const RunSummary s = summaryOf(*run);
    QVERIFY(!s.stopped); // a daemon cut off is how the program ends, not a stop
    QCOMPARE(task(s, QStringLiteral("worker")).outcome, TaskOutcome::Completed);
    const TaskSummary &daemon = task(s, QStringLiteral("heartbeat"));
    QCOMPARE(daemon.outcome, TaskOutcome::CutOff);
    // Cut off when the worker ended, mid-sleep, after about four ticks.
    QVERIFY(daemon.endMs >= task(s, QStringLiteral("worker")).endMs);
    QVERIFY2(daemon.endMs - task(s, QStringLiteral("worker")).endMs < 100, qPrintable(QString::number(daemon.endMs)));
    const qsizetype ticks = printsOf(*run, QStringLiteral("heartbeat")).size();
    QVERIFY2(ticks >= 3 && ticks <= 5, qPrintable(QString::number(ticks)));
    // The main lane did not wait for it.
    QVERIFY(s.mainMs < daemon.endMs);

    // A daemon that waits forever on a queue (Python's usual worker daemon) is no deadlock: the
    // program ends and cuts it off.
    const auto waiting = runToEnd(threads(R"("queues": [{"name": "jobs", "kind": "fifo"}], "tasks": [
        {"name": "worker", "steps": [{"sleep": 30}]},
        {"name": "consumer", "daemon": true, "steps": [{"get": "jobs"}]}])"));
    QVERIFY(!waiting->trace().deadlock.found);
    QCOMPARE(task(summaryOf(*waiting), QStringLiteral("consumer")).outcome, TaskOutcome::CutOff);
}

QTEST_GUILESS_MAIN(TestSyncPrimitives)
#include "tst_syncprimitives.moc"
