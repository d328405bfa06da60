#include "base/clock.h"
#include "base/lanecontext.h"
#include "base/recorder.h"
#include "base/stoptoken.h"
#include "runtime/blockingqueue.h"
#include "runtime/cpuburner.h"
#include "runtime/gil.h"
#include "runtime/sharedcounter.h"
#include "runtime/tracedevent.h"
#include "runtime/tracedmutex.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTest>
#include <atomic>
#include <thread>

using namespace threadlab;

namespace {

std::vector<Event> drainAll(Recorder &recorder)
{
    std::vector<Event> events;
    recorder.drain([](const LaneInfo &) {}, [&](const Event *e, size_t n) { events.insert(events.end(), e, e + n); });
    return events;
}

std::vector<Event> ofLane(const std::vector<Event> &events, uint32_t lane)
{
    std::vector<Event> out;
    for (const Event &e : events) {
        if (e.lane == lane)
            out.push_back(e);
    }
    return out;
}

bool waitUntil(const std::function<bool()> &condition, int timeoutMs = 10'000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

} // namespace

class TestPrimitives : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mutexUncontendedRecordsAcquireAndRelease();
    void mutexWaiterKnowsHolderAndReleaser();
    void queueOrders_data();
    void queueOrders();
    void queueGetBlocksUntilPut();
    void eventWaitBlocksUntilSet();
    void gilMakesCpuWorkTakeTurns();
    void counterLostUpdatesAddUp();
    void stopWakesEveryWaiter();
    void burnerBurnsTheCpuTimeAskedFor();
};

void TestPrimitives::mutexUncontendedRecordsAcquireAndRelease()
{
    StopToken stop;
    Recorder recorder;
    LaneContext lane(recorder.addLane(LaneInfo {}));
    WaitGraph graphmutex;
    TracedMutex mutex(3, false, stop, graphmutex);
    QVERIFY(mutex.acquire(lane) == WaitResult::Done);
    QCOMPARE(mutex.holder(), int64_t(lane.lane()));
    mutex.release(lane);
    QCOMPARE(mutex.holder(), int64_t(-1));
    const auto events = drainAll(recorder);
    QCOMPARE(events.size(), size_t(2));
    QCOMPARE(events[0].kind, EventKind::LockAcquire);
    QCOMPARE(events[0].object, 3u);
    QCOMPARE(events[0].arg, int64_t(-1));
    QCOMPARE(events[1].kind, EventKind::LockRelease);
}

void TestPrimitives::mutexWaiterKnowsHolderAndReleaser()
{
    StopToken stop;
    Recorder recorder;
    LaneContext holder(recorder.addLane(LaneInfo {}));
    LaneBuffer *waiterBuffer = recorder.addLane(LaneInfo {});
    WaitGraph graphmutex;
    TracedMutex mutex(0, false, stop, graphmutex);
    QVERIFY(mutex.acquire(holder) == WaitResult::Done);
    std::atomic<bool> acquired { false };
    std::thread waiter([&] {
        LaneContext lane(waiterBuffer);
        QVERIFY(mutex.acquire(lane) == WaitResult::Done);
        acquired = true;
        mutex.release(lane);
    });
    // Wait until the waiter has recorded its LockWait, then hand the lock over.
    int64_t holderSeenByWaiter = -2;
    QVERIFY(waitUntil([&]() -> bool {
        for (const Event &e : drainAll(recorder)) {
            if (e.kind == EventKind::StateChange && State(e.aux) == State::LockWait) {
                holderSeenByWaiter = e.arg;
                return true;
            }
        }
        return false;
    }));
    QCOMPARE(holderSeenByWaiter, int64_t(holder.lane()));
    QVERIFY(!acquired);
    mutex.release(holder);
    waiter.join();
    QVERIFY(acquired);
    const auto events = ofLane(drainAll(recorder), waiterBuffer->lane());
    QCOMPARE(events.size(), size_t(3)); // acquire, Running, release
    QCOMPARE(events[0].kind, EventKind::LockAcquire);
    QCOMPARE(events[0].arg, int64_t(holder.lane())); // handed over by the holder's release
    QCOMPARE(events[1].kind, EventKind::StateChange);
    QCOMPARE(State(events[1].aux), State::Running);
}

void TestPrimitives::queueOrders_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QList<uint32_t>>("expected");
    // put 10 (priority 3), 11 (1), 12 (4), 13 (2), 14 (1)
    QTest::newRow("fifo") << int(QueueKind::Fifo) << QList<uint32_t> { 10, 11, 12, 13, 14 };
    QTest::newRow("lifo") << int(QueueKind::Lifo) << QList<uint32_t> { 14, 13, 12, 11, 10 };
    QTest::newRow("priority") << int(QueueKind::Priority) << QList<uint32_t> { 11, 14, 13, 10, 12 };
}

void TestPrimitives::queueOrders()
{
    QFETCH(int, kind);
    QFETCH(QList<uint32_t>, expected);
    StopToken stop;
    Recorder recorder;
    LaneContext lane(recorder.addLane(LaneInfo {}));
    WaitGraph graphqueue;
    BlockingQueue queue(0, QueueKind(kind), stop, graphqueue);
    const std::pair<uint32_t, int64_t> puts[] = { { 10, 3 }, { 11, 1 }, { 12, 4 }, { 13, 2 }, { 14, 1 } };
    for (const auto &[item, priority] : puts)
        queue.put(lane, item, priority);
    QList<uint32_t> got;
    for (int i = 0; i < 5; ++i)
        got << queue.get(lane).value();
    QCOMPARE(got, expected);
    QCOMPARE(queue.size(), size_t(0));
}

void TestPrimitives::queueGetBlocksUntilPut()
{
    StopToken stop;
    Recorder recorder;
    LaneContext producer(recorder.addLane(LaneInfo {}));
    LaneBuffer *consumerBuffer = recorder.addLane(LaneInfo {});
    WaitGraph graphqueue;
    BlockingQueue queue(5, QueueKind::Fifo, stop, graphqueue);
    std::optional<uint32_t> got;
    std::thread consumer([&] {
        LaneContext lane(consumerBuffer);
        got = queue.get(lane);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    QVERIFY(!got);
    queue.put(producer, 42, 0);
    consumer.join();
    QCOMPARE(got, std::optional<uint32_t>(42));
    const auto events = ofLane(drainAll(recorder), consumerBuffer->lane());
    QCOMPARE(events.size(), size_t(3));
    QCOMPARE(State(events[0].aux), State::QueueWait);
    QCOMPARE(events[0].object, 5u);
    QCOMPARE(events[1].kind, EventKind::QueueGet);
    QCOMPARE(events[1].arg, 42);
    QCOMPARE(State(events[2].aux), State::Running);
}

void TestPrimitives::eventWaitBlocksUntilSet()
{
    StopToken stop;
    Recorder recorder;
    LaneContext setter(recorder.addLane(LaneInfo {}));
    LaneBuffer *waiterBuffer = recorder.addLane(LaneInfo {});
    WaitGraph graphevent;
    TracedEvent event(2, stop, graphevent);
    std::atomic<bool> woke { false };
    std::thread waiter([&] {
        LaneContext lane(waiterBuffer);
        QVERIFY(event.wait(lane) == WaitResult::Done);
        woke = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    QVERIFY(!woke);
    event.set(setter);
    waiter.join();
    QVERIFY(event.isSet());
    event.clear(setter);
    QVERIFY(!event.isSet());
    const auto events = drainAll(recorder);
    const auto waits = ofLane(events, waiterBuffer->lane());
    QCOMPARE(State(waits.front().aux), State::EventWait);
    QCOMPARE(waits.front().object, 2u);
}

void TestPrimitives::gilMakesCpuWorkTakeTurns()
{
    StopToken stop;
    Recorder recorder;
    Gil gil(stop);
    LaneBuffer *a = recorder.addLane(LaneInfo {});
    LaneBuffer *b = recorder.addLane(LaneInfo {});
    std::atomic<int> inside { 0 };
    std::atomic<int> maxInside { 0 };
    auto work = [&](LaneBuffer *buffer) {
        LaneContext lane(buffer);
        for (int slice = 0; slice < 20; ++slice) {
            QVERIFY(gil.acquire(lane));
            const int now = ++inside;
            maxInside = std::max(maxInside.load(), now);
            std::this_thread::sleep_for(std::chrono::microseconds(500));
            --inside;
            gil.release(lane);
        }
    };
    std::thread ta(work, a), tb(work, b);
    ta.join();
    tb.join();
    QCOMPARE(maxInside.load(), 1);
    // Fair hand-over: both lanes had to wait for the other at some point.
    int waitsA = 0, waitsB = 0;
    for (const Event &e : drainAll(recorder)) {
        if (e.kind == EventKind::StateChange && State(e.aux) == State::GilWait)
            (e.lane == a->lane() ? waitsA : waitsB)++;
    }
    QVERIFY(waitsA > 0);
    QVERIFY(waitsB > 0);
}

void TestPrimitives::counterLostUpdatesAddUp()
{
    Recorder recorder;
    SharedCounter counter(0);
    StopToken stop;
    constexpr int kEach = 20'000;
    std::vector<std::thread> threads;
    const int deltas[] = { 2, 3, -4, -1 };
    for (int delta : deltas) {
        LaneBuffer *buffer = recorder.addLane(LaneInfo {});
        threads.emplace_back([&counter, &stop, buffer, delta] {
            LaneContext lane(buffer);
            for (int i = 0; i < kEach; ++i)
                counter.add(lane, delta, 2000, stop);
            counter.addExpected(int64_t(delta) * kEach);
        });
    }
    for (auto &thread : threads)
        thread.join();
    int64_t lostFromEvents = 0;
    int64_t lostCount = 0;
    for (const Event &e : drainAll(recorder)) {
        if (e.kind == EventKind::LostUpdate) {
            lostFromEvents += e.arg;
            ++lostCount;
        }
    }
    QCOMPARE(counter.expected(), 0);
    QCOMPARE(lostCount, counter.lostUpdates());
    QCOMPARE(lostFromEvents, counter.expected() - counter.value());
    QCOMPARE(counter.lostAmount(), counter.expected() - counter.value());
}

void TestPrimitives::stopWakesEveryWaiter()
{
    StopToken stop;
    Recorder recorder;
    WaitGraph graphqueue;
    BlockingQueue queue(0, QueueKind::Fifo, stop, graphqueue);
    WaitGraph graphevent;
    TracedEvent event(1, stop, graphevent);
    WaitGraph graphmutex;
    TracedMutex mutex(2, false, stop, graphmutex);
    Gil gil(stop);
    stop.addWaker([&] {
        queue.wake();
        event.wake();
        gil.wake();
        mutex.wake();
    });
    LaneContext owner(recorder.addLane(LaneInfo {}));
    QVERIFY(mutex.acquire(owner) == WaitResult::Done);
    QVERIFY(gil.acquire(owner));
    std::atomic<int> ended { 0 };
    std::vector<std::thread> waiters;
    // Whatever the outcome, stop and join before leaving: a failed check must not leave threads behind.
    const auto joinAll = qScopeGuard([&] {
        stop.requestStop();
        for (auto &waiter : waiters) {
            if (waiter.joinable())
                waiter.join();
        }
    });
    std::atomic<bool> results[5] = {};
    for (int i = 0; i < 5; ++i) {
        LaneBuffer *buffer = recorder.addLane(LaneInfo {});
        waiters.emplace_back([&, i, buffer] {
            LaneContext lane(buffer);
            switch (i) {
            case 0:
                results[i] = !queue.get(lane).has_value();
                break;
            case 1:
                results[i] = event.wait(lane) == WaitResult::Stopped;
                break;
            case 2:
                results[i] = mutex.acquire(lane) == WaitResult::Stopped;
                break;
            case 3:
                results[i] = !gil.acquire(lane);
                break;
            case 4:
                results[i] = !stop.sleepUntil(nowNs() + int64_t(3600) * 1'000'000'000);
                break;
            }
            ++ended;
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    QCOMPARE(ended.load(), 0);
    stop.requestStop();
    QVERIFY(waitUntil([&] { return ended.load() == 5; }, 5000));
    for (int i = 0; i < 5; ++i)
        QVERIFY2(results[i].load(), qPrintable(QString::number(i)));
    mutex.release(owner);
}

void TestPrimitives::burnerBurnsTheCpuTimeAskedFor()
{
    const CpuBurner burner = CpuBurner::calibrate();
    QVERIFY(burner.iterationsPerMs() > 1000);
    QCOMPARE(burner.iterationsFor(2 * kNsPerMs), int64_t(2 * burner.iterationsPerMs()));
    StopToken stop;
    QElapsedTimer timer;
    timer.start();
    // Its thread has had at least the CPU time asked for (a loaded machine only makes the wall
    // time longer), and as much wall time.
    const int64_t cpuBefore = CpuBurner::threadCpuNs();
    QVERIFY(burner.burn(40 * kNsPerMs, stop));
    const int64_t cpuNs = CpuBurner::threadCpuNs() - cpuBefore;
    QVERIFY2(cpuNs >= 40 * kNsPerMs, qPrintable(QString::number(cpuNs)));
    QVERIFY2(timer.nsecsElapsed() >= 40 * kNsPerMs, qPrintable(QString::number(timer.nsecsElapsed())));
    // The calibration only sizes the pieces: a burner that believes this machine a thousand times
    // slower still burns the CPU time asked for.
    const CpuBurner slow(burner.iterationsPerMs() / 1000);
    const int64_t slowBefore = CpuBurner::threadCpuNs();
    QVERIFY(slow.burn(20 * kNsPerMs, stop));
    const int64_t slowCpuNs = CpuBurner::threadCpuNs() - slowBefore;
    QVERIFY2(slowCpuNs >= 20 * kNsPerMs, qPrintable(QString::number(slowCpuNs)));
    stop.requestStop();
    timer.restart();
    QVERIFY(!burner.burn(int64_t(3600) * 1000 * kNsPerMs, stop));
    QVERIFY(timer.elapsed() < 1000);
}

QTEST_GUILESS_MAIN(TestPrimitives)
#include "tst_primitives.moc"
