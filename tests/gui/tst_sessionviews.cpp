#include "chart/ganttview.h"
#include "chart/lanelayout.h"
#include "chart/runexporter.h"
#include "scenario/scenariolibrary.h"
#include "testsupport.h"
#include "trace/outcome.h"
#include "trace/traceanalysis.h"
#include "trace/tracebuilder.h"
#include "window/chartspanel.h"
#include "window/comparedialog.h"
#include "window/consolepanel.h"
#include "window/exportdialog.h"
#include "window/lessonpanel.h"
#include "window/replaycontrols.h"
#include "window/sessionmodel.h"

#include <QChartView>
#include <QDialogButtonBox>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTreeWidget>
#include <QValueAxis>

using namespace threadlab;
using namespace threadlab::test;

namespace {

std::shared_ptr<RecordedRun> record(int workers)
{
    Result<Scenario> parsed = ScenarioParser::parseFile(QFINDTESTDATA("data/quick.json"));
    if (!parsed.ok())
        qFatal("%s", qPrintable(parsed.error().text()));
    parsed->executor.workers = workers;
    return runToEnd(std::move(*parsed))->takeRecording();
}

} // namespace

class TestSessionViews : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void compareShowsBothRunsOnOneScale();
    void exportDialogWritesTheChosenFormat();
    void chartsPanelExportsItsCharts();
    void sessionModelKeepsTheLastTwelveRuns();
    void comparesOnlyRunsOfTheSameLessonThatEnded();
    void consoleListsPrintsInOrderAndJumpsToThem();
    void replayRevealsTheRunAndStepsStateChanges();
    void lessonPanelExplainsADeadlockFirst();

private:
    std::shared_ptr<RecordedRun> m_oneWorker;
    std::shared_ptr<RecordedRun> m_twoWorkers;
};

void TestSessionViews::initTestCase()
{
    m_oneWorker = record(1);
    m_twoWorkers = record(2);
}

void TestSessionViews::compareShowsBothRunsOnOneScale()
{
    CompareDialog dialog(
        { m_oneWorker, m_twoWorkers }, { QStringLiteral("one worker"), QStringLiteral("two workers") });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Opened, it is fitted to the width it has: the longer run fills it (not minutes of axis).
    const int64_t longest = std::max(m_oneWorker->trace.lastEventNs - m_oneWorker->trace.originNs,
        m_twoWorkers->trace.lastEventNs - m_twoWorkers->trace.originNs);
    const auto shownNs = [](GanttView *view) {
        return view->mapping().nsPerPixel * double(view->viewport()->width() - GanttFrame::kLabelWidth);
    };
    const double shown = shownNs(dialog.view(0));
    QVERIFY2(shown >= double(longest) && shown <= double(longest) * 1.1,
        qPrintable(QStringLiteral("%1 ns shown for a %2 ns run").arg(shown).arg(longest)));
    dialog.choose(0, 1);
    // quick.json: sleeps of 150 and 20 ms add up on one worker and overlap on two.
    const QString figures = dialog.figures();
    QVERIFY2(figures.contains(QStringLiteral("B is")) && figures.contains(QStringLiteral("faster than A")),
        qPrintable(figures));
    QVERIFY(figures.contains(QStringLiteral("lost updates: A 0, B 0")));
    GanttView *a = dialog.view(0);
    GanttView *b = dialog.view(1);
    QCOMPARE(a->mapping().nsPerPixel, b->mapping().nsPerPixel);
    QCOMPARE(a->relativeStartNs(), b->relativeStartNs());
    // Zoomed in, Fit brings both back.
    a->zoomBy(8);
    QVERIFY(shownNs(a) < shown / 2);
    auto *fitButton = dialog.findChild<QPushButton *>();
    QVERIFY(fitButton && fitButton->text().contains(QStringLiteral("Fit")));
    fitButton->click();
    QVERIFY2(
        shownNs(a) >= double(longest) && shownNs(a) <= double(longest) * 1.1, qPrintable(QString::number(shownNs(a))));
    QCOMPARE(b->mapping().nsPerPixel, a->mapping().nsPerPixel);
    // Zoom one: the other follows, time since start for time since start.
    a->zoomBy(4);
    QCOMPARE(b->mapping().nsPerPixel, a->mapping().nsPerPixel);
    QCOMPARE(b->relativeStartNs(), a->relativeStartNs());
    QVERIFY(b->rows().size() >= 3);
}

void TestSessionViews::exportDialogWritesTheChosenFormat()
{
    QTemporaryDir dir;
    ExportDialog dialog(*m_twoWorkers);
    auto *save = dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Save);
    dialog.setPath(dir.filePath(QStringLiteral("run.bmp")));
    QVERIFY(!save->isEnabled());
    const QString csv = dir.filePath(QStringLiteral("run.csv"));
    dialog.setPath(csv);
    QVERIFY(save->isEnabled());
    save->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(QFileInfo(csv).size() > 100);

    ExportDialog sized(*m_twoWorkers);
    const QString png = dir.filePath(QStringLiteral("run.png"));
    sized.setPath(png);
    sized.setImageSize(QSize(900, 300));
    sized.accept();
    QCOMPARE(QImage(png).size(), QSize(900, 300));

    ExportDialog failing(*m_twoWorkers);
    failing.setPath(QStringLiteral("/nonexistent-dir/run.threadlab"));
    failing.show();
    failing.accept();
    QVERIFY(failing.isVisible()); // stays open and says why
    QVERIFY2(failing.error().contains(QStringLiteral("/nonexistent-dir/run.threadlab")), qPrintable(failing.error()));
}

void TestSessionViews::chartsPanelExportsItsCharts()
{
    // The States chart lists the lanes as the Gantt chart does, top lane on top (a horizontal bar
    // chart draws its first category at the bottom).
    const std::vector<LaneStateTotals> states = ChartsPanel::stateTotalsInGanttOrder(*m_twoWorkers);
    std::vector<int> gantt;
    for (const LaneRow &row : LaneLayout::build(m_twoWorkers->trace, m_twoWorkers->pid))
        if (row.kind == LaneRow::Lane)
            gantt.push_back(row.lane);
    QCOMPARE(states.size(), gantt.size());
    for (size_t i = 0; i < gantt.size(); ++i)
        QCOMPARE(states[states.size() - 1 - i].lane, gantt[i]);
    QCOMPARE(m_twoWorkers->trace.lanes[size_t(states.back().lane)].info.kind, LaneKind::Main);
    ChartsPanel panel;
    QTemporaryDir dir;
    QVERIFY(!panel.exportCurrent(dir.filePath(QStringLiteral("none.png")))); // nothing shown yet
    panel.resize(800, 500);
    panel.show();
    panel.showRun(
        *m_twoWorkers, { WallTimeBar { QStringLiteral("one"), 170 }, WallTimeBar { QStringLiteral("two"), 150 } });
    QCOMPARE(panel.chartCount(), 4);
    // Value axes tick at round numbers (a multiple of 1, 2 or 5 times a power of ten).
    for (QChartView *view : panel.findChildren<QChartView *>()) {
        for (QAbstractAxis *axis : view->chart()->axes()) {
            auto *values = qobject_cast<QValueAxis *>(axis);
            if (!values || values->tickType() == QValueAxis::TicksDynamic)
                continue;
            const double step = (values->max() - values->min()) / std::max(1, values->tickCount() - 1);
            const double scale = std::pow(10.0, std::floor(std::log10(step)));
            const double mantissa = step / scale;
            QVERIFY2(std::abs(mantissa - std::round(mantissa)) < 1e-6
                    && (std::round(mantissa) == 1 || std::round(mantissa) == 2 || std::round(mantissa) == 5
                        || std::round(mantissa) == 10),
                qPrintable(QStringLiteral("%1: %2 to %3 in %4 ticks")
                               .arg(view->chart()->title())
                               .arg(values->min())
                               .arg(values->max())
                               .arg(values->tickCount())));
            QCOMPARE(std::fmod(values->min(), step), 0.0);
        }
    }
    const QString png = dir.filePath(QStringLiteral("chart.png"));
    QCOMPARE(panel.exportCurrent(png).error().text(), QString());
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1200, 700));
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    QVERIFY(colours.size() > 5);
    QCOMPARE(panel.exportCurrent(dir.filePath(QStringLiteral("chart.svg"))).error().text(), QString());
    QVERIFY(!panel.exportCurrent(dir.filePath(QStringLiteral("chart.gif"))));
}

void TestSessionViews::sessionModelKeepsTheLastTwelveRuns()
{
    SessionModel model;
    int removed = 0;
    connect(&model, &QAbstractItemModel::rowsRemoved, this, [&] { ++removed; });
    for (int i = 0; i < SessionModel::kMaxRuns + 2; ++i)
        model.add(i % 2 ? m_twoWorkers : m_oneWorker, QStringLiteral("settings %1").arg(i));
    QCOMPARE(model.rowCount(), SessionModel::kMaxRuns);
    QCOMPARE(removed, 2); // the two oldest went, and the view was told
    const QModelIndex first = model.index(0);
    QCOMPARE(first.data(SessionModel::SettingsRole).toString(), QStringLiteral("settings 2"));
    QVERIFY(first.data().toString().contains(QStringLiteral("settings 2")));
    QCOMPARE(first.data(SessionModel::WallMsRole).toDouble(), model.at(0).summary.wallMs);
    QVERIFY(first.data(Qt::ToolTipRole).toString().contains(QStringLiteral("wall time")));
    // The compare dialog and the wall-time chart read the same runs, in the same order.
    QCOMPARE(model.recordings().size(), size_t(SessionModel::kMaxRuns));
    QCOMPARE(model.recordings().front(), m_oneWorker);
    QCOMPARE(model.labels().size(), SessionModel::kMaxRuns);
    QCOMPARE(model.wallTimeBars(model.at(11).summary.scenario).back().label, QStringLiteral("12: settings 13"));
    QVERIFY(model.wallTimeBars(QStringLiteral("another-lesson")).empty());
}

void TestSessionViews::comparesOnlyRunsOfTheSameLessonThatEnded()
{
    // (An exported chart's title line says what was run, and that a stopped run stopped.)
    const QString title = RunExporter::titleLine(*m_twoWorkers);
    QVERIFY2(title.startsWith(m_twoWorkers->scenario.id + QStringLiteral(" — ") + m_twoWorkers->scenario.title),
        qPrintable(title));
    QVERIFY2(title.contains(QStringLiteral(", workers 2, lock on, GIL off · wall time ")), qPrintable(title));
    // Runs: quick (1 worker), another lesson, quick stopped, quick (2 workers). The last compares
    // with the first (same lesson, not stopped) and says which setting differs; the stopped run
    // compares with nothing and is marked in the list and the wall-time chart.
    auto other = std::make_shared<RecordedRun>(*m_oneWorker);
    other->scenario.id = QStringLiteral("another-lesson");
    auto stopped = std::make_shared<RecordedRun>(*m_oneWorker);
    stopped->stopped = true;
    SessionModel model;
    model.add(m_oneWorker, QStringLiteral("threads, workers 1, lock on"));
    model.add(other, QStringLiteral("threads, workers 1, lock on"));
    model.add(stopped, QStringLiteral("threads, workers 1, lock on"));
    model.add(m_twoWorkers, QStringLiteral("threads, workers 2, lock on"));
    QCOMPARE(model.earlierComparable(3), 0);
    QCOMPARE(model.earlierComparable(2), -1); // stopped: no measurement
    QCOMPARE(model.earlierComparable(1), -1); // the first of its lesson
    QCOMPARE(model.earlierComparable(0), -1);
    QVERIFY(model.at(2).summary.stopped);
    QVERIFY(model.index(2).data().toString().contains(QStringLiteral("stopped at")));
    QVERIFY(model.index(2).data(Qt::ToolTipRole).toString().contains(QStringLiteral("stopped before the end")));
    const auto bars = model.wallTimeBars(model.at(0).summary.scenario);
    QCOMPARE(bars.size(), size_t(3));
    QVERIFY(bars[1].label.endsWith(QStringLiteral("(stopped)")));
    const QString comparison
        = Outcome::comparison(model.at(3).summary, model.at(3).settings, model.at(0).summary, model.at(0).settings);
    QVERIFY2(comparison.contains(QStringLiteral("than the last run of this lesson (workers 2 (was workers 1))"))
            || comparison.contains(
                QStringLiteral("about as fast as the last run of this lesson (workers 2 (was workers 1))")),
        qPrintable(comparison));
    QCOMPARE(model.earlierComparable(1), -1); // a different lesson, not paired with quick
    // A lesson paired with quick ("compare_with") compares with quick's last run that ended.
    auto paired = std::make_shared<RecordedRun>(*m_oneWorker);
    paired->scenario.id = QStringLiteral("paired-lesson");
    paired->scenario.compareWith = model.at(0).summary.scenario;
    model.add(paired, QStringLiteral("threads, workers 1, lock on"));
    QCOMPARE(model.earlierComparable(4), 3);
    const QString withPair
        = Outcome::comparison(model.at(4).summary, model.at(4).settings, model.at(3).summary, model.at(3).settings);
    QVERIFY2(withPair.contains(
                 QStringLiteral("the last run of %1 (threads, workers 2, lock on)").arg(model.at(3).summary.scenario)),
        qPrintable(withPair));
    QVERIFY(Outcome::comparison(model.at(2).summary, model.at(2).settings, model.at(0).summary, model.at(0).settings)
                .isEmpty()); // stopped
}

void TestSessionViews::lessonPanelExplainsADeadlockFirst()
{
    // The two-lock lesson deadlocks: the panel says so before the figures, in words, lane by lane.
    const auto run = runToEnd(withLongerSleeps(ScenarioLibrary::load(QStringLiteral("deadlock-two-locks")).value(), 5));
    const RunSummary summary = summaryOf(*run);
    LessonPanel panel;
    panel.showScenario(run->scenario());
    panel.showOutcome(summary, QStringLiteral("threads"));
    const QString text = panel.outcomeText();
    const qsizetype deadlock = text.indexOf(QStringLiteral("Deadlock at "));
    QVERIFY2(deadlock >= 0, qPrintable(text));
    QVERIFY(deadlock < text.indexOf(QStringLiteral("Measured")));
    QVERIFY(text.contains(QStringLiteral("transfer_1 holds lock 'A' and waits for lock 'B' (held by transfer_2)")));
    // A run that got through with the locks taken in opposite orders is warned about.
    const auto lucky = runToEnd(parseOrFail(R"({"title": "t", "executor": {"kind": "threads"}, "tasks": [
        {"name": "x", "steps": [{"lock": "A", "steps": [{"lock": "B", "steps": []}]}]},
        {"name": "y", "steps": [{"sleep": 40}, {"lock": "B", "steps": [{"lock": "A", "steps": []}]}]}]})"));
    panel.showOutcome(summaryOf(*lucky), QStringLiteral("threads"));
    QVERIFY2(panel.outcomeText().contains(
                 QStringLiteral("Potential deadlock: x and y took the locks A, B in opposite orders")),
        qPrintable(panel.outcomeText()));
}

QTEST_MAIN(TestSessionViews)
void TestSessionViews::consoleListsPrintsInOrderAndJumpsToThem()
{
    // Two lanes print; the second lane's print comes first in time although its lane is later.
    Scenario scenario;
    scenario.objects = { ObjectSpec { ObjectKind::Text, QStringLiteral("hello from a"), QueueKind::Fifo },
        ObjectSpec { ObjectKind::Text, QStringLiteral("hello from b"), QueueKind::Fifo },
        ObjectSpec { ObjectKind::Text, QStringLiteral("a again"), QueueKind::Fifo } };
    Trace trace;
    TraceBuilder builder(trace);
    builder.start(scenario, 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("a"), -1 });
    builder.addLane(LaneInfo { 1, LaneKind::Thread, 1, 3, QStringLiteral("b"), -1 });
    const Event a[] = { Event { 0, 0, 0, kNoObject, EventKind::LaneBegin, 0, {} },
        Event { 300'000'000, 0, 0, 0, EventKind::Mark, 0, {} }, Event { 700'000'000, 0, 0, 2, EventKind::Mark, 0, {} },
        Event { 1'000'000'000, 0, 0, kNoObject, EventKind::LaneEnd, 0, {} } };
    const Event b[] = { Event { 0, 0, 1, kNoObject, EventKind::LaneBegin, 0, {} },
        Event { 100'000'000, 0, 1, 1, EventKind::Mark, 0, {} },
        Event { 1'000'000'000, 0, 1, kNoObject, EventKind::LaneEnd, 0, {} } };
    builder.addEvents(a, std::size(a));
    builder.addEvents(b, std::size(b));
    ConsolePanel console;
    console.showTrace(trace);
    QCOMPARE(console.lineCount(), 3);
    QVERIFY2(console.lineText(0).endsWith(QStringLiteral("b  hello from b")), qPrintable(console.lineText(0)));
    QVERIFY(console.lineText(1).endsWith(QStringLiteral("a  hello from a")));
    QVERIFY(console.lineText(2).endsWith(QStringLiteral("a  a again")));
    QVERIFY2(console.lineText(0).startsWith(QStringLiteral("100")), qPrintable(console.lineText(0)));
    // Clicking a line shows that moment on the chart.
    GanttView view;
    view.resize(1000, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(TraceSource(trace), 1);
    view.traceUpdated(trace.lastEventNs, false);
    view.zoomBy(8);
    QObject::connect(&console, &ConsolePanel::jumpRequested, &view, &GanttView::showMoment);
    QSignalSpy jumps(&console, &ConsolePanel::jumpRequested);
    auto *lines = console.findChild<QTreeWidget *>();
    QVERIFY(lines);
    console.show();
    QVERIFY(QTest::qWaitForWindowExposed(&console));
    const QRect third = lines->visualItemRect(lines->topLevelItem(2));
    QTest::mouseClick(lines->viewport(), Qt::LeftButton, {}, third.center());
    QCOMPARE(jumps.size(), 1);
    QCOMPARE(jumps[0][0].toInt(), 0);
    QCOMPARE(jumps[0][1].toLongLong(), 700'000'000);
    QCOMPARE(view.momentNs(), 700'000'000);
    const int width = view.viewport()->width() - view.mapping().left;
    const int64_t middle = view.mapping().startNs + int64_t(view.mapping().nsPerPixel * width / 2);
    QVERIFY(std::abs(middle - 700'000'000) <= int64_t(view.mapping().nsPerPixel * 2));
    // Another trace (the same size) is read afresh after clear().
    console.clear();
    QCOMPARE(console.lineCount(), 0);
    console.showTrace(trace);
    QCOMPARE(console.lineCount(), 3);
}

void TestSessionViews::replayRevealsTheRunAndStepsStateChanges()
{
    // One lane: Running 0–100 ms, Sleeping 100–300 ms, Running 300–400 ms; another starts at 50 ms.
    Trace trace;
    TraceBuilder builder(trace);
    builder.start(Scenario {}, 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("a"), -1 });
    builder.addLane(LaneInfo { 1, LaneKind::Thread, 1, 3, QStringLiteral("b"), -1 });
    constexpr int64_t ms = 1'000'000;
    const Event a[] = { Event { 0, 0, 0, kNoObject, EventKind::LaneBegin, 0, {} },
        Event { 100 * ms, -1, 0, kNoObject, EventKind::StateChange, uint16_t(State::Sleeping), {} },
        Event { 300 * ms, -1, 0, kNoObject, EventKind::StateChange, uint16_t(State::Running), {} },
        Event { 400 * ms, 0, 0, kNoObject, EventKind::LaneEnd, 0, {} } };
    const Event b[] = { Event { 50 * ms, 0, 1, kNoObject, EventKind::LaneBegin, 0, {} },
        Event { 400 * ms, 0, 1, kNoObject, EventKind::LaneEnd, 0, {} } };
    builder.addEvents(a, std::size(a));
    builder.addEvents(b, std::size(b));
    QCOMPARE(TraceAnalysis::nextStateChange(trace, 0), 50 * ms);
    QCOMPARE(TraceAnalysis::nextStateChange(trace, 50 * ms), 100 * ms);
    QCOMPARE(TraceAnalysis::nextStateChange(trace, 300 * ms), 400 * ms); // the lanes end
    QCOMPARE(TraceAnalysis::nextStateChange(trace, 400 * ms), INT64_MAX);

    QToolBar bar;
    GanttView view;
    view.resize(1000, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setTrace(TraceSource(trace), 1);
    view.traceUpdated(trace.lastEventNs, false);
    const QImage whole = view.viewport()->grab().toImage();
    ReplayControls replay(&bar, &view);
    QVERIFY(!replay.playAction()->isEnabled()); // nothing to replay yet
    replay.setTrace(&trace);
    QVERIFY(replay.playAction()->isEnabled());
    // Step: paused at each state change in turn; the chart shows the run up to there only.
    replay.step();
    QCOMPARE(view.revealNs(), 50 * ms);
    replay.step();
    QCOMPARE(view.revealNs(), 100 * ms);
    QVERIFY(!replay.isPlaying());
    QVERIFY(view.viewport()->grab().toImage() != whole);
    // Not revealed yet: no tooltip there.
    const int y = GanttFrame::kAxisHeight + view.rows()[1].y + 5;
    QCOMPARE(view.hitAt(QPoint(int(view.mapping().timeToX(350 * ms)), y)).kind, GanttHit::None);
    QCOMPARE(view.hitAt(QPoint(int(view.mapping().timeToX(30 * ms)), y)).kind, GanttHit::SegmentHit);
    // Play at ×1 goes on from there and stops at the end; End shows the whole run again.
    replay.setSpeed(1);
    replay.play();
    QVERIFY(replay.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(view.revealNs() > 100 * ms, 2000);
    QTRY_VERIFY_WITH_TIMEOUT(!replay.isPlaying(), 5000);
    QCOMPARE(view.revealNs(), trace.lastEventNs);
    replay.end();
    QCOMPARE(view.revealNs(), INT64_MAX);
    QVERIFY(!replay.endAction()->isEnabled());
    QCOMPARE(view.viewport()->grab().toImage(), whole);
}

#include "tst_sessionviews.moc"
