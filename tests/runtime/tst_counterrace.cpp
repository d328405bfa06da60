#include "base/osids.h"
#include "scenario/scenariolibrary.h"
#include "scenario/scenariooverrides.h"
#include "testsupport.h"

#include <QTest>

using namespace threadlab;
using namespace threadlab::test;

namespace {

Scenario builtIn(const char *id, ScenarioOverrides overrides = {})
{
    Result<Scenario> parsed = ScenarioLibrary::load(QString::fromLatin1(id));
    if (!parsed.ok())
        qFatal("%s", qPrintable(parsed.error().text()));
    overrides.applyTo(*parsed);
    return *parsed;
}

} // namespace

class TestCounterRace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lockOnIsExact();
    void lockOffLosesUpdatesThatAddUpExactly();
    void processesEachHaveTheirOwnCopy();
    void threadLocalCopiesAreExact();
};

void TestCounterRace::lockOnIsExact()
{
    const auto run = runToEnd(builtIn("counter-race"));
    const RunSummary s = summaryOf(*run);
    QCOMPARE(s.counters.size(), size_t(1));
    const CounterReport &x = s.counters[0].report;
    QCOMPARE(x.name, QStringLiteral("x"));
    QCOMPARE(x.pid, currentPid());
    QCOMPARE(x.expected, 0);
    QCOMPARE(x.actual, 0);
    QCOMPARE(x.lostUpdates, 0);
    QCOMPARE(s.locks.size(), size_t(1));
    QCOMPARE(s.locks[0].acquisitions, 400'000);
    QVERIFY(s.locks[0].holdMsTotal > 0);
    QCOMPARE(s.eventsDropped, 0u);
}

void TestCounterRace::lockOffLosesUpdatesThatAddUpExactly()
{
    ScenarioOverrides off;
    off.lock = false;
    const auto run = runToEnd(builtIn("counter-race", off));
    const RunSummary s = summaryOf(*run);
    QCOMPARE(s.counters.size(), size_t(1));
    const CounterReport &x = s.counters[0].report;
    QCOMPARE(x.expected, 0);
    QVERIFY2(x.lostUpdates > 0, "four racing threads on a 2-core machine lost no update");
    QVERIFY(s.locks.empty());
    // Every lost update is in the trace with the amount it overwrote; together they explain the result.
    int64_t lostCount = 0;
    int64_t lostAmount = 0;
    int64_t reads = 0;
    int64_t writes = 0;
    for (const LaneTrack &lane : run->trace().lanes) {
        for (const Event &event : lane.lostUpdates) {
            QCOMPARE(event.kind, EventKind::LostUpdate);
            ++lostCount;
            lostAmount += event.arg;
        }
        for (const Event &event : lane.counterEvents) {
            reads += event.kind == EventKind::CounterRead ? 1 : 0;
            writes += event.kind == EventKind::CounterWrite ? 1 : 0;
        }
    }
    QCOMPARE(s.eventsDropped, 0u);
    QCOMPARE(reads, 400'000);
    QCOMPARE(writes, 400'000);
    QCOMPARE(lostCount, x.lostUpdates);
    QCOMPARE(lostAmount, x.expected - x.actual);
    QCOMPARE(x.lostAmount, x.expected - x.actual);
}

void TestCounterRace::processesEachHaveTheirOwnCopy()
{
    ScenarioOverrides processes;
    processes.executor = ExecutorKind::Processes;
    processes.workers = 2;
    const auto run = runToEnd(builtIn("counter-race", processes));
    const RunSummary s = summaryOf(*run);
    QVERIFY2(s.errors.isEmpty(), qPrintable(s.errors.join(u'\n')));
    QSet<qint64> pids;
    int64_t expectedTotal = 0;
    for (const CounterSummary &c : s.counters) {
        QVERIFY(c.report.pid != currentPid());
        QCOMPARE(c.report.actual, c.report.expected); // each copy is used by one process at a time
        pids.insert(c.report.pid);
        expectedTotal += c.report.expected;
    }
    QCOMPARE(pids.size(), int(s.counters.size()));
    QVERIFY(s.counters.size() >= 1 && s.counters.size() <= 2);
    QCOMPARE(expectedTotal, 0);
}

void TestCounterRace::threadLocalCopiesAreExact()
{
    const auto run = runToEnd(builtIn("thread-local"));
    const RunSummary s = summaryOf(*run);
    QCOMPARE(s.counters.size(), size_t(4));
    QMap<QString, int64_t> byThread;
    for (const CounterSummary &c : s.counters) {
        QCOMPARE(c.report.actual, c.report.expected);
        QCOMPARE(c.report.lostUpdates, 0);
        byThread[c.thread] = c.report.actual;
    }
    QCOMPARE(byThread.value(QStringLiteral("add_2")), 200'000);
    QCOMPARE(byThread.value(QStringLiteral("add_3")), 300'000);
    QCOMPARE(byThread.value(QStringLiteral("sub_4")), -400'000);
    QCOMPARE(byThread.value(QStringLiteral("sub_1")), -100'000);
}

QTEST_GUILESS_MAIN(TestCounterRace)
#include "tst_counterrace.moc"
