// Deadlocks caught as they form (cycles and waits nobody can end), the lock-order report of runs
// that got lucky, and no false alarms.
#include "runtime/workermessages.h"
#include "scenario/scenariolibrary.h"
#include "testsupport.h"
#include "trace/deadlocks.h"
#include "trace/tracefile.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace threadlab;
using namespace threadlab::test;

namespace {

QByteArray scenario(const char *executor, const QByteArray &tasks, const QByteArray &extra = {})
{
    return QByteArray(R"({"title": "t", "executor": )") + executor + R"(, "tasks": )" + tasks + extra + "}";
}

// n lanes in a ring: lane i takes lock i, pauses, then lock i+1 (the last one takes lock 0).
QByteArray ring(int n, int pauseMs)
{
    QByteArray tasks = "[";
    for (int i = 0; i < n; ++i) {
        tasks += QStringLiteral(R"(%1{"name": "t%2", "steps": [{"lock": "L%2", "steps": [{"sleep": %3},
            {"lock": "L%4", "steps": [{"cpu": 1}]}]}]})")
                     .arg(i ? QStringLiteral(",") : QString())
                     .arg(i)
                     .arg(pauseMs)
                     .arg((i + 1) % n)
                     .toUtf8();
    }
    return tasks + "]";
}

// When the last lane of a deadlock began the wait it was found in: the deadlock formed then.
int64_t formedAt(const Trace &trace)
{
    int64_t last = INT64_MIN;
    const int64_t found = trace.deadlock.detectedNs;
    for (const DeadlockLink &link : trace.deadlock.links) {
        const LaneTrack &lane = trace.lanes[link.lane];
        std::vector<Segment> segments(lane.segments.begin(), lane.segments.end());
        if (lane.hasOpenSegment)
            segments.push_back(lane.open);
        const auto wait = std::find_if(segments.begin(), segments.end(), [&](const Segment &s) {
            return s.state == link.waitState && s.startNs <= found && (found < s.endNs || &s == &segments.back());
        });
        if (wait == segments.end())
            return INT64_MAX; // no such wait: the check fails
        last = std::max(last, wait->startNs);
    }
    return last;
}

// The scenario with every sleep and cpu step shortened to at most `ms`, and add steps to 50 updates.
void shorten(std::vector<Step> &steps, int64_t ns)
{
    for (Step &step : steps) {
        if (step.kind == StepKind::Sleep || step.kind == StepKind::Cpu)
            step.durationNs = std::min(step.durationNs, ns);
        if (step.kind == StepKind::Add)
            step.times = std::min<int64_t>(step.times, 50);
        shorten(step.steps, ns);
    }
}

} // namespace

class TestDeadlock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cyclesAreCaughtAsTheyForm_data();
    void cyclesAreCaughtAsTheyForm();
    void theCycleIsExplainedInWords();
    void waitsNobodyCanEndAreDiagnosed_data();
    void waitsNobodyCanEndAreDiagnosed();
    void aLockTakenTwiceIsASelfDeadlock();
    void lockOrderInversionIsReportedOnALuckyRun();
    void longerLockOrderCyclesAreFound();
    void processesNeverShareACycle();
    void theDeadlockIsKeptInTheTraceFile();
    void noFalseAlarmsOnTheLessonsWithOrderingOn();
};

void TestDeadlock::cyclesAreCaughtAsTheyForm_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("lanes");
    // Pauses long enough for every lane to take its first lock before any asks for its second, even
    // when threads start late on a loaded machine.
    QTest::newRow("2 lanes") << scenario(R"({"kind": "threads"})", ring(2, 150)) << 2;
    QTest::newRow("3 lanes") << scenario(R"({"kind": "threads"})", ring(3, 150)) << 3;
    QTest::newRow("5 lanes (the philosophers' ring)") << scenario(R"({"kind": "threads"})", ring(5, 200)) << 5;
}

void TestDeadlock::cyclesAreCaughtAsTheyForm()
{
    QFETCH(QByteArray, json);
    QFETCH(int, lanes);
    Scenario s = parseOrFail(json);
    s.options.ordering = false;
    const auto run = runToEnd(std::move(s));
    const Trace &trace = run->trace();
    QVERIFY(trace.deadlock.found);
    QVERIFY(trace.deadlock.cycle);
    // The cycle's lanes each wait for a lock another one of them holds.
    int inCycle = 0;
    for (const DeadlockLink &link : trace.deadlock.links) {
        if (link.waitState != State::LockWait)
            continue;
        ++inCycle;
        QCOMPARE(link.holds.size(), size_t(1));
        QVERIFY(link.heldBy >= 0 && link.heldBy != int64_t(link.lane));
        const auto holder = std::find_if(trace.deadlock.links.begin(), trace.deadlock.links.end(),
            [&](const DeadlockLink &other) { return int64_t(other.lane) == link.heldBy; });
        QVERIFY(holder != trace.deadlock.links.end());
        QCOMPARE(holder->holds.front(), link.waitsFor);
    }
    QCOMPARE(inCycle, lanes);
    // Caught within 100 ms of forming; the run then stopped on its own, not by the user.
    const int64_t late = trace.deadlock.detectedNs - formedAt(trace);
    QVERIFY2(late >= 0 && late < 100'000'000, qPrintable(QString::number(late)));
    const RunSummary summary = summaryOf(*run);
    QVERIFY(!summary.stopped);
    QVERIFY(summary.deadlock.found);
    QCOMPARE(summary.toJson().value(QStringLiteral("deadlock")).toObject().value(QStringLiteral("kind")).toString(),
        QStringLiteral("cycle"));
    for (const TaskSummary &task : summary.tasks)
        QCOMPARE(task.outcome, TaskOutcome::Cancelled);
    QVERIFY(summary.resultsOrder.isEmpty()); // the joins returned on the stop, with no results
    QCOMPARE(run->droppedEvents(), 0u);
}

void TestDeadlock::theCycleIsExplainedInWords()
{
    const auto run = runToEnd(withLongerSleeps(ScenarioLibrary::load(QStringLiteral("deadlock-two-locks")).value(), 5));
    const RunSummary summary = summaryOf(*run);
    QVERIFY(summary.deadlock.found);
    QVERIFY2(summary.deadlock.sentences.contains(
                 QStringLiteral("transfer_1 holds lock 'A' and waits for lock 'B' (held by transfer_2)")),
        qPrintable(summary.deadlock.sentences.join(u'\n')));
    QVERIFY(summary.deadlock.sentences.contains(
        QStringLiteral("transfer_2 holds lock 'B' and waits for lock 'A' (held by transfer_1)")));
    const QJsonObject json = summary.toJson().value(QStringLiteral("deadlock")).toObject();
    QVERIFY(json.value(QStringLiteral("detected_ms")).toDouble() > 19);
    const QJsonArray cycle = json.value(QStringLiteral("cycle")).toArray();
    QVERIFY(cycle.size() >= 2);
    QStringList lanes;
    for (const QJsonValue &link : cycle)
        lanes << link.toObject().value(QStringLiteral("lane")).toString();
    QVERIFY(lanes.contains(QStringLiteral("transfer_1")) && lanes.contains(QStringLiteral("transfer_2")));
    QCOMPARE(cycle.at(0).toObject().value(QStringLiteral("holds")).toArray().size(), 1);
    QVERIFY(cycle.at(0).toObject().value(QStringLiteral("waits_for")).toString().startsWith(QStringLiteral("lock '")));
}

void TestDeadlock::waitsNobodyCanEndAreDiagnosed_data()
{
    QTest::addColumn<QByteArray>("executor");
    QTest::addColumn<QString>("lane");
    QTest::newRow("threads") << QByteArray(R"({"kind": "threads"})") << QStringLiteral("waiter");
    QTest::newRow("pool") << QByteArray(R"({"kind": "pool", "workers": 3})") << QStringLiteral("pool-");
    QTest::newRow("sequential") << QByteArray(R"({"kind": "sequential"})") << QStringLiteral("main");
    QTest::newRow("processes") << QByteArray(R"({"kind": "processes", "workers": 3})") << QStringLiteral("process-");
}

void TestDeadlock::waitsNobodyCanEndAreDiagnosed()
{
    QFETCH(QByteArray, executor);
    QFETCH(QString, lane);
    // The setter ends without setting the event: the waiter can never go on.
    const auto run = runToEnd(scenario(executor.constData(),
        R"([{"name": "waiter", "steps": [{"wait": "go"}]},
            {"name": "setter", "steps": [{"sleep": 30}, {"print": "forgot to set"}]}])"));
    const Trace &trace = run->trace();
    QVERIFY(trace.deadlock.found);
    QVERIFY(!trace.deadlock.cycle);
    const auto waiting = std::find_if(trace.deadlock.links.begin(), trace.deadlock.links.end(),
        [&](const DeadlockLink &link) { return link.waitState == State::EventWait; });
    QVERIFY(waiting != trace.deadlock.links.end());
    QCOMPARE(trace.objectName(waiting->waitsFor), QStringLiteral("go"));
    QVERIFY2(trace.lanes[waiting->lane].info.name.startsWith(lane), qPrintable(trace.lanes[waiting->lane].info.name));
    const RunSummary summary = summaryOf(*run);
    QVERIFY(std::any_of(summary.deadlock.sentences.begin(), summary.deadlock.sentences.end(),
        [](const QString &sentence) { return sentence.contains(QStringLiteral("waits for event 'go', which no")); }));
    QCOMPARE(summary.toJson().value(QStringLiteral("deadlock")).toObject().value(QStringLiteral("kind")).toString(),
        QStringLiteral("waits_forever"));
}

void TestDeadlock::aLockTakenTwiceIsASelfDeadlock()
{
    const auto run = runToEnd(scenario(R"({"kind": "threads"})",
        R"([{"name": "t", "steps": [{"lock": "A", "steps": [{"lock": "A", "steps": []}]}]}])"));
    const Trace &trace = run->trace();
    QVERIFY(trace.deadlock.found && trace.deadlock.cycle);
    const QStringList words = Deadlocks::explain(trace, trace.deadlock);
    QVERIFY2(words.front().contains(QStringLiteral("a Lock is not re-entrant")), qPrintable(words.join(u'\n')));
}

void TestDeadlock::lockOrderInversionIsReportedOnALuckyRun()
{
    // transfer_2 starts after transfer_1 is done: no deadlock this time, but the opposite orders are.
    const auto run = runToEnd(scenario(R"({"kind": "threads"})",
        R"([{"name": "transfer_1", "steps": [{"lock": "A", "steps": [{"sleep": 5}, {"lock": "B", "steps": []}]}]},
            {"name": "transfer_2", "steps": [{"sleep": 60}, {"lock": "B", "steps": [{"sleep": 5}, {"lock": "A", "steps": []}]}]}])"));
    const RunSummary summary = summaryOf(*run);
    QVERIFY(!summary.deadlock.found);
    QCOMPARE(summary.potentialDeadlocks.size(), size_t(1));
    const PotentialDeadlockSummary &p = summary.potentialDeadlocks.front();
    QCOMPARE(p.locks, (QStringList { QStringLiteral("A"), QStringLiteral("B") }));
    QCOMPARE(p.lanes, (QStringList { QStringLiteral("transfer_1"), QStringLiteral("transfer_2") }));
    QCOMPARE(p.steps.size(), 2);
    QVERIFY2(p.steps[0].startsWith(QStringLiteral("transfer_1 took lock 'B' while holding lock 'A' at ")),
        qPrintable(p.steps[0]));
    QVERIFY(p.steps[1].startsWith(QStringLiteral("transfer_2 took lock 'A' while holding lock 'B' at ")));
    // With ordering on, both take A first: nothing to report.
    Scenario ordered = parseOrFail(run->scenario().source);
    ordered.options.ordering = true;
    QVERIFY(summaryOf(*runToEnd(std::move(ordered))).potentialDeadlocks.empty());
}

void TestDeadlock::longerLockOrderCyclesAreFound()
{
    // A -> B, B -> C, C -> A, one after the other: a three-lock cycle no pair shows.
    const auto run = runToEnd(scenario(R"({"kind": "threads"})",
        R"([{"name": "x", "steps": [{"lock": "A", "steps": [{"lock": "B", "steps": []}]}]},
            {"name": "y", "steps": [{"sleep": 30}, {"lock": "B", "steps": [{"lock": "C", "steps": []}]}]},
            {"name": "z", "steps": [{"sleep": 60}, {"lock": "C", "steps": [{"lock": "A", "steps": []}]}]}])"));
    const RunSummary summary = summaryOf(*run);
    QCOMPARE(summary.potentialDeadlocks.size(), size_t(1));
    QCOMPARE(summary.potentialDeadlocks.front().locks,
        (QStringList { QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C") }));
    QCOMPARE(summary.potentialDeadlocks.front().lanes.size(), 3);
}

void TestDeadlock::processesNeverShareACycle()
{
    // The two-lock deadlock run as two processes: each has its own A and B, so neither a cycle
    // nor a lock-order inversion exists across them.
    Scenario s = ScenarioLibrary::load(QStringLiteral("deadlock-two-locks")).value();
    s.executor.kind = ExecutorKind::Processes;
    s.executor.workers = 2;
    const auto run = runToEnd(std::move(s));
    const RunSummary summary = summaryOf(*run);
    QVERIFY2(!summary.deadlock.found, qPrintable(summary.deadlock.sentences.join(u'\n')));
    QVERIFY(summary.potentialDeadlocks.empty());
    for (const TaskSummary &task : summary.tasks)
        QCOMPARE(task.outcome, TaskOutcome::Completed);
    // Within one worker process a deadlock is still found, and stops the run.
    const auto self = runToEnd(scenario(R"({"kind": "processes", "workers": 1})",
        R"([{"name": "t", "steps": [{"lock": "A", "steps": [{"lock": "A", "steps": []}]}]}])"));
    QVERIFY(self->trace().deadlock.found);
    QCOMPARE(self->trace().lanes[self->trace().deadlock.links.front().lane].info.kind, LaneKind::Process);
}

void TestDeadlock::theDeadlockIsKeptInTheTraceFile()
{
    Run run(withLongerSleeps(ScenarioLibrary::load(QStringLiteral("deadlock-two-locks")).value(), 5));
    run.start();
    const std::shared_ptr<RecordedRun> recording = run.takeRecording();
    QVERIFY(recording->trace.deadlock.found);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("deadlock.threadlab"));
    QVERIFY(TraceFile::write(*recording, path));
    const auto read = TraceFile::read(path);
    QVERIFY2(read.ok(), qPrintable(read.error().text()));
    const Deadlock &a = recording->trace.deadlock;
    const Deadlock &b = (*read)->trace.deadlock;
    QCOMPARE(b.found, a.found);
    QCOMPARE(b.cycle, a.cycle);
    QCOMPARE(b.detectedNs, a.detectedNs);
    QCOMPARE(b.links.size(), a.links.size());
    for (size_t i = 0; i < a.links.size(); ++i) {
        QCOMPARE(b.links[i].lane, a.links[i].lane);
        QCOMPARE(b.links[i].holds, a.links[i].holds);
        QCOMPARE(b.links[i].waitsFor, a.links[i].waitsFor);
        QCOMPARE(b.links[i].heldBy, a.links[i].heldBy);
        QCOMPARE(b.links[i].waitState, a.links[i].waitState);
    }
    QCOMPARE((*read)->scenario.options.ordering, false);
    // A file whose deadlock names a lane the trace does not have is refused, saying so.
    recording->trace.deadlock.links.front().lane = uint32_t(recording->trace.lanes.size() + 5);
    const QString bad = dir.filePath(QStringLiteral("bad.threadlab"));
    QVERIFY(TraceFile::write(*recording, bad));
    const auto refused = TraceFile::read(bad);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().text().contains(QStringLiteral("deadlocked lane 0 names a lane, task or object that does "
                                                            "not exist")),
        qPrintable(refused.error().text()));
    // A worker's deadlock message is checked the same way: a state out of range, or bytes left over.
    Deadlock wrong = a;
    wrong.links.front().waitState = State(200);
    QVERIFY(!WorkerMessages::decodeDeadlock(WorkerMessages::encode(wrong), 8, 8));
    QVERIFY(!WorkerMessages::decodeDeadlock(WorkerMessages::encode(a) + "x", 8, 8));
    QVERIFY(!WorkerMessages::decodeDeadlock(WorkerMessages::encode(a), 1, 8)); // more lanes than it has
    QVERIFY(WorkerMessages::decodeDeadlock(WorkerMessages::encode(a), 8, 8));
}

void TestDeadlock::noFalseAlarmsOnTheLessonsWithOrderingOn()
{
    // Every built-in lesson that runs on threads, a pool or sequentially, shortened, with lock
    // ordering on: 1 000 runs in all, none reports a deadlock (each one ends on its own).
    std::vector<Scenario> lessons;
    for (const ScenarioEntry &entry : ScenarioLibrary::builtIns()) {
        Scenario s = ScenarioLibrary::load(entry.id).value();
        // Shortened, event-flag can set and clear its event before the worker waits for it: the
        // worker then waits forever, a true deadlock (the detector rightly reports it).
        if (s.executor.kind == ExecutorKind::Processes || s.server.used || s.id == QStringLiteral("event-flag"))
            continue;
        s.options.ordering = true;
        s.options.raceWindowNs = 0;
        shorten(s.mainSteps, 2'000'000);
        for (TaskSpec &task : s.tasks)
            shorten(task.steps, 2'000'000);
        lessons.push_back(std::move(s));
    }
    QVERIFY(lessons.size() >= 15);
    int runs = 0;
    for (size_t i = 0; runs < 1000; ++i, ++runs) {
        const Scenario &lesson = lessons[i % lessons.size()];
        const auto run = runToEnd(lesson);
        QVERIFY2(!run->trace().deadlock.found,
            qPrintable(lesson.id + u": " + Deadlocks::explain(run->trace(), run->trace().deadlock).join(u'\n')));
    }
}

QTEST_GUILESS_MAIN(TestDeadlock)
#include "tst_deadlock.moc"
