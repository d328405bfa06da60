#include "base/lanecontext.h"
#include "base/recorder.h"
#include "runtime/resultsequencer.h"

#include <QTest>

using namespace threadlab;

using Delivered = std::vector<std::pair<int, TaskOutcome>>;

class TestResultSequencer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void asCompletedDeliversAtOnce();
    void inOrderHoldsBackEarlyResults();
    void failedTasksDoNotBlockTheOrder();
    void recordsJoinWaitAndResults();
};

void TestResultSequencer::asCompletedDeliversAtOnce()
{
    ResultSequencer sequencer(ResultOrder::AsCompleted, { 0, 1, 2 });
    QCOMPARE(sequencer.awaited(), kNoObject);
    QCOMPARE(sequencer.complete(2, TaskOutcome::Completed), (Delivered { { 2, TaskOutcome::Completed } }));
    QCOMPARE(sequencer.complete(0, TaskOutcome::Completed), (Delivered { { 0, TaskOutcome::Completed } }));
    QVERIFY(!sequencer.finished());
    sequencer.complete(1, TaskOutcome::Completed);
    QVERIFY(sequencer.finished());
}

void TestResultSequencer::inOrderHoldsBackEarlyResults()
{
    // pool-map: sleeps 5,4,3,2,1 finish in reverse order; results come out in submission order.
    ResultSequencer sequencer(ResultOrder::InOrder, { 0, 1, 2, 3, 4 });
    QCOMPARE(sequencer.awaited(), 0u);
    for (int i : { 4, 3, 2, 1 })
        QVERIFY(sequencer.complete(i, TaskOutcome::Completed).empty());
    QCOMPARE(sequencer.awaited(), 0u);
    const Delivered all = sequencer.complete(0, TaskOutcome::Completed);
    QCOMPARE(all.size(), size_t(5));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(all[size_t(i)].first, i);
    QVERIFY(sequencer.finished());
    QCOMPARE(sequencer.awaited(), kNoObject);
}

void TestResultSequencer::failedTasksDoNotBlockTheOrder()
{
    ResultSequencer sequencer(ResultOrder::InOrder, { 0, 1 });
    QVERIFY(sequencer.complete(1, TaskOutcome::Completed).empty());
    const Delivered delivered = sequencer.complete(0, TaskOutcome::Failed);
    QCOMPARE(delivered, (Delivered { { 0, TaskOutcome::Failed }, { 1, TaskOutcome::Completed } }));
    QVERIFY(sequencer.finished());
}

void TestResultSequencer::recordsJoinWaitAndResults()
{
    Recorder recorder;
    LaneContext main(recorder.addLane(LaneInfo {}));
    ResultSequencer sequencer(ResultOrder::InOrder, { 0, 1, 2 });
    sequencer.recordDelivery(main, sequencer.complete(0, TaskOutcome::Completed));
    sequencer.recordDelivery(main, sequencer.complete(2, TaskOutcome::Completed)); // held back: nothing recorded
    sequencer.recordDelivery(main, sequencer.complete(1, TaskOutcome::Cancelled));
    std::vector<Event> events;
    recorder.drain([](const LaneInfo &) {}, [&](const Event *e, size_t n) { events.insert(events.end(), e, e + n); });
    // Running, Result 0, JoinWait on 1 | Running, (1 cancelled: no result), Result 2
    QCOMPARE(events.size(), size_t(5));
    QCOMPARE(events[1].kind, EventKind::Result);
    QCOMPARE(events[1].object, 0u);
    QCOMPARE(State(events[2].aux), State::JoinWait);
    QCOMPARE(events[2].object, 1u);
    QCOMPARE(events[4].kind, EventKind::Result);
    QCOMPARE(events[4].object, 2u);
}

QTEST_GUILESS_MAIN(TestResultSequencer)
#include "tst_resultsequencer.moc"
