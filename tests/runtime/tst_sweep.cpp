#include "runtime/sweep.h"
#include "testsupport.h"
#include "trace/recordedrun.h"

#include <QJsonArray>
#include <QTest>

using namespace threadlab;
using namespace threadlab::test;

class TestSweep : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void combinesTheAxes();
    void runsEachSettingAndStopsWhenInterrupted();
    void aRowThatDeadlockedSaysSo();
};

void TestSweep::combinesTheAxes()
{
    // Worker counts multiply only the executors that have workers.
    const auto settings = Sweep::settings(
        Sweep::Axes { { ExecutorKind::Sequential, ExecutorKind::Pool }, { 1, 4 }, { false, true }, { true } });
    QCOMPARE(settings.size(), size_t(2 + 4));
    QCOMPARE(settings[0].label(), QStringLiteral("sequential · GIL off · lock on"));
    QVERIFY(!settings[0].workers);
    QCOMPARE(settings[5].label(), QStringLiteral("pool ×4 · GIL on · lock on"));
    QCOMPARE(settings[5].label(true, false, false), QStringLiteral("pool ×4"));
}

void TestSweep::runsEachSettingAndStopsWhenInterrupted()
{
    const Scenario base = parseOrFail(R"({"title": "s", "executor": {"kind": "threads"},
        "tasks": [{"name": "t", "count": 2, "steps": [{"sleep": 1}]}]})");
    const auto settings = Sweep::settings(Sweep::Axes {
        { ExecutorKind::Threads, ExecutorKind::Sequential, ExecutorKind::Pool }, { 2 }, { false }, { true } });
    QStringList ran;
    int runs = 0;
    const auto runOne = [&](Scenario scenario, bool *interrupted) {
        ran << executorKindName(scenario.executor.kind);
        *interrupted = ++runs == 2; // Ctrl+C during the second run
        return runToEnd(std::move(scenario))->takeRecording();
    };
    bool interrupted = false;
    const std::vector<SweepRow> rows = Sweep::run(base, settings, runOne, {}, &interrupted);
    QVERIFY(interrupted);
    QCOMPARE(ran, (QStringList { QStringLiteral("threads"), QStringLiteral("sequential") }));
    QCOMPARE(rows.size(), size_t(2));
    QVERIFY(!Sweep::failed(rows));
    QCOMPARE(rows[1].setting.executor, ExecutorKind::Sequential);
    QVERIFY(rows[0].wallMs > 0 && rows[1].wallMs >= 2.0); // sequentially, two 1 ms sleeps take 2 ms at least
    const QJsonObject json = Sweep::json(base, rows);
    QCOMPARE(json.value(QStringLiteral("baseline")).toString(), QStringLiteral("threads · GIL off · lock on"));
    QCOMPARE(json.value(QStringLiteral("runs")).toArray().size(), 2);
    QVERIFY(Sweep::table(base, rows).contains(QStringLiteral("sequential · GIL off · lock on")));
}

void TestSweep::aRowThatDeadlockedSaysSo()
{
    // A lock taken twice: with the lock on it deadlocks at once; with it off, the row is fine.
    const Scenario base = parseOrFail(R"({"title": "s", "executor": {"kind": "threads"},
        "tasks": [{"name": "t", "steps": [{"lock": "A", "steps": [{"lock": "A", "steps": []}]}]}]})");
    const auto settings = Sweep::settings(Sweep::Axes { { ExecutorKind::Threads }, { 1 }, { false }, { true, false } });
    const auto runOne = [](Scenario scenario, bool *) { return runToEnd(std::move(scenario))->takeRecording(); };
    const std::vector<SweepRow> rows = Sweep::run(base, settings, runOne, {}, nullptr);
    QCOMPARE(rows.size(), size_t(2));
    QVERIFY(Sweep::failed(rows));
    QVERIFY2(!rows[0].errors.isEmpty() && rows[0].errors.front().startsWith(QStringLiteral("deadlocked at ")),
        qPrintable(rows[0].errors.join(u'\n')));
    QVERIFY(rows[0].errors.front().contains(QStringLiteral("t holds lock 'A' and waits for lock 'A' again")));
    QVERIFY(rows[1].errors.isEmpty());
}

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
