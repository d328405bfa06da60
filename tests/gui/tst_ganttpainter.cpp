#include "chart/chartexporter.h"
#include "chart/counterpainter.h"
#include "chart/cpupainter.h"
#include "chart/gantthit.h"
#include "chart/ganttpainter.h"
#include "chart/statepalette.h"
#include "events.h"
#include "trace/tracebuilder.h"

#include <QDomDocument>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>
#include <random>

using namespace threadlab;
using threadlab::test::ev;
using threadlab::test::st;

namespace {

Scenario oneTask()
{
    Scenario scenario;
    scenario.objects = { ObjectSpec { ObjectKind::Counter, QStringLiteral("x"), QueueKind::Fifo } };
    scenario.tasks = { TaskSpec { QStringLiteral("t"), 1, 1, false, {} } };
    scenario.instances = { TaskInstance { 0, 0, QStringLiteral("t") } };
    return scenario;
}

struct Picture
{
    Trace trace;
    std::vector<LaneRow> rows;
    QImage image;
};

// Paints lane 0 over 0 .. 1 000 000 ns onto a 1190 px wide image: 1000 ns per chart pixel.
// A live frame when nowNs >= 0.
void paint(Picture &picture, bool dark = false, qreal ratio = 1, int64_t nowNs = -1)
{
    picture.rows = LaneLayout::build(picture.trace, 1);
    GanttFrame frame;
    frame.trace = &picture.trace;
    frame.rows = &picture.rows;
    frame.size = QSize(GanttFrame::kLabelWidth + 1000, 200);
    frame.mapping = TimeMapping { 0, 1000, GanttFrame::kLabelWidth };
    frame.live = nowNs >= 0;
    frame.nowNs = nowNs;
    picture.image = QImage(frame.size * ratio, QImage::Format_RGB32);
    picture.image.setDevicePixelRatio(ratio);
    QPainter painter(&picture.image);
    GanttPainter gantt;
    gantt.setDark(dark);
    gantt.paint(painter, frame);
}

// The colour in the middle of lane 0's bar at time t.
QRgb colourAt(const Picture &picture, int64_t t)
{
    const LaneRow &row = *std::find_if(picture.rows.begin(), picture.rows.end(),
        [](const LaneRow &r) { return r.kind == LaneRow::Lane && r.lane == 0; });
    return picture.image.pixel(
        GanttFrame::kLabelWidth + int(t / 1000), GanttFrame::kAxisHeight + row.y + row.height / 2);
}

} // namespace

class TestGanttPainter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void paintsEachStateInItsColour();
    void summarisesDenseLanesPerColumn();
    void marksLostUpdates();
    void counterColumnsAgreeWithEachWrite_data();
    void counterColumnsAgreeWithEachWrite();
    void exportsPngSvgAndPdf();
    void denseMarksAtAnyZoomFinish();
    void darkSurfaceKeepsTheStateColours();
    void summaryIsSharpAtDevicePixelRatioTwo();
    void coresViewShowsWhichLaneRanOnEachCpu();
    void liveStretchNotYetRefinedIsHatched();
    void coresViewShowsMigrationsAndTheRunsOwnThreads();
    void lockRowShowsWhoHoldsItOneAtATime();
    void resultsArrivingTogetherShareOneReadableBadge();
    void taskNameOnItsFirstWidePieceWhateverTheState();
    void deadlockCycleIsDrawnFromLaneToLockToLane();
    void semaphoreRowStacksItsHolders();
};

void TestGanttPainter::paintsEachStateInItsColour()
{
    Picture picture;
    TraceBuilder builder(picture.trace);
    builder.start(oneTask(), 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("worker"), -1 });
    const Event events[] = {
        ev(0, 0, EventKind::LaneBegin),
        ev(100'000, 0, EventKind::StateChange, kNoObject, -1, State::Sleeping),
        ev(400'000, 0, EventKind::StateChange, 0, 0, State::LockWait),
        ev(600'000, 0, EventKind::StateChange, kNoObject, -1, State::Running),
        ev(800'000, 0, EventKind::LaneEnd),
    };
    builder.addEvents(events, std::size(events));
    paint(picture);
    QCOMPARE(colourAt(picture, 50'000), StatePalette::color(State::Running).rgb());
    QCOMPARE(colourAt(picture, 250'000), StatePalette::color(State::Sleeping).rgb());
    QCOMPARE(colourAt(picture, 500'000), StatePalette::color(State::LockWait).rgb());
    QCOMPARE(colourAt(picture, 700'000), StatePalette::color(State::Running).rgb());
    // After the lane ended: background, not a state colour.
    const QRgb after = colourAt(picture, 900'000);
    for (State state : allStates())
        QVERIFY(after != StatePalette::color(state).rgb());
}

void TestGanttPainter::summarisesDenseLanesPerColumn()
{
    // 100 000 segments of 10 ns (7 ns Sleeping, 3 ns Running) in the first half: 100 per pixel.
    Picture picture;
    TraceBuilder builder(picture.trace);
    builder.start(oneTask(), 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("busy"), -1 });
    std::vector<Event> events { ev(0, 0, EventKind::LaneBegin) };
    for (int i = 0; i < 50'000; ++i) {
        events.push_back(ev(i * 10, 0, EventKind::StateChange, kNoObject, -1, State::Sleeping));
        events.push_back(ev(i * 10 + 7, 0, EventKind::StateChange, kNoObject, -1, State::Running));
    }
    events.push_back(ev(500'000, 0, EventKind::StateChange, kNoObject, -1, State::QueueWait));
    events.push_back(ev(1'000'000, 0, EventKind::LaneEnd));
    builder.addEvents(events.data(), events.size());
    QVERIFY(picture.trace.lanes[0].segments.size() > 99'000);
    paint(picture);
    QCOMPARE(colourAt(picture, 200'000), StatePalette::color(State::Sleeping).rgb()); // the dominant state
    QCOMPARE(colourAt(picture, 700'000), StatePalette::color(State::QueueWait).rgb());
}

void TestGanttPainter::marksLostUpdates()
{
    Picture picture;
    TraceBuilder builder(picture.trace);
    builder.start(oneTask(), 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("racer"), -1 });
    const Event events[] = {
        ev(0, 0, EventKind::LaneBegin),
        ev(500'000, 0, EventKind::LostUpdate, 0, 3),
        ev(900'000, 0, EventKind::LaneEnd),
    };
    builder.addEvents(events, std::size(events));
    paint(picture);
    const LaneRow &row = picture.rows.at(1);
    int red = 0;
    for (int x = GanttFrame::kLabelWidth + 495; x <= GanttFrame::kLabelWidth + 505; ++x) {
        for (int y = GanttFrame::kAxisHeight + row.y; y < GanttFrame::kAxisHeight + row.y + row.height; ++y) {
            const QColor c = picture.image.pixelColor(x, y);
            red += c.red() > 180 && c.green() < 60 && c.blue() < 60 ? 1 : 0;
        }
    }
    QVERIFY2(red >= 6, qPrintable(QString::number(red)));
}

void TestGanttPainter::counterColumnsAgreeWithEachWrite_data()
{
    QTest::addColumn<int>("writes");
    QTest::addColumn<bool>("zoomed");
    QTest::newRow("fewer writes than columns") << 150 << false;
    QTest::newRow("many writes per column") << 40'000 << false;
    QTest::newRow("many, a window in the middle") << 40'000 << true;
}

void TestGanttPainter::counterColumnsAgreeWithEachWrite()
{
    // Two lanes race on a counter (reads, writes, some lost updates); the columns the chart draws
    // are checked against each write put into its column one by one.
    QFETCH(int, writes);
    QFETCH(bool, zoomed);
    Scenario scenario;
    scenario.objects = { ObjectSpec { ObjectKind::Counter, QStringLiteral("x"), QueueKind::Fifo } };
    Trace trace;
    TraceBuilder builder(trace);
    builder.start(scenario, 0);
    std::mt19937 random(7);
    std::vector<Event> events;
    for (uint32_t lane = 0; lane < 2; ++lane) {
        builder.addLane(LaneInfo { lane, LaneKind::Thread, 1, int(lane) + 2, QStringLiteral("add"), -1 });
        events.clear();
        events.push_back(ev(0, lane, EventKind::LaneBegin));
        int64_t t = 1 + lane;
        int64_t value = 0;
        for (int write = 0; write < writes / 2; ++write) {
            events.push_back(ev(t += 1 + random() % 50, lane, EventKind::CounterRead, 0, value));
            value += int64_t(random() % 7) - 3;
            events.push_back(ev(t += 1 + random() % 50, lane, EventKind::CounterWrite, 0, value));
            if (random() % 5 == 0)
                events.push_back(ev(t += 1, lane, EventKind::LostUpdate, 0, 1));
        }
        events.push_back(ev(t + 1, lane, EventKind::LaneEnd));
        builder.addEvents(events.data(), events.size());
    }
    trace.counters.update(trace, INT64_MAX);
    QCOMPARE(trace.counters.all().size(), size_t(1));
    const CounterSeries &series = trace.counters.all()[0];
    GanttFrame frame;
    frame.trace = &trace;
    frame.size = QSize(GanttFrame::kLabelWidth + 300, 400);
    frame.mapping.left = GanttFrame::kLabelWidth;
    const int64_t span = series.points().back().timeNs + 10;
    frame.mapping.nsPerPixel = (zoomed ? span / 7.0 : double(span)) / frame.chartWidth();
    frame.mapping.startNs = zoomed ? span / 2 : 0;
    CounterPainter painter;
    int64_t low = 0;
    int64_t high = 0;
    const std::vector<CounterPainter::Column> columns = painter.columns(frame, series, low, high);
    QCOMPARE(int(columns.size()), frame.chartWidth());

    // Each write in view, one by one.
    const int width = frame.chartWidth();
    std::vector<CounterPainter::Column> expected(size_t(width), CounterPainter::Column { 0, 0, 0, 0, 0, false });
    const CounterPoint *before = series.at(frame.mapping.startNs - 1);
    uint32_t lostBefore = before ? before->lostWrites : 0;
    int64_t lowest = before ? std::min(before->value, before->expected) : INT64_MAX;
    int64_t highest = before ? std::max(before->value, before->expected) : INT64_MIN;
    int counted = 0;
    for (const CounterPoint &point : series.in(frame.mapping.startNs, frame.mapping.endNs(width))) {
        const int x = frame.mapping.xFloor(point.timeNs, frame.labelWidth(), frame.labelWidth() + width - 1)
            - frame.labelWidth();
        CounterPainter::Column &column = expected[size_t(x)];
        if (!column.any)
            column = CounterPainter::Column { point.value, point.value, point.value, point.expected, 0, true };
        column.low = std::min(column.low, point.value);
        column.high = std::max(column.high, point.value);
        column.last = point.value;
        column.expected = point.expected;
        column.lost += point.lostWrites - lostBefore;
        lostBefore = point.lostWrites;
        lowest = std::min({ lowest, point.value, point.expected });
        highest = std::max({ highest, point.value, point.expected });
        ++counted;
    }
    QVERIFY(counted > (writes > 1000 ? 10 * width : 50)); // (the rows test what they say)
    QCOMPARE(low, lowest);
    QCOMPARE(high, highest);
    for (int x = 0; x < width; ++x) {
        if (!expected[size_t(x)].any)
            continue; // (a column without writes holds the value before it: not checked here)
        const CounterPainter::Column &got = columns[size_t(x)];
        const CounterPainter::Column &want = expected[size_t(x)];
        const QString where = QStringLiteral("column %1").arg(x);
        QVERIFY2(got.any, qPrintable(where));
        QVERIFY2(got.low == want.low && got.high == want.high, qPrintable(where));
        QVERIFY2(got.last == want.last && got.expected == want.expected, qPrintable(where));
        QVERIFY2(got.lost == want.lost,
            qPrintable(where + QStringLiteral(": %1 lost, not %2").arg(got.lost).arg(want.lost)));
    }
}

void TestGanttPainter::exportsPngSvgAndPdf()
{
    Trace trace;
    TraceBuilder builder(trace);
    builder.start(oneTask(), 0);
    builder.addLane(LaneInfo { 0, LaneKind::Main, 1, 1, QStringLiteral("main"), -1 });
    builder.addLane(LaneInfo { 1, LaneKind::Thread, 1, 2, QStringLiteral("worker"), 0 });
    const Event events[] = {
        ev(0, 0, EventKind::LaneBegin),
        ev(0, 1, EventKind::LaneBegin),
        ev(10, 0, EventKind::StateChange, 0, -1, State::JoinWait),
        ev(10, 1, EventKind::TaskBegin, 0),
        ev(20'000, 1, EventKind::StateChange, kNoObject, -1, State::Sleeping),
        ev(900'000, 1, EventKind::TaskEnd, 0),
        ev(900'000, 1, EventKind::LaneEnd),
        ev(900'100, 0, EventKind::StateChange, kNoObject, -1, State::Running),
        ev(900'200, 0, EventKind::Result, 0),
        ev(1'000'000, 0, EventKind::LaneEnd),
    };
    builder.addEvents(events, std::size(events));
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("chart.png"));
    QCOMPARE(ChartExporter::exportChart(trace, 1, png).error().text(), QString());
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), ChartExporter::kDefaultWidth);
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    QVERIFY(colours.contains(StatePalette::color(State::Sleeping).rgb()));
    QVERIFY(colours.contains(StatePalette::color(State::JoinWait).rgb()));

    const QString svg = dir.filePath(QStringLiteral("chart.svg"));
    QCOMPARE(ChartExporter::exportChart(trace, 1, svg).error().text(), QString());
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    QDomDocument document;
    QVERIFY(bool(document.setContent(&svgFile)));
    QCOMPARE(document.documentElement().tagName(), QStringLiteral("svg"));
    // The lanes' state rectangles: <rect>s inside groups filled with the state's colour.
    auto rectsOf = [&](State state) {
        QList<QDomElement> rects;
        const QDomNodeList groups = document.elementsByTagName(QStringLiteral("g"));
        for (int i = 0; i < groups.size(); ++i) {
            const QDomElement group = groups.at(i).toElement();
            if (group.attribute(QStringLiteral("fill")).compare(StatePalette::color(state).name(), Qt::CaseInsensitive)
                != 0)
                continue;
            const QDomNodeList children = group.elementsByTagName(QStringLiteral("rect"));
            for (int j = 0; j < children.size(); ++j)
                rects << children.at(j).toElement();
        }
        return rects;
    };
    const QList<QDomElement> sleeping = rectsOf(State::Sleeping);
    QVERIFY(!sleeping.isEmpty());
    QVERIFY(!rectsOf(State::JoinWait).isEmpty());
    // The worker's sleep sits on the worker's row (header, main, then worker).
    const int workerTop = GanttFrame::kAxisHeight + LaneLayout::kHeaderHeight + LaneLayout::kLaneHeight;
    const double y = sleeping.first().attribute(QStringLiteral("y")).toDouble();
    QVERIFY2(y >= workerTop && y < workerTop + LaneLayout::kLaneHeight, qPrintable(QString::number(y)));
    QVERIFY(sleeping.first().attribute(QStringLiteral("width")).toDouble() > 1000); // most of the 1600 px run

    const QString pdf = dir.filePath(QStringLiteral("chart.pdf"));
    QCOMPARE(ChartExporter::exportChart(trace, 1, pdf).error().text(), QString());
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.read(5) == "%PDF-");

    QVERIFY(ChartExporter::exportChart(trace, 1, dir.filePath(QStringLiteral("chart.bmp")))
                .error()
                .text()
                .contains(QStringLiteral("unknown chart format")));
    QVERIFY(!ChartExporter::exportChart(trace, 1, QStringLiteral("/nonexistent/dir/chart.png")));
}

void TestGanttPainter::denseMarksAtAnyZoomFinish()
{
    // Many lost updates per pixel, at scales where a pixel boundary falls on an event's time
    // (the thinning loop must always move on).
    Trace trace;
    TraceBuilder builder(trace);
    builder.start(oneTask(), 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("racer"), -1 });
    std::vector<Event> events { ev(0, 0, EventKind::LaneBegin) };
    for (int i = 1; i <= 200'000; ++i)
        events.push_back(ev(i * 3, 0, EventKind::LostUpdate, 0, 1));
    builder.addEvents(events.data(), events.size());
    const std::vector<LaneRow> rows = LaneLayout::build(trace, 1);
    QImage image(GanttFrame::kLabelWidth + 997, 120, QImage::Format_RGB32);
    GanttPainter painter;
    for (double nsPerPixel : { 3.0, 7.0, 600.0 / 997, 601.7, 1.0 / 3, 299.99999 }) {
        GanttFrame frame;
        frame.trace = &trace;
        frame.rows = &rows;
        frame.size = image.size();
        frame.mapping = TimeMapping { 17, nsPerPixel, GanttFrame::kLabelWidth };
        QPainter p(&image);
        painter.paint(p, frame);
    }
}

void TestGanttPainter::darkSurfaceKeepsTheStateColours()
{
    Picture picture;
    TraceBuilder builder(picture.trace);
    builder.start(oneTask(), 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("worker"), -1 });
    const std::vector<Event> events { ev(0, 0, EventKind::LaneBegin),
        ev(0, 0, EventKind::StateChange, kNoObject, -1, State::Running),
        ev(400'000, 0, EventKind::StateChange, kNoObject, -1, State::Sleeping), ev(800'000, 0, EventKind::LaneEnd) };
    builder.addEvents(events.data(), events.size());
    for (const bool dark : { false, true }) {
        paint(picture, dark);
        // The states keep their colours on either surface...
        QCOMPARE(colourAt(picture, 200'000), StatePalette::color(State::Running).rgb());
        QCOMPARE(colourAt(picture, 600'000), StatePalette::color(State::Sleeping).rgb());
        // ...while the lane behind them, the axis and the legend follow the theme,
        const QColor lane = picture.image.pixelColor(GanttFrame::kLabelWidth + 950, GanttFrame::kAxisHeight + 30);
        const QColor axis = picture.image.pixelColor(3, 3);
        const QColor legend = picture.image.pixelColor(3, picture.image.height() - 3);
        for (const QColor &surface : { lane, axis, legend })
            QVERIFY2(dark ? surface.lightness() < 70 : surface.lightness() > 200, qPrintable(surface.name()));
        // ...and the lane's label is drawn in a colour that stands out from its row.
        const LaneRow &row = picture.rows.at(1);
        int strongest = 0;
        for (int x = 16; x < 80; ++x) {
            const QColor ink = picture.image.pixelColor(x, GanttFrame::kAxisHeight + row.y + row.height / 2);
            strongest = std::max(strongest, std::abs(ink.lightness() - lane.lightness()));
        }
        QVERIFY2(strongest > 120, qPrintable(QString::number(strongest)));
    }
}

void TestGanttPainter::summaryIsSharpAtDevicePixelRatioTwo()
{
    // Alternating stretches of 2125 ns, mostly Sleeping then mostly Running, in segments of 8 and
    // 2 ns: 1000 ns per chart pixel, so a stretch is 2.125 logical or 4.25 device pixels. Drawn at
    // device pixels, the colour changes between device pixels that share a logical pixel too.
    constexpr int64_t kStretch = 2125;
    Picture picture;
    TraceBuilder builder(picture.trace);
    builder.start(oneTask(), 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("dense"), -1 });
    std::vector<Event> events { ev(0, 0, EventKind::LaneBegin) };
    for (int64_t t = 0; t < 400'000; t += 10) {
        const bool sleeping = (t / kStretch) % 2 == 0;
        events.push_back(ev(t, 0, EventKind::StateChange, kNoObject, -1, sleeping ? State::Sleeping : State::Running));
        events.push_back(
            ev(t + 8, 0, EventKind::StateChange, kNoObject, -1, sleeping ? State::Running : State::Sleeping));
    }
    events.push_back(ev(400'000, 0, EventKind::LaneEnd));
    builder.addEvents(events.data(), events.size());
    paint(picture, false, 2);
    QCOMPARE(picture.image.width(), 2 * (GanttFrame::kLabelWidth + 1000));
    const LaneRow &row = picture.rows.at(1);
    const int y = 2 * (GanttFrame::kAxisHeight + row.y + row.height / 2);
    const QRgb sleeping = StatePalette::color(State::Sleeping).rgb();
    const QRgb running = StatePalette::color(State::Running).rgb();
    // The middle of every stretch has its dominant state...
    for (int64_t stretch = 0; stretch < 400'000 / kStretch; ++stretch) {
        const int x = int(2 * GanttFrame::kLabelWidth + (stretch * kStretch + kStretch / 2) / 500);
        QCOMPARE(picture.image.pixel(x, y), stretch % 2 == 0 ? sleeping : running);
    }
    // ...and the edges fall on odd device pixels as often as on even ones: not doubled logical pixels.
    int oddEdges = 0;
    int edges = 0;
    for (int x = 2 * GanttFrame::kLabelWidth + 1; x < 2 * (GanttFrame::kLabelWidth + 400); ++x) {
        if (picture.image.pixel(x, y) != picture.image.pixel(x - 1, y)) {
            ++edges;
            oddEdges += x % 2;
        }
    }
    QVERIFY2(edges >= 150 && oddEdges >= edges / 4, qPrintable(QStringLiteral("%1 of %2").arg(oddEdges).arg(edges)));
}

void TestGanttPainter::coresViewShowsWhichLaneRanOnEachCpu()
{
    // Two lanes on two CPUs: CPU 0 runs lane 0 for the first half, lane 1 for the second; CPU 1
    // runs another process's thread, then is idle.
    Trace trace;
    for (int i = 0; i < 2; ++i) {
        LaneTrack lane;
        lane.info = LaneInfo { uint32_t(i), LaneKind::Thread, 1, 10 + i, QStringLiteral("t%1").arg(i), -1 };
        trace.lanes.push_back(std::move(lane));
    }
    trace.lastEventNs = 1'000'000;
    trace.sched = SchedInfo { SchedSource::Exact, QStringLiteral("test"), 0, 2 };
    trace.cpus.resize(2);
    trace.cpus[0] = CpuTrack { 0,
        PodVector<CpuSlice> { CpuSlice { 0, 500'000, 0, 0 }, CpuSlice { 500'000, 1'000'000, 1, 2 } }, 1'000'000 };
    trace.cpus[1] = CpuTrack { 1, PodVector<CpuSlice> { CpuSlice { 0, 500'000, -1, 1 } }, 500'000 };
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("cores.png"));
    const QSize size(1000, 200);
    QCOMPARE(ChartExporter::exportChart(trace, 1, png, size, ChartView::Cores).error().text(), QString());
    const QImage image(png);
    QCOMPARE(image.size(), size);
    const std::vector<LaneRow> rows = LaneLayout::buildCores(trace);
    QCOMPARE(rows.size(), size_t(3)); // header, CPU 0, CPU 1
    QCOMPARE(rows[1].label, QStringLiteral("CPU 0  ·  100% busy"));
    QCOMPARE(rows[2].label, QStringLiteral("CPU 1  ·  50% busy"));
    const int cpu0 = GanttFrame::kAxisHeight + rows[1].y + rows[1].height / 2;
    const int cpu1 = GanttFrame::kAxisHeight + rows[2].y + rows[2].height / 2;
    GanttFrame frame;
    frame.size = size;
    const int64_t span = 1'000'000;
    frame.mapping.left = GanttFrame::kLabelWidth;
    frame.mapping.nsPerPixel = double(span) * 1.04 / frame.chartWidth();
    frame.mapping.startNs = -span / 100;
    const int early = int(frame.mapping.timeToX(250'000));
    const int late = int(frame.mapping.timeToX(750'000));
    QCOMPARE(image.pixel(early, cpu0), CpuPainter::laneColour(0, false).rgb());
    QCOMPARE(image.pixel(late, cpu0), CpuPainter::laneColour(1, false).rgb());
    QVERIFY(CpuPainter::laneColour(0, false).rgb() != CpuPainter::laneColour(1, false).rgb());
    QCOMPARE(image.pixel(late, cpu1), image.pixel(late, cpu1 + 1)); // idle: the row's background
    QVERIFY(image.pixel(late, cpu1) != CpuPainter::laneColour(0, false).rgb());
    int hatched = 0; // another process ran there first: hatched
    for (int x = early - 8; x < early + 8; ++x)
        hatched += image.pixel(x, cpu1) != image.pixel(late, cpu1) ? 1 : 0;
    QVERIFY(hatched > 0);
    // Without scheduler data there is no Cores view to export, and it says so.
    trace.cpus.clear();
    QVERIFY(ChartExporter::exportChart(trace, 1, png, size, ChartView::Cores)
                .error()
                .text()
                .contains(QStringLiteral("no OS scheduler data")));
}

void TestGanttPainter::liveStretchNotYetRefinedIsHatched()
{
    // A live run with scheduler data refined up to 400 µs: before it, Running is plain; after it,
    // until now, it is hatched (and named on the axis), not shown as the kernel's word.
    Picture picture;
    TraceBuilder builder(picture.trace);
    builder.start(oneTask(), 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("worker"), -1 });
    const Event events[] = { ev(0, 0, EventKind::LaneBegin), ev(100'000, 0, EventKind::Mark) };
    builder.addEvents(events, std::size(events));
    picture.trace.sched.source = SchedSource::Sampled;
    auto plainRun = [&picture](int64_t t) {
        int plain = 0;
        for (int64_t dt = 0; dt < 16'000; dt += 1000)
            plain += colourAt(picture, t + dt) == StatePalette::color(State::Running).rgb() ? 1 : 0;
        return plain;
    };
    paint(picture, false, 1, 800'000);
    QCOMPARE(plainRun(200'000), 16);
    QCOMPARE(plainRun(600'000), 16); // nothing refined yet: nothing to tell apart
    picture.trace.lanes[0].refinedUntilNs = 400'000;
    paint(picture, false, 1, 800'000);
    QCOMPARE(plainRun(200'000), 16);
    QVERIFY(plainRun(600'000) < 16); // hatch lines cross the bar every few pixels
    paint(picture); // not live (the lane drawn up to its last event): no hatching
    QCOMPARE(plainRun(50'000), 16);
}

void TestGanttPainter::coresViewShowsMigrationsAndTheRunsOwnThreads()
{
    // Lane 0 runs on CPU 0, then on CPU 1: a line joins the two rows where it moved, and the
    // tooltip of its second slice says where it came from. CPU 0 then runs one of ThreadLab's own
    // threads: plain grey, not hatched like another process.
    Trace trace;
    LaneTrack lane;
    lane.info = LaneInfo { 0, LaneKind::Thread, 1, 10, QStringLiteral("t0"), -1 };
    lane.os = PodVector<OsSlice> { OsSlice { 0, 400'000, 0, true }, OsSlice { 600'000, 1'000'000, 1, true } };
    trace.lanes.push_back(std::move(lane));
    trace.lastEventNs = 1'000'000;
    trace.sched = SchedInfo { SchedSource::Exact, QStringLiteral("test"), 0, 2 };
    trace.cpus.resize(2);
    trace.cpus[0] = CpuTrack { 0,
        PodVector<CpuSlice> { CpuSlice { 0, 400'000, 0, 0 }, CpuSlice { 400'000, 1'000'000, kRunThread, 0 } },
        1'000'000 };
    trace.cpus[1] = CpuTrack { 1, PodVector<CpuSlice> { CpuSlice { 600'000, 1'000'000, 0, 2 } }, 400'000 };
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("cores.png"));
    const QSize size(1000, 300);
    QCOMPARE(ChartExporter::exportChart(trace, 1, png, size, ChartView::Cores).error().text(), QString());
    const QImage image(png);
    const std::vector<LaneRow> rows = LaneLayout::buildCores(trace);
    const int cpu0 = GanttFrame::kAxisHeight + rows[1].y + rows[1].height / 2;
    const int cpu1 = GanttFrame::kAxisHeight + rows[2].y + rows[2].height / 2;
    GanttFrame frame;
    frame.size = size;
    frame.mapping.left = GanttFrame::kLabelWidth;
    frame.mapping.nsPerPixel = 1'000'000 * 1.04 / frame.chartWidth();
    frame.mapping.startNs = -10'000;
    // Halfway along the line from (400 µs, CPU 0) to (600 µs, CPU 1), the row gap included.
    const int midX = int(frame.mapping.timeToX(500'000));
    const int midY = (cpu0 + cpu1) / 2;
    const QColor line = CpuPainter::laneColour(0, false).darker(150);
    int near = 0;
    for (int dy = -3; dy <= 3; ++dy) {
        for (int dx = -3; dx <= 3; ++dx) {
            const QColor c = image.pixelColor(midX + dx, midY + dy);
            near += std::abs(c.red() - line.red()) + std::abs(c.green() - line.green())
                        + std::abs(c.blue() - line.blue())
                    < 60
                ? 1
                : 0;
        }
    }
    QVERIFY2(near > 0, "no migration line between the CPU rows");
    // ThreadLab's own thread: plain, its colour all along.
    const int ownX = int(frame.mapping.timeToX(800'000));
    for (int x = ownX - 8; x < ownX + 8; ++x)
        QCOMPARE(image.pixel(x, cpu0), CpuPainter::laneColour(kRunThread, false).rgb());
    const QString tip = GanttHit::describe(trace, GanttHit::atCpu(trace, 1, 800'000));
    QVERIFY2(tip.contains(QStringLiteral("came from CPU 0")), qPrintable(tip));
    QVERIFY(GanttHit::describe(trace, GanttHit::atCpu(trace, 0, 800'000)).contains(QStringLiteral("ThreadLab's own")));
    QVERIFY(!GanttHit::describe(trace, GanttHit::atCpu(trace, 0, 100'000)).contains(QStringLiteral("came from")));
}

void TestGanttPainter::lockRowShowsWhoHoldsItOneAtATime()
{
    // Lane 0 holds lock L from 100 to 400 µs, lane 1 from 500 to 900 µs: the lock's row above the
    // lanes shows each in its lane's colour, and nothing where the lock was free.
    Picture picture;
    Scenario scenario = oneTask();
    scenario.objects.push_back(ObjectSpec { ObjectKind::Lock, QStringLiteral("L"), QueueKind::Fifo });
    const uint32_t lock = 1;
    TraceBuilder builder(picture.trace);
    builder.start(scenario, 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("a"), -1 });
    builder.addLane(LaneInfo { 1, LaneKind::Thread, 1, 3, QStringLiteral("b"), -1 });
    const Event events[] = { ev(0, 0, EventKind::LaneBegin), ev(100'000, 0, EventKind::LockAcquire, lock, -1),
        ev(400'000, 0, EventKind::LockRelease, lock), ev(950'000, 0, EventKind::LaneEnd),
        ev(0, 1, EventKind::LaneBegin), ev(500'000, 1, EventKind::LockAcquire, lock, -1),
        ev(900'000, 1, EventKind::LockRelease, lock), ev(950'000, 1, EventKind::LaneEnd) };
    builder.addEvents(events, std::size(events));
    paint(picture);
    const auto lockRow = std::find_if(
        picture.rows.begin(), picture.rows.end(), [](const LaneRow &r) { return r.kind == LaneRow::Lock; });
    QVERIFY(lockRow != picture.rows.end());
    QCOMPARE(lockRow->lane, int(lock));
    const int y = GanttFrame::kAxisHeight + lockRow->y + lockRow->height / 2;
    auto at = [&](int64_t t) { return picture.image.pixel(GanttFrame::kLabelWidth + int(t / 1000), y); };
    QCOMPARE(at(250'000), CpuPainter::laneColour(0, false).rgb());
    QCOMPARE(at(700'000), CpuPainter::laneColour(1, false).rgb());
    QVERIFY(
        at(450'000) != CpuPainter::laneColour(0, false).rgb() && at(450'000) != CpuPainter::laneColour(1, false).rgb());
    QCOMPARE(LockPainter::holderAt(picture.trace, lock, 300'000), 0);
    QCOMPARE(LockPainter::holderAt(picture.trace, lock, 450'000), -1);
    const QString tip = GanttHit::describe(picture.trace, GanttHit::atLock(picture.trace, lock, 700'000));
    QVERIFY2(tip.contains(QStringLiteral("held by b from 500.0 µs for 400.0 µs")), qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("held 74% of the run, by one lane at a time; 2 acquisitions")));
    QVERIFY(GanttHit::describe(picture.trace, GanttHit::atLock(picture.trace, lock, 450'000))
                .contains(QStringLiteral("free at")));
}

void TestGanttPainter::resultsArrivingTogetherShareOneReadableBadge()
{
    // Results 3 px apart share one wide badge ("1–2"); a lone result keeps its round 14 px badge.
    auto badgeWidthAt = [](std::initializer_list<int64_t> times) {
        Picture picture;
        Scenario scenario = oneTask();
        scenario.tasks[0].count = 2;
        scenario.instances.push_back(TaskInstance { 1, 0, QStringLiteral("t2") });
        TraceBuilder builder(picture.trace);
        builder.start(scenario, 0);
        builder.addLane(LaneInfo { 0, LaneKind::Main, 1, 1, QStringLiteral("main"), -1 });
        std::vector<Event> events { ev(0, 0, EventKind::LaneBegin) };
        uint32_t task = 0;
        for (int64_t t : times)
            events.push_back(ev(t, 0, EventKind::Result, task++));
        events.push_back(ev(900'000, 0, EventKind::LaneEnd));
        builder.addEvents(events.data(), events.size());
        paint(picture);
        const QRgb badge = StatePalette().resultBrush.color().rgb();
        const LaneRow &row = *std::find_if(picture.rows.begin(), picture.rows.end(),
            [](const LaneRow &r) { return r.kind == LaneRow::Lane && r.lane == 0; });
        const int y = GanttFrame::kAxisHeight + row.y + row.height / 2 + 3;
        int width = 0;
        for (int x = GanttFrame::kLabelWidth + 250; x < GanttFrame::kLabelWidth + 350; ++x)
            width += picture.image.pixel(x, y) == badge ? 1 : 0;
        return width;
    };
    const int lone = badgeWidthAt({ 300'000 });
    const int shared = badgeWidthAt({ 300'000, 303'000 });
    QVERIFY2(lone > 4 && lone <= 14, qPrintable(QString::number(lone)));
    QVERIFY2(shared > lone + 4, qPrintable(QStringLiteral("%1 vs %2").arg(shared).arg(lone)));
}

void TestGanttPainter::taskNameOnItsFirstWidePieceWhateverTheState()
{
    // Task t runs for 2 µs (2 px: no room for a name) and then sleeps for 600 µs: its name is
    // written on the Sleeping piece.
    Picture picture;
    TraceBuilder builder(picture.trace);
    builder.start(oneTask(), 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("worker"), -1 });
    const Event events[] = { ev(0, 0, EventKind::LaneBegin), ev(100'000, 0, EventKind::TaskBegin, 0),
        ev(102'000, 0, EventKind::StateChange, kNoObject, -1, State::Sleeping), ev(702'000, 0, EventKind::TaskEnd, 0),
        ev(800'000, 0, EventKind::LaneEnd) };
    builder.addEvents(events, std::size(events));
    paint(picture);
    const LaneRow &row = *std::find_if(picture.rows.begin(), picture.rows.end(),
        [](const LaneRow &r) { return r.kind == LaneRow::Lane && r.lane == 0; });
    int ink = 0;
    for (int x = GanttFrame::kLabelWidth + 105; x < GanttFrame::kLabelWidth + 160; ++x)
        for (int y = GanttFrame::kAxisHeight + row.y + 4; y < GanttFrame::kAxisHeight + row.y + row.height - 4; ++y)
            ink += qGray(picture.image.pixel(x, y)) < 90 ? 1 : 0;
    QVERIFY2(ink > 5, qPrintable(QString::number(ink)));
}

void TestGanttPainter::deadlockCycleIsDrawnFromLaneToLockToLane()
{
    // a holds A and waits for B from 500 µs; b holds B and waits for A: found at 600 µs.
    Picture picture;
    Scenario scenario = oneTask();
    scenario.objects.push_back(ObjectSpec { ObjectKind::Lock, QStringLiteral("A"), QueueKind::Fifo });
    scenario.objects.push_back(ObjectSpec { ObjectKind::Lock, QStringLiteral("B"), QueueKind::Fifo });
    TraceBuilder builder(picture.trace);
    builder.start(scenario, 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("a"), -1 });
    builder.addLane(LaneInfo { 1, LaneKind::Thread, 1, 3, QStringLiteral("b"), -1 });
    const Event events[] = { ev(0, 0, EventKind::LaneBegin), ev(100'000, 0, EventKind::LockAcquire, 1, -1),
        st(500'000, 0, State::LockWait, 2, 1), ev(0, 1, EventKind::LaneBegin),
        ev(200'000, 1, EventKind::LockAcquire, 2, -1), st(550'000, 1, State::LockWait, 1, 0),
        ev(700'000, 0, EventKind::LaneEnd), ev(700'000, 1, EventKind::LaneEnd) };
    builder.addEvents(events, std::size(events));
    picture.trace.deadlock = Deadlock { true, true, 600'000,
        { DeadlockLink { 0, { 1 }, State::LockWait, 2, 1 }, DeadlockLink { 1, { 2 }, State::LockWait, 1, 0 } } };
    paint(picture);
    auto red = [&](int x, int y) {
        const QColor c = picture.image.pixelColor(x, y);
        return c.red() > 150 && c.green() < 90 && c.blue() < 90;
    };
    auto rowY = [&](LaneRow::Kind kind, int index) {
        const LaneRow &row = *std::find_if(picture.rows.begin(), picture.rows.end(),
            [&](const LaneRow &r) { return r.kind == kind && r.lane == index; });
        return GanttFrame::kAxisHeight + row.y + row.height / 2;
    };
    const int x = GanttFrame::kLabelWidth + 600;
    // The line where it was found, through the lanes.
    QVERIFY(red(x, rowY(LaneRow::Lane, 0) - 3) || red(x, rowY(LaneRow::Lane, 0)) || red(x, rowY(LaneRow::Lane, 0) + 3));
    // Left of it, a's link: up from a's bar to lock B's row (left column), down to b (right column).
    int up = 0, down = 0;
    for (int column = x - 60; column < x; ++column) {
        const int between = (rowY(LaneRow::Lock, 2) + rowY(LaneRow::Lane, 0)) / 2;
        if (red(column, between))
            ++up;
        if (red(column, (rowY(LaneRow::Lane, 0) + rowY(LaneRow::Lane, 1)) / 2))
            ++down;
    }
    QVERIFY2(up >= 2, qPrintable(QString::number(up))); // both links cross there
    QVERIFY2(down >= 1, qPrintable(QString::number(down)));
    // Nothing of it before the lanes waited.
    for (int column = GanttFrame::kLabelWidth + 10; column < GanttFrame::kLabelWidth + 400; ++column)
        QVERIFY(!red(column, (rowY(LaneRow::Lock, 2) + rowY(LaneRow::Lane, 0)) / 2));
}

void TestGanttPainter::semaphoreRowStacksItsHolders()
{
    // A semaphore of two places, held by lanes 0 and 1 at once from 200 to 600 µs: its row shows
    // both, one above the other, each half the row's height.
    Picture picture;
    Scenario scenario = oneTask();
    ObjectSpec semaphore { ObjectKind::Semaphore, QStringLiteral("S"), QueueKind::Fifo };
    semaphore.value = 2;
    scenario.objects.push_back(semaphore);
    TraceBuilder builder(picture.trace);
    builder.start(scenario, 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("a"), -1 });
    builder.addLane(LaneInfo { 1, LaneKind::Thread, 1, 3, QStringLiteral("b"), -1 });
    const Event events[] = { ev(0, 0, EventKind::LaneBegin), ev(200'000, 0, EventKind::LockAcquire, 1, -1),
        ev(600'000, 0, EventKind::LockRelease, 1), ev(0, 1, EventKind::LaneBegin),
        ev(200'000, 1, EventKind::LockAcquire, 1, -1), ev(600'000, 1, EventKind::LockRelease, 1),
        ev(900'000, 0, EventKind::LaneEnd), ev(900'000, 1, EventKind::LaneEnd) };
    builder.addEvents(events, std::size(events));
    paint(picture);
    const LaneRow &row = *std::find_if(
        picture.rows.begin(), picture.rows.end(), [](const LaneRow &r) { return r.kind == LaneRow::Lock; });
    QVERIFY(row.label.startsWith(QStringLiteral("semaphore")));
    const int x = GanttFrame::kLabelWidth + 400;
    QSet<QRgb> colours;
    for (int y = GanttFrame::kAxisHeight + row.y; y < GanttFrame::kAxisHeight + row.y + row.height; ++y)
        colours.insert(picture.image.pixel(x, y));
    QVERIFY(colours.contains(CpuPainter::laneColour(0, false).rgb()));
    QVERIFY(colours.contains(CpuPainter::laneColour(1, false).rgb()));
    const QString tip = GanttHit::describe(picture.trace, GanttHit::atLock(picture.trace, 1, 400'000));
    QVERIFY2(tip.contains(QStringLiteral("of its 2 places were taken")), qPrintable(tip));
}

QTEST_MAIN(TestGanttPainter)
#include "tst_ganttpainter.moc"
