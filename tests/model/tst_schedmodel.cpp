#include "events.h"
#include "lodcompare.h"
#include "trace/outcome.h"
#include "trace/runsummary.h"
#include "trace/schedmodel.h"
#include "trace/trace.h"
#include "trace/tracebuilder.h"

#include <QTest>

using namespace threadlab;

namespace {

using Left = SchedRecord::Left;

// A switch on `cpu` from thread prev (of process pid) to thread next.
SchedRecord sw(int64_t t, int cpu, int prev, int next, Left left = Left::Blocked, int pid = 0)
{
    return SchedRecord { t, cpu, prev, next, pid, SchedRecord::Kind::Switch, left };
}

SchedRecord migrate(int64_t t, int tid, int from, int to)
{
    return SchedRecord { t, to, tid, 0, 0, SchedRecord::Kind::Migrate, Left::Blocked, int16_t(from) };
}

SchedRecord wake(int64_t t, int tid, int cpu = 0)
{
    return SchedRecord { t, cpu, tid, 0, 0, SchedRecord::Kind::Wakeup, Left::Blocked };
}

// Lanes whose threads have the given ids, each one Running segment of its own task over [0, endNs).
Trace runningLanes(std::initializer_list<int> tids, int64_t endNs)
{
    Trace trace;
    for (int tid : tids) {
        LaneTrack lane;
        lane.info.tid = tid;
        lane.info.id = uint32_t(trace.lanes.size());
        const int task = int(trace.tasks.size());
        lane.segments.push_back(Segment { 0, endNs, task, kNoObject, -1, State::Running });
        lane.lod.append(lane.segments.back());
        TaskRecord record;
        record.lane = int(lane.info.id);
        record.stateNs[size_t(State::Running)] = endNs;
        trace.tasks.push_back(record);
        trace.lanes.push_back(std::move(lane));
    }
    return trace;
}

QList<QList<int64_t>> slices(const LaneTrack &lane)
{
    QList<QList<int64_t>> out;
    for (const OsSlice &s : lane.os)
        out.append({ s.startNs, s.endNs, s.onCpu ? 1 : 0, s.cpu });
    return out;
}

QList<QList<int64_t>> segments(const LaneTrack &lane)
{
    QList<QList<int64_t>> out;
    for (const Segment &s : lane.segments)
        out.append({ s.startNs, s.endNs, int64_t(s.state) });
    return out;
}

constexpr int64_t kRun = int64_t(State::Running);
constexpr int64_t kReady = int64_t(State::Runnable);
constexpr int64_t kSleep = int64_t(State::Sleeping);

} // namespace

class TestSchedModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void twoThreadsTakeTurnsOnOneCpu();
    void otherProcessesAreNotNamedAndIdleIsAGap();
    void migrationsAndBlockedTime();
    void aRunningSegmentTheKernelSawBlockedWholeIsBlocked();
    void samplesGiveExactTotals();
    void kernelMigrationsAndTheRunsOwnThreads();
    void refiningWhileTheTraceGrowsEndsTheSame();
    void theOutcomeSaysWhoWaitedForACpu();
    void aProgramsWaitsFollowItsSystemCalls();
};

void TestSchedModel::twoThreadsTakeTurnsOnOneCpu()
{
    // Two threads that both want to run, one CPU: they take turns, each waiting while the other runs.
    Trace trace = runningLanes({ 101, 102 }, 100);
    trace.sched.source = SchedSource::Exact;
    const std::vector<SchedRecord> records { sw(0, 0, 0, 101), wake(0, 102), sw(30, 0, 101, 102, Left::Preempted),
        sw(60, 0, 102, 101, Left::Preempted), sw(100, 0, 101, 0, Left::Exited) };
    SchedModel::applyExact(trace, records, 1, 100);
    QCOMPARE(slices(trace.lanes[0]), (QList<QList<int64_t>> { { 0, 30, 1, 0 }, { 30, 60, 0, -1 }, { 60, 100, 1, 0 } }));
    QCOMPARE(
        slices(trace.lanes[1]), (QList<QList<int64_t>> { { 0, 30, 0, -1 }, { 30, 60, 1, 0 }, { 60, 100, 0, -1 } }));
    QCOMPARE(trace.lanes[0].sched.cpuNs, 70);
    QCOMPARE(trace.lanes[0].sched.runnableNs, 30);
    QCOMPARE(trace.lanes[0].sched.involuntary, 1);
    QCOMPARE(trace.lanes[0].sched.voluntary, 0); // exiting is no switch it chose
    QCOMPARE(trace.lanes[1].sched.cpuNs, 30);
    QCOMPARE(trace.lanes[1].sched.runnableNs, 70);
    QCOMPARE(trace.cpus.size(), size_t(1));
    QCOMPARE(trace.cpus[0].busyNs, 100);
    QCOMPARE(trace.cpus[0].slices.size(), size_t(3));
    QCOMPARE(trace.cpus[0].slices[1].lane, 1);

    // Before refining, both lanes "run" at once on one CPU; after, never.
    QCOMPARE(SchedModel::maxRunningLanes(trace), 2);
    SchedModel::refineSegments(trace);
    QCOMPARE(SchedModel::maxRunningLanes(trace), 1);
    QCOMPARE(
        segments(trace.lanes[0]), (QList<QList<int64_t>> { { 0, 30, kRun }, { 30, 60, kReady }, { 60, 100, kRun } }));
    QCOMPARE(trace.tasks[0].stateNs[size_t(State::Running)], 70);
    QCOMPARE(trace.tasks[0].stateNs[size_t(State::Runnable)], 30);
    QCOMPARE(trace.tasks[1].stateNs[size_t(State::Runnable)], 70);
    QCOMPARE(trace.lanes[0].lod.segmentCount(), size_t(3));
}

void TestSchedModel::otherProcessesAreNotNamedAndIdleIsAGap()
{
    Trace trace = runningLanes({ 101 }, 100);
    const std::vector<SchedRecord> records { sw(10, 0, 0, 101), sw(20, 0, 101, 555, Left::Preempted),
        sw(40, 0, 555, 0, Left::Blocked), sw(50, 0, 0, 101) };
    SchedModel::applyExact(trace, records, 2, 100);
    const CpuTrack &cpu = trace.cpus[0];
    QCOMPARE(cpu.slices.size(), size_t(3));
    QCOMPARE(cpu.slices[0].lane, 0);
    QCOMPARE(cpu.slices[1].lane, -1); // another process's thread: shown, not named
    QCOMPARE(cpu.slices[1].startNs, 20);
    QCOMPARE(cpu.slices[1].endNs, 40);
    QCOMPARE(cpu.slices[2].startNs, 50); // idle from 40 to 50: a gap
    QCOMPARE(cpu.busyNs, 10 + 20 + 50);
    QCOMPARE(trace.cpus[1].busyNs, 0); // nothing seen on CPU 1
    // Waiting from the preemption at 20 until back on at 50.
    QCOMPARE(
        slices(trace.lanes[0]), (QList<QList<int64_t>> { { 10, 20, 1, 0 }, { 20, 50, 0, -1 }, { 50, 100, 1, 0 } }));
}

void TestSchedModel::migrationsAndBlockedTime()
{
    Trace trace = runningLanes({ 101 }, 100);
    trace.sched.source = SchedSource::Exact;
    const std::vector<SchedRecord> records { sw(0, 0, 0, 101), sw(20, 0, 101, 0, Left::Blocked), wake(50, 101, 1),
        sw(60, 1, 0, 101), sw(100, 1, 101, 0, Left::Exited) };
    SchedModel::applyExact(trace, records, 2, 100);
    QCOMPARE(trace.lanes[0].sched.migrations, 1);
    QCOMPARE(trace.lanes[0].sched.voluntary, 1);
    QCOMPARE(trace.lanes[0].sched.runnableNs, 10); // woken at 50, on CPU 1 at 60
    SchedModel::refineSegments(trace);
    // Blocked in the kernel from 20 to 50 while we thought it ran: exact data says it slept.
    QCOMPARE(segments(trace.lanes[0]),
        (QList<QList<int64_t>> { { 0, 20, kRun }, { 20, 50, kSleep }, { 50, 60, kReady }, { 60, 100, kRun } }));
}

void TestSchedModel::aRunningSegmentTheKernelSawBlockedWholeIsBlocked()
{
    // Recorded Running over [0, 5), [5, 20), [20, 50) and [50, 100) (a lock's bookkeeping between
    // them, say); the kernel had the thread on a CPU over [5, 20) and [60, 100) only. [20, 50) does not
    // touch an OS slice at all: the thread was blocked all of it. [0, 5) came before the kernel had
    // shown the thread at all: nothing known, as recorded.
    Trace trace = runningLanes({ 101 }, 5);
    trace.sched.source = SchedSource::Exact;
    for (auto [start, end] : { std::pair<int64_t, int64_t> { 5, 20 }, { 20, 50 }, { 50, 100 } }) {
        trace.lanes[0].segments.push_back(Segment { start, end, 0, kNoObject, -1, State::Running });
        trace.lanes[0].lod.append(trace.lanes[0].segments.back());
    }
    trace.tasks[0].stateNs[size_t(State::Running)] = 100;
    const std::vector<SchedRecord> records { sw(5, 0, 0, 101), sw(20, 0, 101, 0, Left::Blocked), sw(60, 0, 0, 101),
        sw(100, 0, 101, 0, Left::Exited) };
    SchedModel::applyExact(trace, records, 1, 100);
    SchedModel::refineSegments(trace);
    QCOMPARE(segments(trace.lanes[0]),
        (QList<QList<int64_t>> { { 0, 5, kRun }, { 5, 20, kRun }, { 20, 60, kSleep }, { 60, 100, kRun } }));
    QCOMPARE(trace.tasks[0].stateNs[size_t(State::Sleeping)], 40);
    QCOMPARE(SchedModel::maxRunningLanes(trace), 1);
}

void TestSchedModel::kernelMigrationsAndTheRunsOwnThreads()
{
    // Lane thread 101 of process 7 runs on CPU 0, is moved to CPU 1 while it waits (which its
    // slices alone would not show: it comes back on CPU 0 after a second move). Thread 102 of the
    // same process is no lane (ThreadLab's collector): its slice is the run's, not "another
    // process"; thread 555 of process 9 is another process's.
    Trace trace = runningLanes({ 101 }, 100);
    trace.lanes[0].info.pid = 7;
    trace.sched.source = SchedSource::Exact;
    const std::vector<SchedRecord> records { sw(0, 0, 0, 101), sw(10, 0, 101, 102, Left::Preempted, 7),
        migrate(12, 101, 0, 1), migrate(15, 101, 1, 0), migrate(16, 555, 0, 1), sw(20, 0, 102, 555, Left::Blocked, 7),
        sw(30, 0, 555, 101, Left::Blocked, 9) };
    SchedModel::applyExact(trace, records, 2, 100);
    QCOMPARE(trace.lanes[0].sched.migrations, 2);
    const auto &slices = trace.cpus[0].slices;
    QCOMPARE(slices.size(), size_t(4));
    QCOMPARE(slices[0].lane, 0);
    QCOMPARE(slices[1].lane, kRunThread);
    QCOMPARE(slices[2].lane, kOtherProcess);
    QCOMPARE(slices[3].lane, 0);
    // Without the migrate tracepoint, the slices tell: the thread came back on the same CPU.
    std::vector<SchedRecord> switchesOnly;
    for (const SchedRecord &r : records)
        if (r.kind != SchedRecord::Kind::Migrate)
            switchesOnly.push_back(r);
    SchedModel::applyExact(trace, switchesOnly, 2, 100);
    QCOMPARE(trace.lanes[0].sched.migrations, 0);
}

void TestSchedModel::samplesGiveExactTotals()
{
    Trace trace = runningLanes({ 101 }, 30);
    trace.sched.source = SchedSource::Sampled;
    const std::vector<ThreadSample> samples { ThreadSample { 20, 101, 1, 13, 7, 9, 5 },
        ThreadSample { 0, 101, 0, 0, 0, 2, 1 }, ThreadSample { 10, 101, 1, 6, 4, -1, -1 } };
    SchedModel::applySamples(trace, samples, 2);
    QCOMPARE(slices(trace.lanes[0]),
        (QList<QList<int64_t>> { { 0, 6, 1, 1 }, { 6, 10, 0, -1 }, { 10, 17, 1, 1 }, { 17, 20, 0, -1 } }));
    QCOMPARE(trace.lanes[0].sched.cpuNs, 13);
    QCOMPARE(trace.lanes[0].sched.runnableNs, 7);
    QCOMPARE(trace.lanes[0].sched.voluntary, 7);
    QCOMPARE(trace.lanes[0].sched.involuntary, 4);
    QCOMPARE(trace.cpus[1].busyNs, 13);
    SchedModel::refineSegments(trace);
    QCOMPARE(trace.tasks[0].stateNs[size_t(State::Runnable)], 7);
    QCOMPARE(trace.tasks[0].stateNs[size_t(State::Running)], 23);
}

void TestSchedModel::refiningWhileTheTraceGrowsEndsTheSame()
{
    // A lane built event by event while the scheduler's data come in and the live view is refined
    // now and then (the open segment cut where the refinement stops), ends as one refined once at
    // the end: the same states at the same times, the same task totals, a summary that matches its
    // segments. The lane alternates long CPU steps and sleeps over 40 tasks on one CPU that it
    // shares with another process; one late state change is drawn where the refinement had reached.
    std::vector<SchedRecord> records;
    for (int64_t t = 0; t < 40'000; t += 37)
        records.push_back(sw(t, 0, (t / 37) % 2 ? 555 : 101, (t / 37) % 2 ? 101 : 555, Left::Preempted));
    Scenario scenario;
    scenario.tasks = { TaskSpec { QStringLiteral("t"), 40, 1, false, {} } };
    for (int i = 0; i < 40; ++i)
        scenario.instances.push_back(TaskInstance { i, 0, QStringLiteral("t-%1").arg(i) });
    std::vector<Event> events { test::ev(0, 0, EventKind::LaneBegin) };
    for (int i = 0; i < 40; ++i) {
        const int64_t start = int64_t(i) * 1000;
        events.push_back(test::ev(start, 0, EventKind::TaskBegin, uint32_t(i)));
        events.push_back(test::st(start + 600, 0, State::Sleeping));
        events.push_back(test::st(start + 999, 0, State::Running));
        events.push_back(test::ev(start + 1000, 0, EventKind::TaskEnd, uint32_t(i)));
    }
    events.push_back(test::ev(40'000, 0, EventKind::LaneEnd));

    auto build = [&](Trace &trace, TraceBuilder &builder, const std::vector<int64_t> &refineAt) {
        builder.start(scenario, 0);
        LaneInfo info;
        info.tid = 101;
        builder.addLane(info);
        trace.sched.source = SchedSource::Exact;
        size_t next = 0;
        for (const Event &event : events) {
            builder.addEvents(&event, 1);
            while (next < refineAt.size() && event.timeNs >= refineAt[next]) {
                SchedModel::applyExact(trace, records, 1, refineAt[next]);
                SchedModel::refineSegmentsSoFar(trace, refineAt[next] - 150);
                ++next;
            }
        }
        SchedModel::applyExact(trace, records, 1, 40'000);
        SchedModel::refineSegments(trace);
    };
    Trace once;
    TraceBuilder onceBuilder(once);
    build(once, onceBuilder, {});
    Trace growing;
    TraceBuilder growingBuilder(growing);
    build(growing, growingBuilder, { 100, 700, 750, 5'000, 5'000, 17'777, 39'999 });
    QCOMPARE(growingBuilder.movedEvents(), uint64_t(0));

    // The same states at the same times: compared per nanosecond over the whole lane.
    auto stateAt = [](const LaneTrack &lane) {
        std::vector<int> states(40'000, -1);
        for (const Segment &s : lane.segments)
            for (int64_t t = s.startNs; t < s.endNs; ++t)
                states[size_t(t)] = int(s.state);
        return states;
    };
    QVERIFY(stateAt(growing.lanes[0]) == stateAt(once.lanes[0]));
    QVERIFY2(once.lanes[0].segments.size() > 700, qPrintable(QString::number(once.lanes[0].segments.size())));
    for (size_t task = 0; task < once.tasks.size(); ++task)
        QCOMPARE(growing.tasks[task].stateNs, once.tasks[task].stateNs);
    QCOMPARE(once.tasks[3].stateNs[size_t(State::Sleeping)], 399);
    // The summary that was cut back and grown again is the one its segments give.
    SegmentLod fresh;
    for (const Segment &segment : growing.lanes[0].segments)
        fresh.append(segment);
    const QString difference = test::lodDifference(growing.lanes[0].lod, fresh);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));

    // A state change that comes after the refinement passed it is drawn where it had reached.
    Trace late;
    TraceBuilder lateBuilder(late);
    lateBuilder.start(scenario, 0);
    LaneInfo info;
    info.tid = 101;
    lateBuilder.addLane(info);
    late.sched.source = SchedSource::Exact;
    lateBuilder.addEvents(events.data(), 2); // begins, task 0 runs
    SchedModel::applyExact(late, records, 1, 900);
    SchedModel::refineSegmentsSoFar(late, 800);
    QCOMPARE(late.lanes[0].open.startNs, 800); // the open Running segment was cut there
    // Its last event was at 0: the part before 800 is in the segments, refined (every 37 ns the
    // other process took the CPU).
    int64_t covered = 0;
    int64_t runnable = 0;
    for (const Segment &segment : late.lanes[0].segments) {
        covered += segment.durationNs();
        runnable += segment.state == State::Runnable ? segment.durationNs() : 0;
    }
    QCOMPARE(covered, 800);
    QVERIFY2(runnable >= 370 && runnable <= 430, qPrintable(QString::number(runnable)));
    lateBuilder.addEvents(&events[2], 1); // Sleeping from 600
    QCOMPARE(lateBuilder.movedEvents(), uint64_t(1));
    QCOMPARE(late.lanes[0].open.startNs, 800);
    QCOMPARE(late.lanes[0].open.state, State::Sleeping);
    QCOMPARE(late.lanes[0].segments.back().endNs, 800);
}

void TestSchedModel::theOutcomeSaysWhoWaitedForACpu()
{
    RunSummary summary;
    summary.spanMs = 100;
    summary.lanes = { LaneInfo { 0, LaneKind::Main, 1, 1, QStringLiteral("main"), -1 },
        LaneInfo { 1, LaneKind::Thread, 1, 2, QStringLiteral("a"), 0 },
        LaneInfo { 2, LaneKind::Thread, 1, 3, QStringLiteral("b"), 0 } };
    summary.laneSched = { LaneSchedSummary { 1, 0, 0, 0, 0 }, LaneSchedSummary { 25, 75, 1, 9, 2 },
        LaneSchedSummary { 50, 0, 3, 0, 0 } };
    summary.cpus = { CpuSummary { 0, 50 }, CpuSummary { 1, 26 } };
    QVERIFY(!Outcome::lines(summary).join(u'\n').contains(QStringLiteral("OS scheduler"))); // source Off: nothing
    summary.sched = SchedInfo { SchedSource::Exact, QStringLiteral("test"), 0, 2 };
    const QString text = Outcome::lines(summary).join(u'\n');
    QVERIFY2(text.contains(QStringLiteral("OS scheduler (exact): 2 CPUs busy 50%, 26%")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("the threads waited for a CPU 0–75% of the time they were ready")),
        qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("lost")));
    // The table: a row per thread with scheduler data, in lane order, then what did not fit.
    const std::vector<QStringList> table = Outcome::schedTable(summary, 2);
    QCOMPARE(table.size(), size_t(4));
    // main was ready for 1 ms of a 100 ms run: too short for its share to mean anything.
    QCOMPARE(table[1],
        (QStringList { QStringLiteral("main"), QStringLiteral("1.00 ms"), QStringLiteral("0.00 ms"),
            QStringLiteral("—"), QStringLiteral("0 / 0"), QStringLiteral("0") }));
    QCOMPARE(table[2],
        (QStringList { QStringLiteral("a"), QStringLiteral("25 ms"), QStringLiteral("75 ms"), QStringLiteral("75%"),
            QStringLiteral("1 / 9"), QStringLiteral("2") }));
    QCOMPARE(table[3], QStringList { QStringLiteral("… 1 more") });
    summary.sched.source = SchedSource::Off;
    QVERIFY(Outcome::schedTable(summary).empty());
}

void TestSchedModel::aProgramsWaitsFollowItsSystemCalls()
{
    // A traced program's thread 101 as the /proc looks drew it: running, then a futex wait that the
    // looks saw from 40 to 80 (its object 7), then running. Thread 102 made no recorded system call.
    Trace trace = runningLanes({ 101, 102 }, 120);
    trace.sched.source = SchedSource::Exact;
    trace.lanes[0].segments = {};
    trace.lanes[0].lod = {};
    trace.tasks[0].stateNs = {};
    for (const Segment &segment : { Segment { 0, 40, 0, kNoObject, -1, State::Running },
             Segment { 40, 80, 0, 7, -1, State::LockWait }, Segment { 80, 120, 0, kNoObject, -1, State::Running } }) {
        trace.lanes[0].segments.push_back(segment);
        trace.lanes[0].lod.append(segment);
        trace.tasks[0].stateNs[size_t(segment.state)] += segment.durationNs();
    }
    // The kernel: it blocked at 35 in futex (entered at 30), woke at 70, ran from 72; then blocked at
    // 101 in clock_nanosleep until 110. Thread 102 blocked from 50 to 60 on CPU 1.
    const std::vector<SchedRecord> records { sw(0, 0, 0, 101), sw(35, 0, 101, 0), wake(70, 101), sw(72, 0, 0, 101),
        sw(101, 0, 101, 0), wake(110, 101), sw(110, 0, 0, 101), sw(0, 1, 0, 102), sw(50, 1, 102, 0), wake(60, 102, 1),
        sw(60, 1, 0, 102) };
    constexpr int32_t kFutexCall = 202;
    constexpr int32_t kSleepCall = 230;
    const std::vector<SyscallRecord> calls { { 30, 101, kFutexCall, { 0x1000, 0 } }, { 73, 101, -1, {} },
        { 100, 101, kSleepCall, { 1, 0 } }, { 111, 101, -1, {} } };
    SchedModel::applyExact(trace, records, 2, 120);
    SchedModel::refineSegments(trace);

    std::vector<std::vector<BlockedStretch>> blocked = SchedModel::blockedStretches(trace, records, calls, 120);
    QCOMPARE(blocked.size(), size_t(2));
    QCOMPARE(blocked[0].size(), size_t(2));
    QCOMPARE((QList<int64_t> {
                 blocked[0][0].startNs, blocked[0][0].endNs, blocked[0][0].call, int64_t(blocked[0][0].args[0]) }),
        (QList<int64_t> { 35, 70, kFutexCall, 0x1000 }));
    QCOMPARE((QList<int64_t> { blocked[0][1].startNs, blocked[0][1].endNs, blocked[0][1].call }),
        (QList<int64_t> { 101, 110, kSleepCall }));
    QVERIFY(blocked[1].empty()); // its calls were not followed: nothing says what it waited in

    // The tracer names them (here: the futex wait is object 3, the sleep object 4).
    for (BlockedStretch &stretch : blocked[0]) {
        stretch.state = stretch.call == kFutexCall ? State::LockWait : State::Sleeping;
        stretch.object = stretch.call == kFutexCall ? 3 : 4;
    }
    SchedModel::applyBlockedStretches(trace, blocked);
    QList<QList<int64_t>> drawn;
    for (const Segment &s : trace.lanes[0].segments)
        drawn.append({ s.startNs, s.endNs, int64_t(s.state), s.object == kNoObject ? -1 : int64_t(s.object) });
    // The wait begins where the thread left its CPU and ends at its wake-up, not at the looks; it
    // was ready from 70 and ran from 72, inside what the looks drew as the wait.
    QCOMPARE(drawn,
        (QList<QList<int64_t>> { { 0, 35, kRun, -1 }, { 35, 70, int64_t(State::LockWait), 3 }, { 70, 72, kReady, -1 },
            { 72, 101, kRun, -1 }, { 101, 110, kSleep, 4 }, { 110, 120, kRun, -1 } }));
    QCOMPARE(trace.tasks[0].stateNs[size_t(State::Running)], 35 + 29 + 10);
    QCOMPARE(trace.tasks[0].stateNs[size_t(State::LockWait)], 35);
    QCOMPARE(trace.tasks[0].stateNs[size_t(State::Runnable)], 2);
    QCOMPARE(trace.tasks[0].stateNs[size_t(State::Sleeping)], 9);
    QCOMPARE(trace.lanes[0].lod.segmentCount(), size_t(6));
    // The lane without stretches stays as refineSegments() left it: blocked 50-60 is Sleeping.
    QCOMPARE(
        segments(trace.lanes[1]), (QList<QList<int64_t>> { { 0, 50, kRun }, { 50, 60, kSleep }, { 60, 120, kRun } }));
}

QTEST_GUILESS_MAIN(TestSchedModel)
#include "tst_schedmodel.moc"
