#include "chart/gantthit.h"
#include "chart/lanelayout.h"
#include "events.h"
#include "trace/traceanalysis.h"
#include "trace/tracebuilder.h"

#include <QTest>

using namespace threadlab;
using threadlab::test::ev;
using threadlab::test::st;

namespace {

// main (pid 10) + a pool thread (pid 10) + two worker processes (pids 20 and 30)
Trace sampleTrace()
{
    Scenario scenario;
    scenario.objects = { ObjectSpec { ObjectKind::Lock, QStringLiteral("L"), QueueKind::Fifo },
        ObjectSpec { ObjectKind::Text, QStringLiteral("hello"), QueueKind::Fifo },
        ObjectSpec { ObjectKind::Counter, QStringLiteral("x"), QueueKind::Fifo } };
    scenario.tasks = { TaskSpec { QStringLiteral("t"), 1, 1, false, {} } };
    scenario.instances = { TaskInstance { 0, 0, QStringLiteral("worker-task") } };
    Trace trace;
    TraceBuilder builder(trace);
    builder.start(scenario, 0);
    builder.addLane(LaneInfo { 0, LaneKind::Process, 20, 21, QStringLiteral("process-1"), 1 });
    builder.addLane(LaneInfo { 1, LaneKind::Main, 10, 11, QStringLiteral("main"), -1 });
    builder.addLane(LaneInfo { 2, LaneKind::Thread, 10, 12, QStringLiteral("pool-1"), 1 });
    builder.addLane(LaneInfo { 3, LaneKind::Process, 30, 31, QStringLiteral("process-2"), 1 });
    const Event events[] = {
        ev(0, 2, EventKind::LaneBegin),
        ev(100, 2, EventKind::TaskBegin, 0),
        ev(100, 2, EventKind::StateChange, kNoObject, -1, State::Running),
        ev(200, 2, EventKind::StateChange, 0, 1, State::LockWait),
        ev(500, 2, EventKind::StateChange, kNoObject, -1, State::Running),
        ev(600, 2, EventKind::Mark, 1),
        ev(700, 2, EventKind::LostUpdate, 2, 5),
        ev(900, 2, EventKind::TaskEnd, 0),
        ev(1000, 2, EventKind::LaneEnd),
        ev(0, 1, EventKind::LaneBegin),
        ev(50, 1, EventKind::StateChange, kNoObject, -1, State::JoinWait),
    };
    builder.addEvents(events, std::size(events));
    return trace;
}

} // namespace

class TestGanttLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void groupsLanesByProcess();
    void findsTheRowAtAPixel();
    void hitTestsSegmentsAndMarks();
    void describesWhatIsUnderThePointer();
};

void TestGanttLayout::groupsLanesByProcess()
{
    const Trace trace = sampleTrace();
    const std::vector<LaneRow> rows = LaneLayout::build(trace, 10);
    // The locks first: header, lock L (pool-1 waited for it); then header(10), main, pool-1,
    // header(20), process-1, header(30), process-2
    QCOMPARE(rows.size(), size_t(9));
    QCOMPARE(rows[0].kind, LaneRow::ProcessHeader);
    QVERIFY(rows[0].label.startsWith(QStringLiteral("locks")));
    QCOMPARE(rows[1].kind, LaneRow::Lock);
    QCOMPARE(rows[1].lane, 0); // the lock's object id
    QCOMPARE(rows[1].label, QStringLiteral("lock “L”"));
    QCOMPARE(rows[2].kind, LaneRow::ProcessHeader);
    QVERIFY(rows[2].label.contains(QStringLiteral("this process")));
    QCOMPARE(rows[3].lane, 1); // main first in its process
    QCOMPARE(rows[4].lane, 2);
    QVERIFY(rows[4].label.startsWith(QStringLiteral("pool-1")));
    QVERIFY(rows[4].label.contains(QStringLiteral("tid 12")));
    QCOMPARE(rows[5].kind, LaneRow::ProcessHeader);
    QVERIFY(rows[5].label.contains(QStringLiteral("pid 20")));
    QCOMPARE(rows[6].lane, 0);
    QCOMPARE(rows[8].lane, 3);
    int y = 0;
    for (const LaneRow &row : rows) {
        QCOMPARE(row.y, y);
        y += row.height;
    }
    QCOMPARE(LaneLayout::contentHeight(rows), y);

    // Worker processes in the order they started: process-2 (pid 30) began before process-1.
    Trace started = sampleTrace();
    TraceBuilder builder(started);
    const Event begins[] = { ev(300, 3, EventKind::LaneBegin), ev(400, 0, EventKind::LaneBegin) };
    builder.addEvents(begins, std::size(begins));
    const std::vector<LaneRow> byStart = LaneLayout::build(started, 10);
    QVERIFY(byStart[5].label.contains(QStringLiteral("pid 30")));
    QCOMPARE(byStart[6].lane, 3);
    QVERIFY(byStart[7].label.contains(QStringLiteral("pid 20")));
    QCOMPARE(byStart[8].lane, 0);
}

void TestGanttLayout::findsTheRowAtAPixel()
{
    const std::vector<LaneRow> rows = LaneLayout::build(sampleTrace(), 10);
    QCOMPARE(LaneLayout::rowAt(rows, -1), -1);
    QCOMPARE(LaneLayout::rowAt(rows, 0), 0);
    QCOMPARE(LaneLayout::rowAt(rows, LaneLayout::kHeaderHeight), 1);
    QCOMPARE(LaneLayout::rowAt(rows, LaneLayout::kHeaderHeight + LaneLayout::kLaneHeight - 1), 1);
    QCOMPARE(LaneLayout::rowAt(rows, LaneLayout::kHeaderHeight + LaneLayout::kLaneHeight), 2);
    QCOMPARE(LaneLayout::rowAt(rows, LaneLayout::contentHeight(rows)), -1);
}

void TestGanttLayout::hitTestsSegmentsAndMarks()
{
    const Trace trace = sampleTrace();
    GanttHit hit = GanttHit::at(trace, 2, 300, 10, 1000);
    QCOMPARE(hit.kind, GanttHit::SegmentHit);
    QCOMPARE(hit.segment.state, State::LockWait);
    QCOMPARE(hit.segment.startNs, 200);
    QCOMPARE(hit.segment.endNs, 500);
    hit = GanttHit::at(trace, 2, 605, 10, 1000); // near the print mark
    QCOMPARE(hit.kind, GanttHit::MarkHit);
    QCOMPARE(hit.event.kind, EventKind::Mark);
    hit = GanttHit::at(trace, 2, 698, 10, 1000);
    QCOMPARE(hit.kind, GanttHit::LostUpdateHit);
    hit = GanttHit::at(trace, 2, 650, 10, 1000); // between: the Running segment
    QCOMPARE(hit.kind, GanttHit::SegmentHit);
    QCOMPARE(hit.segment.state, State::Running);
    QCOMPARE(hit.segment.task, 0);
    // The main lane is still waiting: its open segment reaches "now".
    hit = GanttHit::at(trace, 1, 800, 10, 1000);
    QCOMPARE(hit.kind, GanttHit::SegmentHit);
    QVERIFY(hit.open);
    QCOMPARE(hit.segment.state, State::JoinWait);
    QCOMPARE(hit.segment.endNs, 1000);
    QCOMPARE(GanttHit::at(trace, 2, 5000, 10, 1000).kind, GanttHit::None);
    QCOMPARE(GanttHit::at(trace, 9, 100, 10, 1000).kind, GanttHit::None);
}

void TestGanttLayout::describesWhatIsUnderThePointer()
{
    const Trace trace = sampleTrace();
    const QString wait = GanttHit::describe(trace, GanttHit::at(trace, 2, 300, 10, 1000));
    QVERIFY2(wait.contains(QStringLiteral("LockWait")), qPrintable(wait));
    QVERIFY(wait.contains(QStringLiteral("lock: L")));
    // The tooltip names only what a click can show: here no release of L was recorded (so a click
    // highlights no holder), and the tooltip says who held it when the wait began.
    QVERIFY(!TraceAnalysis::lockHolder(trace, 2, GanttHit::at(trace, 2, 300, 10, 1000).segment));
    QVERIFY2(wait.contains(QStringLiteral("held by main when the wait began")), qPrintable(wait));
    QVERIFY(!wait.contains(QStringLiteral("released")));
    QVERIFY(wait.contains(QStringLiteral("task: worker-task")));
    QVERIFY(wait.contains(QStringLiteral("from 200 ns for 300 ns")));
    const QString mark = GanttHit::describe(trace, GanttHit::at(trace, 2, 600, 10, 1000));
    QVERIFY2(mark.contains(QStringLiteral("print \"hello\"")), qPrintable(mark));
    Trace failed = trace;
    failed.tasks[0].outcome = TaskOutcome::Failed;
    failed.tasks[0].error = QStringLiteral("GET http://127.0.0.1/x.png: HTTP 404 Not Found");
    const QString why = GanttHit::describe(failed, GanttHit::at(failed, 2, 650, 10, 1000));
    QVERIFY2(why.contains(QStringLiteral("task failed: GET http://127.0.0.1/x.png: HTTP 404")), qPrintable(why));
    // A join names what it waits for at the moment under the pointer, and how far along it is.
    const QString join = GanttHit::describe(trace, GanttHit::at(trace, 1, 800, 10, 1000));
    QVERIFY2(join.contains(QStringLiteral("waiting for whichever task finishes next (0 of 1 had finished by then)")),
        qPrintable(join));
    const QString later = GanttHit::describe(trace, GanttHit::at(trace, 1, 950, 10, 1000));
    QVERIFY2(later.contains(QStringLiteral("(1 of 1 had finished by then)")), qPrintable(later));
    const QString lost = GanttHit::describe(trace, GanttHit::at(trace, 2, 700, 10, 1000));
    QVERIFY2(lost.contains(QStringLiteral("erased 5")), qPrintable(lost));
}

QTEST_GUILESS_MAIN(TestGanttLayout)
#include "tst_ganttlayout.moc"
