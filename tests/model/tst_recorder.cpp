#include "base/recorder.h"

#include <QTest>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace threadlab;

class TestRecorder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsOrderAcrossChunks();
    void countsDropsWhenBudgetIsExhausted();
    void structuralEventsAreNeverDropped();
    void manyThreadsLoseNothing();
    void drainsLiveWhileProducing();
    void recordedTicksComeOutOnTheSteadyClock();
    void aForeignEventIsNeverTakenForTicks();
    void aHandOffToAnotherProcessIsOrdered();
};

namespace {
std::vector<Event> drainAll(Recorder &recorder)
{
    std::vector<Event> seen;
    recorder.drain(
        [](const LaneInfo &) {}, [&](const Event *events, size_t n) { seen.insert(seen.end(), events, events + n); });
    return seen;
}
} // namespace

void TestRecorder::keepsOrderAcrossChunks()
{
    Recorder recorder;
    LaneBuffer *lane = recorder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("t"), -1 });
    const int count = int(LaneBuffer::kChunkEvents) * 3 + 17;
    for (int i = 0; i < count; ++i)
        lane->record(EventKind::CounterWrite, 7, i);
    std::vector<Event> seen;
    QList<LaneInfo> lanes;
    recorder.drain([&](const LaneInfo &info) { lanes << info; },
        [&](const Event *events, size_t n) { seen.insert(seen.end(), events, events + n); });
    QCOMPARE(lanes.size(), 1);
    QCOMPARE(lanes[0].name, QStringLiteral("t"));
    QCOMPARE(int(seen.size()), count);
    for (int i = 0; i < count; ++i) {
        QCOMPARE(seen[size_t(i)].arg, i);
        QCOMPARE(seen[size_t(i)].object, 7u);
        QCOMPARE(seen[size_t(i)].lane, 0u);
        if (i > 0)
            QVERIFY(seen[size_t(i)].timeNs >= seen[size_t(i - 1)].timeNs);
    }
    QCOMPARE(recorder.dropped(), 0u);
    QCOMPARE(recorder.drained(), uint64_t(count));
}

void TestRecorder::countsDropsWhenBudgetIsExhausted()
{
    // Budget for two extra chunks; the first chunk is always there: room for 3 chunks of events.
    Recorder recorder(2 * LaneBuffer::kChunkEvents);
    LaneBuffer *lane = recorder.addLane(LaneInfo {});
    const uint64_t room = 3 * LaneBuffer::kChunkEvents;
    for (uint64_t i = 0; i < room + 100; ++i)
        lane->record(EventKind::Mark, 0, int64_t(i));
    size_t seen = 0;
    int64_t last = -1;
    recorder.drain([](const LaneInfo &) {},
        [&](const Event *events, size_t n) {
            seen += n;
            last = events[n - 1].arg;
        });
    QCOMPARE(seen, size_t(room));
    QCOMPARE(last, int64_t(room - 1));
    QCOMPARE(recorder.dropped(), 100u);
    // Drained chunks give their budget back: recording works again.
    lane->record(EventKind::Mark, 0, -5);
    lane->record(EventKind::Mark, 0, -6);
    std::vector<int64_t> after;
    recorder.drain([](const LaneInfo &) {},
        [&](const Event *events, size_t n) {
            for (size_t i = 0; i < n; ++i)
                after.push_back(events[i].arg);
        });
    QCOMPARE(after, (std::vector<int64_t> { -5, -6 }));
}

void TestRecorder::structuralEventsAreNeverDropped()
{
    // With the budget used up, marks are dropped but a task's end, a result and the lane's end
    // still arrive, in order, after everything recorded before them.
    Recorder recorder(LaneBuffer::kChunkEvents);
    LaneBuffer *lane = recorder.addLane(LaneInfo {});
    for (uint32_t i = 0; i < 2 * LaneBuffer::kChunkEvents + 10; ++i)
        lane->record(EventKind::Mark, 0, int64_t(i));
    lane->record(EventKind::TaskEnd, 3, 0);
    lane->record(EventKind::Mark, 0, -1);
    lane->record(EventKind::Result, 3);
    lane->record(EventKind::LaneEnd);
    std::vector<Event> events;
    recorder.drain([](const LaneInfo &) {}, [&](const Event *e, size_t n) { events.insert(events.end(), e, e + n); });
    QCOMPARE(events.size(), size_t(2 * LaneBuffer::kChunkEvents + 3));
    QCOMPARE(recorder.dropped(), 11u);
    QCOMPARE(events[events.size() - 3].kind, EventKind::TaskEnd);
    QCOMPARE(events[events.size() - 2].kind, EventKind::Result);
    QCOMPARE(events.back().kind, EventKind::LaneEnd);
    // Once drained, the budget has room again and ordinary events are kept.
    lane->record(EventKind::Mark, 0, 42);
    events.clear();
    recorder.drain([](const LaneInfo &) {}, [&](const Event *e, size_t n) { events.insert(events.end(), e, e + n); });
    QCOMPARE(events.size(), size_t(1));
    QCOMPARE(events.front().arg, 42);
}

void TestRecorder::manyThreadsLoseNothing()
{
    Recorder recorder;
    constexpr int kThreads = 8;
    constexpr int kEach = 50'000;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&recorder, t] {
            LaneBuffer *lane = recorder.addLane(LaneInfo { 0, LaneKind::Thread, 0, t, QString(), -1 });
            for (int i = 0; i < kEach; ++i)
                lane->record(EventKind::CounterRead, uint32_t(t), i);
        });
    }
    std::vector<std::vector<int64_t>> perLane(kThreads);
    auto drain = [&] {
        recorder.drain([](const LaneInfo &) {},
            [&](const Event *events, size_t n) {
                for (size_t i = 0; i < n; ++i)
                    perLane[events[i].object].push_back(events[i].arg);
            });
    };
    for (auto &thread : threads) {
        drain();
        thread.join();
    }
    drain();
    for (const auto &lane : perLane) {
        QCOMPARE(int(lane.size()), kEach);
        for (int i = 0; i < kEach; ++i)
            QCOMPARE(lane[size_t(i)], int64_t(i));
    }
    QCOMPARE(recorder.dropped(), 0u);
}

void TestRecorder::drainsLiveWhileProducing()
{
    Recorder recorder;
    LaneBuffer *lane = recorder.addLane(LaneInfo {});
    std::atomic<bool> done { false };
    constexpr int kCount = 200'000;
    std::thread producer([&] {
        for (int i = 0; i < kCount; ++i)
            lane->record(EventKind::Mark, 0, i);
        done = true;
    });
    int64_t expected = 0;
    bool ordered = true;
    auto sink = [&](const Event *events, size_t n) {
        for (size_t i = 0; i < n; ++i)
            ordered = ordered && events[i].arg == expected++;
    };
    while (!done)
        recorder.drain([](const LaneInfo &) {}, sink);
    producer.join();
    recorder.drain([](const LaneInfo &) {}, sink);
    QVERIFY(ordered);
    QCOMPARE(expected, int64_t(kCount));
}

QTEST_GUILESS_MAIN(TestRecorder)
void TestRecorder::recordedTicksComeOutOnTheSteadyClock()
{
    // record() reads the hot path's clock (the TSC where the kernel keeps its clock on it); what a
    // drain hands out is on the steady clock, between the steady-clock reads around it, never back
    // on the lane, and recordAt() times stay as given.
    Recorder recorder(int64_t(1) << 20);
    LaneBuffer *lane = recorder.addLane(LaneInfo {});
    const int64_t before = nowNs();
    lane->record(EventKind::Mark, 1);
    lane->recordAt(123, EventKind::Mark, 2);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const int64_t middle = nowNs();
    for (int i = 0; i < 3 * int(LaneBuffer::kChunkEvents); ++i)
        lane->record(EventKind::CounterWrite, 3, i);
    const int64_t recorded = nowNs();
    std::vector<Event> seen = drainAll(recorder);
    QCOMPARE(seen.size(), size_t(2 + 3 * LaneBuffer::kChunkEvents));
    // (A reading of both clocks is exact to tens of nanoseconds; a microsecond is room enough.)
    constexpr int64_t kSlackNs = 1'000;
    QVERIFY2(seen[0].timeNs >= before - kSlackNs && seen[0].timeNs <= middle,
        qPrintable(QStringLiteral("%1 not in [%2, %3] (%4)")
                       .arg(seen[0].timeNs)
                       .arg(before)
                       .arg(middle)
                       .arg(TickClock::description())));
    QCOMPARE(seen[1].timeNs, int64_t(123));
    for (size_t i = 2; i < seen.size(); ++i) {
        QCOMPARE(seen[i].clock, EventClock::SteadyNs);
        QVERIFY(seen[i].timeNs >= middle - kSlackNs && seen[i].timeNs <= recorded + kSlackNs);
        if (i > 2)
            QVERIFY(seen[i].timeNs >= seen[i - 1].timeNs);
    }
    // Later drains go on from there.
    lane->record(EventKind::Mark, 4);
    seen = drainAll(recorder);
    QCOMPARE(seen.size(), size_t(1));
    QVERIFY(seen[0].timeNs >= recorded - kSlackNs && seen[0].timeNs <= nowNs());
}

void TestRecorder::aForeignEventIsNeverTakenForTicks()
{
    // A worker's event arrives on the steady clock: whatever its clock field says (a hostile or
    // damaged frame), it is not converted again.
    Recorder recorder;
    LaneBuffer *lane = recorder.addLane(LaneInfo {});
    Event foreign;
    foreign.timeNs = 5'000;
    foreign.kind = EventKind::Mark;
    foreign.clock = EventClock::Ticks;
    lane->push(foreign);
    const std::vector<Event> seen = drainAll(recorder);
    QCOMPARE(seen.size(), size_t(1));
    QCOMPARE(seen[0].timeNs, int64_t(5'000));
    QCOMPARE(seen[0].clock, EventClock::SteadyNs);
}

void TestRecorder::aHandOffToAnotherProcessIsOrdered()
{
    // This process records, then hands over to a child process through a pipe; the child records
    // as soon as it hears of it. On the steady clock the child's event is after this one and before
    // this process hears back, though each read its own clock and converted with its own map.
    int toChild[2];
    int toParent[2];
    QVERIFY(::pipe(toChild) == 0 && ::pipe(toParent) == 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        char go = 0;
        if (::read(toChild[0], &go, 1) != 1)
            ::_exit(2);
        Recorder recorder;
        LaneBuffer *lane = recorder.addLane(LaneInfo {});
        lane->record(EventKind::Mark);
        int64_t at = -1;
        recorder.drain([](const LaneInfo &) {}, [&](const Event *events, size_t) { at = events[0].timeNs; });
        ::_exit(::write(toParent[1], &at, sizeof at) == sizeof at ? 0 : 3);
    }
    Recorder recorder;
    LaneBuffer *lane = recorder.addLane(LaneInfo {});
    lane->record(EventKind::Mark);
    QVERIFY(::write(toChild[1], "x", 1) == 1);
    int64_t childsEvent = -1;
    QVERIFY(::read(toParent[0], &childsEvent, sizeof childsEvent) == sizeof childsEvent);
    const int64_t heardBack = nowNs();
    const int64_t handedOver = drainAll(recorder).at(0).timeNs;
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    for (int fd : { toChild[0], toChild[1], toParent[0], toParent[1] })
        ::close(fd);
    QVERIFY2(handedOver < childsEvent && childsEvent < heardBack,
        qPrintable(QStringLiteral("%1 %2 %3").arg(handedOver).arg(childsEvent).arg(heardBack)));
}

#include "tst_recorder.moc"
