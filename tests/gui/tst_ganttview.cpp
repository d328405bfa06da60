#include "chart/ganttview.h"
#include "events.h"
#include "trace/tracebuilder.h"
#include "trace/tracesource.h"

#include <QApplication>
#include <QPaintEvent>
#include <QScrollBar>
#include <QTest>
#include <QWheelEvent>

using namespace threadlab;
using threadlab::test::ev;
using threadlab::test::st;

namespace {

// Two threads of pid 1: "holder" holds lock L from 100 to 600 ms; "waiter" waits for it from 200 ms.
Trace contention()
{
    Scenario scenario;
    scenario.objects = { ObjectSpec { ObjectKind::Lock, QStringLiteral("L"), QueueKind::Fifo } };
    Trace trace;
    TraceBuilder builder(trace);
    builder.start(scenario, 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("holder"), -1 });
    builder.addLane(LaneInfo { 1, LaneKind::Thread, 1, 3, QStringLiteral("waiter"), -1 });
    constexpr int64_t ms = 1'000'000;
    const Event holder[] = { ev(0, 0, EventKind::LaneBegin), ev(100 * ms, 0, EventKind::LockAcquire, 0, -1),
        ev(600 * ms, 0, EventKind::LockRelease, 0), ev(1000 * ms, 0, EventKind::LaneEnd) };
    const Event waiter[] = { ev(0, 1, EventKind::LaneBegin),
        ev(200 * ms, 1, EventKind::StateChange, 0, 0, State::LockWait), ev(600 * ms, 1, EventKind::LockAcquire, 0, 0),
        ev(600 * ms + 1000, 1, EventKind::StateChange, kNoObject, -1, State::Running),
        ev(700 * ms, 1, EventKind::LockRelease, 0), ev(1000 * ms, 1, EventKind::LaneEnd) };
    builder.addEvents(holder, std::size(holder));
    builder.addEvents(waiter, std::size(waiter));
    return trace;
}

// add_1 and add_2 (pid 1) update counter x twice each; each loses one update to the other: add_2's
// write at 25 ms (read at 12) erases add_1's write at 20, add_1's write at 510 ms (read at 500)
// erases add_2's write at 505.
Trace race()
{
    Scenario scenario;
    scenario.objects = { ObjectSpec { ObjectKind::Counter, QStringLiteral("x"), QueueKind::Fifo } };
    Trace trace;
    TraceBuilder builder(trace);
    builder.start(scenario, 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("add_1"), -1 });
    builder.addLane(LaneInfo { 1, LaneKind::Thread, 1, 3, QStringLiteral("add_2"), -1 });
    constexpr int64_t ms = 1'000'000;
    const Event first[] = { ev(0, 0, EventKind::LaneBegin), ev(10 * ms, 0, EventKind::CounterRead, 0, 0),
        ev(20 * ms, 0, EventKind::CounterWrite, 0, 1), ev(500 * ms, 0, EventKind::CounterRead, 0, 1),
        ev(510 * ms, 0, EventKind::CounterWrite, 0, 2), ev(511 * ms, 0, EventKind::LostUpdate, 0, 1),
        ev(1000 * ms, 0, EventKind::LaneEnd) };
    const Event second[] = { ev(0, 1, EventKind::LaneBegin), ev(12 * ms, 1, EventKind::CounterRead, 0, 0),
        ev(25 * ms, 1, EventKind::CounterWrite, 0, 1), ev(26 * ms, 1, EventKind::LostUpdate, 0, 1),
        ev(502 * ms, 1, EventKind::CounterRead, 0, 1), ev(505 * ms, 1, EventKind::CounterWrite, 0, 2),
        ev(1000 * ms, 1, EventKind::LaneEnd) };
    builder.addEvents(first, std::size(first));
    builder.addEvents(second, std::size(second));
    trace.counters.update(trace, INT64_MAX);
    return trace;
}

QPoint pointOf(const GanttView &view, int lane, int64_t t)
{
    for (const LaneRow &row : view.rows()) {
        if (row.kind == LaneRow::Lane && row.lane == lane)
            return QPoint(int(view.mapping().timeToX(t)), GanttFrame::kAxisHeight + row.y + row.height / 2);
    }
    return {};
}

// What the viewport is asked to paint, paint after paint.
class PaintedRegions : public QObject
{
public:
    QRegion last;
    int paints = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            last = static_cast<QPaintEvent *>(event)->region();
            ++paints;
        }
        return false;
    }
};

} // namespace

class TestGanttView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clickingALockWaitShowsItsHolder();
    void zoomAndPanLeaveFollowAndFitReturns();
    void scrollBarFollowsTheView();
    void nextLostUpdateZoomsToTheRace();
    void ctrlDragZoomsToTheStretchAndCtrlShiftWheelZoomsFourTimes();
    void aNarrowChartHasANarrowerLabelColumn();
    void clickingAResultLinksItToTheLaneThatProducedIt();
    void aChosenWindowOfALiveRunRepaintsOnlyWhatCanStillChange();
};

void TestGanttView::clickingALockWaitShowsItsHolder()
{
    const Trace trace = contention();
    GanttView view;
    view.resize(1200, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(TraceSource(trace), 1);
    view.traceUpdated(trace.lastEventNs, false);
    const QPoint wait = pointOf(view, 1, 400'000'000);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, wait);
    const LockWaitSelection &selection = view.selection();
    QVERIFY(selection.active);
    QCOMPARE(selection.lane, 1);
    QCOMPARE(selection.wait.state, State::LockWait);
    QCOMPARE(selection.holderLane, 0);
    QCOMPARE(selection.holdStartNs, 100'000'000);
    QCOMPARE(selection.holdEndNs, 600'000'000);
    // The highlight is drawn: the picture differs from the one without it.
    const QImage selected = view.viewport()->grab().toImage();
    QTest::keyClick(&view, Qt::Key_Escape);
    QVERIFY(!view.selection().active);
    QVERIFY(selected != view.viewport()->grab().toImage());
    // A click on a Running segment selects nothing.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, pointOf(view, 1, 800'000'000));
    QVERIFY(!view.selection().active);
}

void TestGanttView::zoomAndPanLeaveFollowAndFitReturns()
{
    const Trace trace = contention();
    GanttView view;
    view.resize(1200, 400);
    view.show();
    view.setTrace(TraceSource(trace), 1);
    view.traceUpdated(trace.lastEventNs, false);
    QVERIFY(view.follows());
    const double fitted = view.mapping().nsPerPixel;
    // The whole run is in view.
    QVERIFY(view.mapping().startNs <= trace.originNs);
    QVERIFY(view.mapping().endNs(view.viewport()->width() - GanttFrame::kLabelWidth) >= trace.lastEventNs);
    QTest::keyClick(&view, Qt::Key_Plus);
    QVERIFY(!view.follows());
    QVERIFY(view.mapping().nsPerPixel < fitted);
    // Ctrl+wheel zooms around the pointer: the time under it stays put.
    const QPoint at(700, 100);
    const int64_t before = view.mapping().xToTime(at.x());
    QWheelEvent wheel(at, view.viewport()->mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::ControlModifier,
        Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &wheel);
    QVERIFY(std::abs(view.mapping().xToTime(at.x()) - before) <= int64_t(view.mapping().nsPerPixel) + 1);
    // Dragging pans by the mouse movement.
    const int64_t start = view.mapping().startNs;
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, QPoint(600, 100));
    QTest::mouseMove(view.viewport(), QPoint(650, 100));
    QTest::mouseMove(view.viewport(), QPoint(700, 100));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, QPoint(700, 100));
    QVERIFY(std::abs((start - view.mapping().startNs) - int64_t(100 * view.mapping().nsPerPixel))
        < int64_t(view.mapping().nsPerPixel * 2));
    QTest::keyClick(&view, Qt::Key_F);
    QVERIFY(view.follows());
    QCOMPARE(view.mapping().nsPerPixel, fitted);
}

void TestGanttView::scrollBarFollowsTheView()
{
    const Trace trace = contention();
    GanttView view;
    view.resize(1200, 400);
    view.show();
    view.setTrace(TraceSource(trace), 1);
    view.traceUpdated(trace.lastEventNs, false);
    for (int i = 0; i < 6; ++i)
        view.zoomBy(2);
    QScrollBar *bar = view.horizontalScrollBar();
    QVERIFY(bar->maximum() > 0);
    const int64_t start = view.mapping().startNs;
    bar->setValue(bar->value() + bar->pageStep());
    QVERIFY(view.mapping().startNs > start);
}

void TestGanttView::nextLostUpdateZoomsToTheRace()
{
    const Trace trace = race();
    GanttView view;
    view.resize(1200, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(TraceSource(trace), 1);
    view.traceUpdated(trace.lastEventNs, false);
    // The counter has its row above the lanes: value against expected.
    QVERIFY(std::any_of(view.rows().begin(), view.rows().end(),
        [](const LaneRow &row) { return row.kind == LaneRow::Counter && row.lane == 0; }));
    QVERIFY(view.nextLostAction()->isEnabled());
    constexpr int64_t ms = 1'000'000;
    auto shows = [&](int64_t from, int64_t to) {
        return view.mapping().startNs <= from
            && view.mapping().endNs(view.viewport()->width() - GanttFrame::kLabelWidth) >= to;
    };
    // N: the first write that lost an update, and the write it erased, side by side and zoomed in.
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_N);
    QVERIFY(view.race().active);
    QCOMPARE(view.race().lost.lane, 1);
    QCOMPARE(view.race().lost.readNs, 12 * ms);
    QCOMPARE(view.race().lost.writeNs, 25 * ms);
    QCOMPARE(view.race().erased.size(), size_t(1));
    QCOMPARE(view.race().erased[0].lane, 0);
    QCOMPARE(view.race().erased[0].writeNs, 20 * ms);
    QVERIFY(shows(10 * ms, 25 * ms));
    QVERIFY(!shows(0, 100 * ms)); // zoomed in from the whole second
    QVERIFY(!view.follows());
    // N again: the second, whose lanes are the other way round; then there is no next.
    QTest::keyClick(&view, Qt::Key_N);
    QCOMPARE(view.race().lost.lane, 0);
    QCOMPARE(view.race().lost.writeNs, 510 * ms);
    QCOMPARE(view.race().erased.size(), size_t(1));
    QCOMPARE(view.race().erased[0].writeNs, 505 * ms);
    QVERIFY(shows(500 * ms, 510 * ms));
    QVERIFY(!view.showLostUpdate(true));
    QCOMPARE(view.race().lost.writeNs, 510 * ms);
    // Shift+N goes back.
    QTest::keyClick(&view, Qt::Key_N, Qt::ShiftModifier);
    QCOMPARE(view.race().lost.writeNs, 25 * ms);
    // The tooltip says it in words: who read what, whose write it erased, the values.
    const GanttHit hit = GanttHit::at(trace, 1, 26 * ms, 0, trace.lastEventNs);
    QCOMPARE(hit.kind, GanttHit::LostUpdateHit);
    const QString text = GanttHit::describe(trace, hit);
    QVERIFY2(text.contains(QStringLiteral("add_2 read 0 at")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("over add_1's write of 1")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("value 1, expected 2")), qPrintable(text));
    // Escape clears it; clicking the lost update's cross selects the same race.
    QTest::keyClick(&view, Qt::Key_Escape);
    QVERIFY(!view.race().active);
    view.fit();
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, pointOf(view, 1, 26 * ms));
    QVERIFY(view.race().active);
    QCOMPARE(view.race().lost.writeNs, 25 * ms);
}

void TestGanttView::ctrlDragZoomsToTheStretchAndCtrlShiftWheelZoomsFourTimes()
{
    const Trace trace = contention();
    GanttView view;
    view.resize(1200, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(TraceSource(trace), 1);
    view.traceUpdated(trace.lastEventNs, false);
    const QPoint from = pointOf(view, 1, 200'000'000);
    const QPoint to = pointOf(view, 1, 400'000'000);
    const int64_t fromNs = view.mapping().xToTime(from.x());
    const int64_t toNs = view.mapping().xToTime(to.x());
    QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::ControlModifier, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(to), view.viewport()->mapToGlobal(QPointF(to)), Qt::NoButton,
        Qt::LeftButton, Qt::ControlModifier);
    QApplication::sendEvent(view.viewport(), &move);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::ControlModifier, to);
    // The stretch dragged over fills the chart, give or take a pixel.
    const int width = view.viewport()->width() - view.mapping().left;
    QVERIFY(std::abs(view.mapping().startNs - fromNs) <= int64_t(view.mapping().nsPerPixel * 2));
    QVERIFY(std::abs(view.mapping().endNs(width) - toNs) <= int64_t(view.mapping().nsPerPixel * 2));
    QVERIFY(!view.follows());
    QVERIFY(!view.selection().active); // a zoom, not a click
    // Ctrl+Shift+wheel: one notch zooms four times, Ctrl+wheel 1.25 times.
    const double before = view.mapping().nsPerPixel;
    const QPoint centre = pointOf(view, 1, 300'000'000);
    QWheelEvent big(QPointF(centre), view.viewport()->mapToGlobal(QPointF(centre)), {}, QPoint(0, 120), Qt::NoButton,
        Qt::ControlModifier | Qt::ShiftModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &big);
    QCOMPARE(view.mapping().nsPerPixel, before / 4);
    QWheelEvent small(QPointF(centre), view.viewport()->mapToGlobal(QPointF(centre)), {}, QPoint(0, -120), Qt::NoButton,
        Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &small);
    QCOMPARE(view.mapping().nsPerPixel, before / 4 * 1.25);
}

void TestGanttView::aNarrowChartHasANarrowerLabelColumn()
{
    const Trace trace = contention();
    GanttView view;
    view.resize(1200, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(TraceSource(trace), 1);
    view.traceUpdated(trace.lastEventNs, false);
    QCOMPARE(view.mapping().left, GanttFrame::kLabelWidth);
    view.resize(500, 400);
    QTRY_COMPARE(view.mapping().left, GanttFrame::kMinLabelWidth);
    // Still fitted: the whole run in the wider chart.
    QVERIFY(view.mapping().startNs <= trace.originNs);
    QVERIFY(view.mapping().endNs(view.viewport()->width() - view.mapping().left) >= trace.lastEventNs);
}

void TestGanttView::clickingAResultLinksItToTheLaneThatProducedIt()
{
    // Task "square" runs on lane 1 from 100 to 300 ms; its result reaches main (lane 0) at 310 ms.
    Scenario scenario;
    scenario.tasks = { TaskSpec { QStringLiteral("square"), 1, 1, false, {} } };
    scenario.instances = { TaskInstance { 0, 0, QStringLiteral("square") } };
    Trace trace;
    TraceBuilder builder(trace);
    builder.start(scenario, 0);
    builder.addLane(LaneInfo { 0, LaneKind::Main, 1, 1, QStringLiteral("main"), -1 });
    builder.addLane(LaneInfo { 1, LaneKind::Thread, 1, 2, QStringLiteral("thread-1"), -1 });
    constexpr int64_t ms = 1'000'000;
    const Event main[] = { ev(0, 0, EventKind::LaneBegin), ev(310 * ms, 0, EventKind::Result, 0),
        ev(400 * ms, 0, EventKind::LaneEnd) };
    const Event worker[] = { ev(0, 1, EventKind::LaneBegin), ev(100 * ms, 1, EventKind::TaskBegin, 0),
        ev(300 * ms, 1, EventKind::TaskEnd, 0, 0), ev(400 * ms, 1, EventKind::LaneEnd) };
    builder.addEvents(main, std::size(main));
    builder.addEvents(worker, std::size(worker));
    GanttView view;
    view.resize(1000, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(TraceSource(trace), 1);
    view.traceUpdated(trace.lastEventNs, false);
    QVERIFY(!view.resultLink().active);
    const QImage before = view.viewport()->grab().toImage();
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, pointOf(view, 0, 310 * ms));
    const ResultLink &link = view.resultLink();
    QVERIFY(link.active);
    QCOMPARE(link.fromLane, 1);
    QCOMPARE(link.fromNs, 300 * ms);
    QCOMPARE(link.toLane, 0);
    QCOMPARE(link.toNs, 310 * ms);
    QVERIFY(view.viewport()->grab().toImage() != before); // the link is drawn
    const QString text = GanttHit::describe(trace, GanttHit::at(trace, 0, 310 * ms, ms, trace.lastEventNs));
    QVERIFY2(text.contains(QStringLiteral("produced by thread-1")), qPrintable(text));
    QTest::keyClick(&view, Qt::Key_Escape);
    QVERIFY(!view.resultLink().active);
}

QTEST_MAIN(TestGanttView)
#include "tst_ganttview.moc"

void TestGanttView::aChosenWindowOfALiveRunRepaintsOnlyWhatCanStillChange()
{
    // A live run 2 s in, the user looking at its first 200 ms: as it goes on, the lanes there are
    // final and not painted again; the labels, the legend and the live edge are. A new lane
    // repaints everything, and so does following the run.
    constexpr int64_t ms = 1'000'000;
    Trace trace;
    TraceLock lock;
    TraceBuilder builder(trace);
    builder.start(Scenario {}, 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("a"), -1 });
    const Event begin[] = { ev(0, 0, EventKind::LaneBegin), st(2000 * ms, 0, State::Sleeping) };
    builder.addEvents(begin, std::size(begin));
    GanttView view;
    view.resize(1200, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(TraceSource(trace, lock), 1);
    view.traceUpdated(2000 * ms, true);
    view.showWindow(0, 200 * ms, QString());
    QVERIFY(!view.follows());
    PaintedRegions painted;
    view.viewport()->installEventFilter(&painted);
    QTRY_VERIFY(painted.paints > 0);
    const int lanes = pointOf(view, 0, 100 * ms).y();
    const QPoint early = pointOf(view, 0, 100 * ms);
    QVERIFY(view.viewport()->rect().contains(early));

    {
        const std::lock_guard growing(lock);
        const Event later[] = { st(2100 * ms, 0, State::Running) };
        builder.addEvents(later, std::size(later));
    }
    painted.paints = 0;
    view.traceUpdated(2100 * ms, true);
    QTRY_VERIFY(painted.paints > 0);
    QVERIFY(!painted.last.contains(early)); // final: not painted again
    QVERIFY(painted.last.contains(QPoint(10, lanes))); // the lane's label
    QVERIFY(painted.last.contains(QPoint(600, view.viewport()->height() - 2))); // the legend

    // A window that reaches the live edge: that part of it is painted again.
    painted.paints = 0;
    view.showWindow(1900 * ms, 400 * ms, QString());
    QTRY_VERIFY(painted.paints > 0);
    {
        const std::lock_guard growing(lock);
        const Event later[] = { st(2200 * ms, 0, State::Sleeping) };
        builder.addEvents(later, std::size(later));
    }
    painted.paints = 0;
    view.traceUpdated(2200 * ms, true);
    QTRY_VERIFY(painted.paints > 0); // (painted before the next update, which is not merged into it)
    {
        const std::lock_guard growing(lock);
        const Event later[] = { st(2250 * ms, 0, State::Running) };
        builder.addEvents(later, std::size(later));
    }
    painted.paints = 0;
    view.traceUpdated(2250 * ms, true);
    QTRY_VERIFY(painted.paints > 0);
    QVERIFY(painted.last.contains(pointOf(view, 0, 2150 * ms)));
    // (more than 250 ms before the newest event drawn, 2200 ms: final)
    QVERIFY(!painted.last.contains(pointOf(view, 0, 1910 * ms)));

    // A new lane: all of it.
    {
        const std::lock_guard growing(lock);
        builder.addLane(LaneInfo { 1, LaneKind::Thread, 1, 3, QStringLiteral("b"), -1 });
        const Event second[] = { ev(2250 * ms, 1, EventKind::LaneBegin), st(2260 * ms, 0, State::Sleeping) };
        builder.addEvents(second, std::size(second));
    }
    painted.paints = 0;
    view.traceUpdated(2260 * ms, true);
    QTRY_VERIFY(painted.paints > 0);
    QVERIFY(painted.last.contains(pointOf(view, 0, 1910 * ms)));
}
