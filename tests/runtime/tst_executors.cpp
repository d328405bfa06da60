#include "base/osids.h"
#include "runtime/gil.h"
#include "testsupport.h"
#include "trace/segment.h"

#include <QTest>

using namespace threadlab;
using namespace threadlab::test;

namespace {

QByteArray scenario(const char *executor, const char *tasks, const char *extra = "")
{
    return QByteArray(R"({"title": "t", "executor": )") + executor + R"(, "tasks": )" + tasks + extra + "}";
}

// The largest number of tasks running at one instant.
int maxOverlap(const RunSummary &summary)
{
    int best = 0;
    for (const TaskSummary &a : summary.tasks) {
        int overlapping = 0;
        for (const TaskSummary &b : summary.tasks)
            overlapping += b.startMs <= a.startMs && a.startMs < b.endMs ? 1 : 0;
        best = std::max(best, overlapping);
    }
    return best;
}

} // namespace

class TestExecutors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sequentialRunsOnTheMainLaneInOrder();
    void threadsSleepAtTheSameTime();
    void threadsWithoutJoinLetMainFinishFirst();
    void threadsJoinOnlyListedTasks();
    void poolResultOrder_data();
    void poolResultOrder();
    void poolNeverRunsMoreThanItsWorkers();
    void queueAndEventStatesAreRecorded();
    void gilLetsOneLaneRunAtATime();
    void stopEndsEveryExecutorPromptly_data();
    void stopEndsEveryExecutorPromptly();
    void theRunBuildsItsTraceAndWaitsForReaders();
};

void TestExecutors::sequentialRunsOnTheMainLaneInOrder()
{
    const auto run = runToEnd(scenario(R"({"kind": "sequential"})",
        R"([{"name": "a", "steps": [{"sleep": 60}]}, {"name": "b", "steps": [{"sleep": 60}]}])"));
    const RunSummary s = summaryOf(*run);
    QCOMPARE(s.lanes.size(), 1);
    QCOMPARE(s.lanes[0].kind, LaneKind::Main);
    QVERIFY(s.lanes[0].tid != currentTid()); // the main lane is a thread of its own
    QCOMPARE(task(s, QStringLiteral("a")).lane, 0);
    QVERIFY(task(s, QStringLiteral("b")).startMs >= task(s, QStringLiteral("a")).endMs);
    QVERIFY(s.wallMs >= 120);
    QVERIFY(task(s, QStringLiteral("a")).stateMs[size_t(State::Sleeping)] >= 59);
    QCOMPARE(s.resultsOrder, (QStringList { QStringLiteral("a"), QStringLiteral("b") }));
    QCOMPARE(s.eventsDropped, 0u);
    QCOMPARE(s.eventsRecorded, run->trace().eventCount);
    // A finished run's trace holds no growth slack.
    for (const LaneTrack &lane : run->trace().lanes)
        QCOMPARE(lane.segments.capacity(), lane.segments.size());
}

void TestExecutors::threadsSleepAtTheSameTime()
{
    const auto run
        = runToEnd(scenario(R"({"kind": "threads"})", R"([{"name": "t", "count": 4, "steps": [{"sleep": 300}]}])"));
    const RunSummary s = summaryOf(*run);
    QCOMPARE(s.lanes.size(), 5);
    QCOMPARE(maxOverlap(s), 4);
    QSet<int> lanes;
    for (const TaskSummary &t : s.tasks) {
        lanes.insert(t.lane);
        QCOMPARE(s.lanes[t.lane].kind, LaneKind::Thread);
        QCOMPARE(s.lanes[t.lane].name, t.name);
        QCOMPARE(s.lanes[t.lane].parent, 0);
    }
    QCOMPARE(lanes.size(), 4);
    QVERIFY(s.wallMs < 4 * 300); // overlapped, not one after another
    QVERIFY(s.mainMs >= task(s, QStringLiteral("t-4")).endMs); // joined all
    // The main lane waited in join.
    const LaneTrack &main = *run->trace().mainLane();
    QVERIFY(std::any_of(
        main.segments.begin(), main.segments.end(), [](const Segment &seg) { return seg.state == State::JoinWait; }));
}

void TestExecutors::threadsWithoutJoinLetMainFinishFirst()
{
    const auto run = runToEnd(scenario(R"({"kind": "threads", "join": "none"})",
        R"([{"name": "a", "steps": [{"sleep": 200}]}, {"name": "b", "steps": [{"sleep": 200}]}])"));
    const RunSummary s = summaryOf(*run);
    QVERIFY(s.mainMs < task(s, QStringLiteral("a")).endMs);
    QVERIFY(s.mainMs < task(s, QStringLiteral("b")).endMs);
    QVERIFY(s.resultsOrder.isEmpty());
    QVERIFY(s.wallMs >= 199); // the threads ran on after main finished
    for (const TaskSummary &t : s.tasks)
        QCOMPARE(t.outcome, TaskOutcome::Completed);
}

void TestExecutors::threadsJoinOnlyListedTasks()
{
    const auto run = runToEnd(scenario(R"({"kind": "threads", "join": ["fast"]})",
        R"([{"name": "fast", "steps": [{"sleep": 50}]}, {"name": "slow", "steps": [{"sleep": 600}]}])"));
    const RunSummary s = summaryOf(*run);
    QVERIFY(s.mainMs >= task(s, QStringLiteral("fast")).endMs);
    QVERIFY(s.mainMs < task(s, QStringLiteral("slow")).endMs);
    QCOMPARE(s.resultsOrder, QStringList { QStringLiteral("fast") });
}

void TestExecutors::poolResultOrder_data()
{
    QTest::addColumn<QString>("results");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("as_completed") << QStringLiteral("as_completed")
                                  << QStringList { QStringLiteral("s1"), QStringLiteral("s2"), QStringLiteral("s3") };
    QTest::newRow("in_order (map)") << QStringLiteral("in_order")
                                    << QStringList { QStringLiteral("s3"), QStringLiteral("s2"), QStringLiteral("s1") };
}

void TestExecutors::poolResultOrder()
{
    QFETCH(QString, results);
    QFETCH(QStringList, expected);
    const QByteArray executor = R"({"kind": "pool", "workers": 3, "results": ")" + results.toUtf8() + R"("})";
    const auto run = runToEnd(scenario(executor.constData(),
        R"([{"name": "s3", "steps": [{"sleep": 450}]},
                                           {"name": "s2", "steps": [{"sleep": 300}]},
                                           {"name": "s1", "steps": [{"sleep": 150}]}])"));
    const RunSummary s = summaryOf(*run);
    QCOMPARE(s.resultsOrder, expected);
    QCOMPARE(maxOverlap(s), 3);
    // Main is done when the last result arrived, not before.
    QVERIFY(s.mainMs >= task(s, QStringLiteral("s3")).endMs);
}

void TestExecutors::poolNeverRunsMoreThanItsWorkers()
{
    const auto run = runToEnd(
        scenario(R"({"kind": "pool", "workers": 2})", R"([{"name": "t", "count": 5, "steps": [{"sleep": 80}]}])"));
    const RunSummary s = summaryOf(*run);
    QVERIFY(maxOverlap(s) <= 2);
    QCOMPARE(s.lanes.size(), 3); // main + two pool threads
    QCOMPARE(s.lanes[1].name, QStringLiteral("pool-1"));
    QVERIFY(s.wallMs >= 3 * 80 - 5); // five tasks on two threads: three rounds
    // Pool threads are Idle between tasks and after the last one.
    bool idle = false;
    for (size_t lane = 1; lane < run->trace().lanes.size(); ++lane) {
        for (const Segment &seg : run->trace().lanes[lane].segments)
            idle = idle || seg.state == State::Idle;
    }
    QVERIFY(idle);
    QCOMPARE(s.resultsOrder.size(), 5);
}

void TestExecutors::queueAndEventStatesAreRecorded()
{
    const auto run = runToEnd(scenario(R"({"kind": "threads"})",
        R"([{"name": "consumer", "steps": [{"get": "q"}, {"wait": "go"}]},
                                           {"name": "producer", "steps": [{"sleep": 100}, {"put": {"queue": "q", "item": "x"}}, {"sleep": 100}, {"set": "go"}]}])",
        R"(, "queues": [{"name": "q", "kind": "fifo"}])"));
    const RunSummary s = summaryOf(*run);
    const TaskSummary &consumer = task(s, QStringLiteral("consumer"));
    QVERIFY(consumer.stateMs[size_t(State::QueueWait)] >= 90);
    QVERIFY(consumer.stateMs[size_t(State::EventWait)] >= 90);
    QCOMPARE(s.queues.size(), size_t(1));
    QCOMPARE(s.queues[0].gets, QStringList { QStringLiteral("x") });
}

void TestExecutors::gilLetsOneLaneRunAtATime()
{
    const auto run = runToEnd(scenario(R"({"kind": "pool", "workers": 4})",
        R"([{"name": "burn", "count": 4, "steps": [{"cpu": 60}]}])", R"(, "options": {"gil": true})"));
    // Stretches run holding the GIL never overlap: a holder records that it stops holding before
    // it lets go, the next one that it holds after it got it.
    std::vector<std::pair<int64_t, int>> changes;
    for (const LaneTrack &lane : run->trace().lanes) {
        for (const Segment &s : lane.segments) {
            if (s.state == State::Running && s.arg == SegmentDetail::kHoldingGil) {
                changes.emplace_back(s.startNs, 1);
                changes.emplace_back(s.endNs, -1);
            }
        }
    }
    QVERIFY(changes.size() > 20);
    std::sort(changes.begin(), changes.end());
    int running = 0;
    int64_t overlap = 0;
    for (size_t i = 0; i < changes.size(); ++i) {
        if (running >= 2 && i > 0)
            overlap += changes[i].first - changes[i - 1].first;
        running += changes[i].second;
    }
    QVERIFY2(overlap == 0, qPrintable(QString::number(overlap)));
    const RunSummary s = summaryOf(*run);
    for (const TaskSummary &t : s.tasks)
        QVERIFY(t.stateMs[size_t(State::GilWait)] > 0);
}

void TestExecutors::stopEndsEveryExecutorPromptly_data()
{
    QTest::addColumn<QByteArray>("executor");
    QTest::newRow("sequential") << QByteArray(R"({"kind": "sequential"})");
    QTest::newRow("threads") << QByteArray(R"({"kind": "threads"})");
    QTest::newRow("pool") << QByteArray(R"({"kind": "pool", "workers": 2})");
    QTest::newRow("processes") << QByteArray(R"({"kind": "processes", "workers": 2})");
}

void TestExecutors::stopEndsEveryExecutorPromptly()
{
    QFETCH(QByteArray, executor);
    Run run(parseOrFail(scenario(executor.constData(),
        R"([{"name": "sleeper", "steps": [{"sleep": 600000}]},
                                     {"name": "burner", "steps": [{"cpu": 600000}]},
                                     {"name": "waiter", "steps": [{"wait": "never"}]}])")));
    run.start();
    // Wait until a task is under way, then stop.
    const auto aTaskBegan = [&run] {
        const TraceReading trace = run.liveTrace().read();
        return std::any_of(
            trace->tasks.begin(), trace->tasks.end(), [](const TaskRecord &t) { return t.beginNs >= 0; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(aTaskBegan(), 20'000);
    run.stop();
    QVERIFY(run.waitForFinished(10'000));
    const RunSummary s = summaryOf(run);
    for (const TaskSummary &t : s.tasks)
        QVERIFY(!t.ran || t.outcome != TaskOutcome::Completed);
    QVERIFY2(s.errors.isEmpty(), qPrintable(s.errors.join(u'\n')));
    // Every lane that began also ended.
    for (const LaneTrack &lane : run.trace().lanes) {
        if (lane.beginNs >= 0)
            QVERIFY2(lane.endNs >= lane.beginNs, qPrintable(lane.info.name));
    }
}

void TestExecutors::theRunBuildsItsTraceAndWaitsForReaders()
{
    // Nobody calls anything: the run's own collector thread builds the trace as the lanes record.
    Run run(parseOrFail(R"({"title": "t", "executor": {"kind": "threads"},
        "tasks": [{"name": "a", "count": 2, "repeat": 100000, "steps": [{"sleep": 1}]}]})"));
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(run.liveTrace().read()->eventCount > 0, 20'000);
    uint64_t whileHeld = 0;
    {
        // While a reader holds the trace it does not change, though the lanes go on recording.
        const TraceReading trace = run.liveTrace().read();
        whileHeld = trace->eventCount;
        QTest::qSleep(50);
        QCOMPARE(trace->eventCount, whileHeld);
    }
    QTRY_VERIFY_WITH_TIMEOUT(run.liveTrace().read()->eventCount > whileHeld, 20'000);
    run.stop();
    QVERIFY(run.waitForFinished(20'000));
    QVERIFY(run.isFinished());
    QCOMPARE(run.trace().eventCount, run.recordedEvents()); // once finished, everything recorded is in the trace
}

QTEST_GUILESS_MAIN(TestExecutors)
#include "tst_executors.moc"
