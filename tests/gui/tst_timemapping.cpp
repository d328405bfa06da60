#include "chart/timeaxis.h"
#include "chart/timemapping.h"

#include <QTest>

using namespace threadlab;

class TestTimeMapping : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mapsBothWays_data();
    void mapsBothWays();
    void zoomKeepsTheAnchor_data();
    void zoomKeepsTheAnchor();
    void tickStep_data();
    void tickStep();
    void formatsWithTheRightUnit_data();
    void formatsWithTheRightUnit();
    void ticksCoverTheWindow();
    void labelsAreNeverCutAtTheRightEdge();
};

void TestTimeMapping::mapsBothWays_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<double>("nsPerPixel");
    QTest::addColumn<int>("left");
    QTest::addColumn<qint64>("time");
    QTest::addColumn<double>("x");
    QTest::newRow("origin") << qint64(1000) << 10.0 << 0 << qint64(1000) << 0.0;
    QTest::newRow("with label column") << qint64(1000) << 10.0 << 190 << qint64(2000) << 290.0;
    QTest::newRow("1 ms per px") << qint64(0) << 1e6 << 0 << qint64(2'500'000'000) << 2500.0;
    QTest::newRow("before start") << qint64(5000) << 100.0 << 50 << qint64(0) << 0.0;
    QTest::newRow("sub-pixel") << qint64(0) << 4.0 << 0 << qint64(6) << 1.5;
    QTest::newRow("large absolute times")
        << qint64(8'000'000'000'000'000) << 1000.0 << 0 << qint64(8'000'000'001'000'000) << 1000.0;
}

void TestTimeMapping::mapsBothWays()
{
    QFETCH(qint64, start);
    QFETCH(double, nsPerPixel);
    QFETCH(int, left);
    QFETCH(qint64, time);
    QFETCH(double, x);
    const TimeMapping mapping { start, nsPerPixel, left };
    QCOMPARE(mapping.timeToX(time), x);
    QCOMPARE(mapping.xToTime(x), time);
}

void TestTimeMapping::zoomKeepsTheAnchor_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("factor");
    QTest::newRow("in at left") << 190.0 << 2.0;
    QTest::newRow("in at middle") << 700.0 << 1.25;
    QTest::newRow("out at right") << 1500.0 << 0.5;
}

void TestTimeMapping::zoomKeepsTheAnchor()
{
    QFETCH(double, x);
    QFETCH(double, factor);
    const TimeMapping mapping { 1'000'000, 1000, 190 };
    const TimeMapping zoomed = mapping.zoomedAt(x, factor);
    QCOMPARE(zoomed.nsPerPixel, 1000 / factor);
    QVERIFY(std::abs(zoomed.timeToX(mapping.xToTime(x)) - x) < 0.01);
}

void TestTimeMapping::tickStep_data()
{
    QTest::addColumn<double>("nsPerPixel");
    QTest::addColumn<qint64>("step");
    QTest::newRow("1 ns/px") << 1.0 << qint64(100);
    QTest::newRow("11 ns/px") << 11.0 << qint64(1000);
    QTest::newRow("30 ns/px") << 30.0 << qint64(5000);
    QTest::newRow("1 ms/px") << 1e6 << qint64(100'000'000);
    QTest::newRow("7 ms/px") << 7e6 << qint64(1'000'000'000);
    QTest::newRow("20 ms/px") << 2e7 << qint64(2'000'000'000);
}

void TestTimeMapping::tickStep()
{
    QFETCH(double, nsPerPixel);
    QFETCH(qint64, step);
    QCOMPARE(TimeAxis::step(nsPerPixel, 90), step);
}

void TestTimeMapping::formatsWithTheRightUnit_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<QString>("text");

    QTest::newRow("seconds") << qint64(2'000'000'000) << qint64(1'000'000'000) << QStringLiteral("2 s");
    QTest::newRow("half seconds") << qint64(1'500'000'000) << qint64(500'000'000) << QStringLiteral("1.5 s");
    QTest::newRow("milliseconds") << qint64(20'000'000) << qint64(10'000'000) << QStringLiteral("20 ms");
    QTest::newRow("microseconds") << qint64(250'000) << qint64(50'000) << QStringLiteral("250 µs");
    QTest::newRow("fine microseconds") << qint64(1'200) << qint64(200) << QStringLiteral("1.2 µs");
    QTest::newRow("nanoseconds") << qint64(500) << qint64(100) << QStringLiteral("500 ns");
}

void TestTimeMapping::formatsWithTheRightUnit()
{
    QFETCH(qint64, ns);
    QFETCH(qint64, step);
    QFETCH(QString, text);
    QCOMPARE(TimeAxis::format(ns, step), text);
}

void TestTimeMapping::ticksCoverTheWindow()
{
    const TimeMapping mapping { 1'000'000'000 + 50'000'000, 1e6, 190 }; // 50 ms after the origin, 1 ms/px
    const auto ticks = TimeAxis::ticks(mapping, 1000, 1'000'000'000);
    QVERIFY(!ticks.empty());
    QCOMPARE(ticks.front().label, QStringLiteral("100 ms"));
    QCOMPARE(ticks.front().x, 190.0 + 50);
    for (size_t i = 1; i < ticks.size(); ++i)
        QCOMPARE(ticks[i].timeNs - ticks[i - 1].timeNs, int64_t(100'000'000));
    QVERIFY(ticks.back().x <= 190 + 1000);
}

void TestTimeMapping::labelsAreNeverCutAtTheRightEdge()
{
    // A label that fits goes right of its tick; one that would pass the edge goes left of it.
    QCOMPARE(TimeAxis::labelLeft(100, 40, 1000), 103.0);
    QCOMPARE(TimeAxis::labelLeft(980, 40, 1000), 937.0);
    QVERIFY(TimeAxis::labelLeft(980, 40, 1000) + 40 <= 1000);
    QCOMPARE(TimeAxis::labelLeft(957, 40, 1000), 960.0); // just fits
}

QTEST_GUILESS_MAIN(TestTimeMapping)
#include "tst_timemapping.moc"
