#include "chart/ganttview.h"

#include "base/clock.h"
#include "trace/trace.h"
#include "trace/traceanalysis.h"

#include <QAction>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>

namespace threadlab {

namespace {
constexpr int kScrollSteps = 100'000;
constexpr double kZoomStep = 1.25;
constexpr double kBigZoomStep = 4;
constexpr double kMinNsPerPixel = 0.5;
constexpr int64_t kMinFollowSpanNs = 1'000'000'000; // a young live run is shown on at least 1 s
// How far before the newest event drawn a live run can still change the picture (lanes that
// report late, the rows that are drawn from what has settled): 5 times the collector's 50 ms.
constexpr int64_t kStillChangingNs = 250'000'000;
constexpr int kDragThreshold = 4;
} // namespace

GanttView::GanttView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    // The painter fills every pixel of the viewport first: Qt need not fill its background before
    // (a whole second fill of the chart in each live frame).
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    horizontalScrollBar()->setRange(0, 0);
    setMinimumSize(400, 200);
    m_mapping.left = GanttFrame::kLabelWidth;
    // Threads or cores: which thread ran on which CPU, from the OS scheduler's data.
    m_coresAction = new QAction(tr("&Cores view"), this);
    m_coresAction->setCheckable(true);
    m_coresAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_coresAction->setToolTip(tr("Show a row per CPU: which thread ran where, and the idle time (%1)")
                                  .arg(m_coresAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_coresAction, &QAction::toggled, this,
        [this](bool cores) { setView(cores ? ChartView::Cores : ChartView::Threads); });
    // The race, one lost update at a time: the two overlapping read→write windows, zoomed to.
    m_nextLostAction = new QAction(tr("&Next lost update"), this);
    m_nextLostAction->setShortcut(QKeySequence(Qt::Key_N));
    m_previousLostAction = new QAction(tr("&Previous lost update"), this);
    m_previousLostAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_N));
    for (QAction *action : { m_nextLostAction, m_previousLostAction }) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setEnabled(false);
        addAction(action);
    }
    m_nextLostAction->setToolTip(tr("Zoom to the next write that erased another thread's update (N)"));
    m_previousLostAction->setToolTip(tr("Zoom to the previous write that erased another thread's update (Shift+N)"));
    connect(m_nextLostAction, &QAction::triggered, this, [this] { showLostUpdate(true); });
    connect(m_previousLostAction, &QAction::triggered, this, [this] { showLostUpdate(false); });
}

void GanttView::updateLostActions(const Trace &trace)
{
    bool any = false;
    for (const CounterSeries &series : trace.counters.all())
        any = any || (!series.points().empty() && series.points().back().lostWrites > 0);
    m_nextLostAction->setEnabled(any);
    m_previousLostAction->setEnabled(any);
}

void GanttView::selectRace(int64_t lostWriteNs, qint64 pid, uint32_t counter)
{
    m_race = {};
    const TraceReading trace = m_source.read();
    const CounterSeries *series = trace->counters.find(counter, pid);
    const CounterPoint *write = series ? series->at(lostWriteNs) : nullptr;
    if (!write || write->timeNs != lostWriteNs)
        return;
    m_race.active = true;
    m_race.lost = RaceWindow { int(write->lane), write->readNs, write->timeNs };
    for (const CounterPoint &erased : series->overwrittenBy(*write))
        m_race.erased.push_back(RaceWindow { int(erased.lane), erased.readNs, erased.timeNs });
}

bool GanttView::showLostUpdate(bool forward)
{
    if (!hasTrace())
        return false;
    const int64_t from = m_race.active ? m_race.lost.writeNs
        : forward                      ? m_mapping.startNs - 1
                                       : m_mapping.endNs(chartWidth());
    int64_t writeNs = 0;
    qint64 pid = 0;
    uint32_t counter = kNoObject;
    {
        // What is needed is copied out while the trace is read: a live trace's series may move.
        const TraceReading trace = m_source.read();
        const CounterSeriesSet::LostWrite lost = trace->counters.nextLost(from, forward);
        if (!lost.write)
            return false;
        writeNs = lost.write->timeNs;
        pid = lost.series->pid();
        counter = lost.series->counter();
    }
    selectRace(writeNs, pid, counter);
    // The windows side by side, with as much again around them.
    int64_t start = m_race.lost.readNs;
    for (const RaceWindow &erased : m_race.erased)
        start = std::min(start, erased.readNs);
    const int64_t span = std::max<int64_t>(1, m_race.lost.writeNs - start);
    leaveFollow();
    TimeMapping mapping = m_mapping;
    mapping.nsPerPixel = std::max(kMinNsPerPixel, double(span) * 2.0 / chartWidth());
    mapping.startNs = start - int64_t(double(span) * 0.5);
    setMapping(mapping);
    scrollLaneIntoView(m_race.lost.lane);
    viewport()->update();
    return true;
}

void GanttView::scrollLaneIntoView(int lane)
{
    for (const LaneRow &row : m_rows) {
        if (row.kind == LaneRow::Lane && row.lane == lane) {
            const int lanesHeight = viewport()->height() - GanttFrame::kAxisHeight - m_legendHeight;
            QScrollBar *v = verticalScrollBar();
            if (row.y < v->value() || row.y + row.height > v->value() + lanesHeight)
                v->setValue(row.y - lanesHeight / 3);
        }
    }
}

void GanttView::setRevealNs(int64_t t)
{
    m_revealNs = t;
    if (hasTrace() && t != INT64_MAX) {
        // Past the right edge (or before the left): the replay's moment comes back in at a third.
        if (t > m_mapping.endNs(chartWidth()) || t < m_mapping.startNs) {
            leaveFollow();
            TimeMapping mapping = m_mapping;
            mapping.startNs = t - int64_t(m_mapping.nsPerPixel * chartWidth() / 3);
            setMapping(mapping);
        }
    }
    viewport()->update();
}

void GanttView::showMoment(int lane, int64_t t)
{
    if (!hasTrace())
        return;
    // Centred, unless the whole run is in view already (it stays put: nothing to look for).
    if (m_mapping.nsPerPixel * chartWidth() < double(extentEndNs() - m_originNs)) {
        leaveFollow();
        TimeMapping mapping = m_mapping;
        mapping.startNs = t - int64_t(m_mapping.nsPerPixel * chartWidth() / 2);
        setMapping(mapping);
    }
    m_momentNs = t;
    m_momentLane = lane;
    scrollLaneIntoView(lane);
    viewport()->update();
}

void GanttView::setTrace(TraceSource trace, qint64 ownPid)
{
    m_source = trace;
    m_ownPid = ownPid;
    m_rows.clear();
    m_rowsForLanes = 0;
    m_selection = {};
    m_race = {};
    m_caption.clear();
    m_follow = true;
    m_result = {};
    m_revealNs = INT64_MAX;
    m_momentNs = -1;
    m_legendHeight = LegendPainter::height(fontMetrics(), viewport()->width());
    Q_EMIT followChanged(true);
    if (hasTrace())
        rebuildRows(*m_source.read(), true);
    fit();
}

namespace {

// What the Threads view's rows depend on: they are built again when it changes.
size_t rowsKey(const Trace &trace)
{
    constexpr size_t kPrime = 1'000'003;
    size_t key = trace.lanes.size();
    key = key * kPrime + trace.locks.size();
    key = key * kPrime + trace.counters.all().size();
    for (const QueueStaysSet::Queue &queue : trace.queueStays.all())
        key = key * kPrime + queue.slots + 1;
    return key;
}

} // namespace

void GanttView::rebuildRows(const Trace &trace, bool force)
{
    m_originNs = trace.originNs;
    m_lastEventNs = trace.lastEventNs;
    const bool cores = m_view == ChartView::Cores;
    const size_t rowsFor = cores ? trace.cpus.size() : rowsKey(trace);
    if (rowsFor == m_rowsForLanes && !force)
        return;
    m_rows = cores ? LaneLayout::buildCores(trace) : LaneLayout::build(trace, m_ownPid);
    m_rowsForLanes = rowsFor;
    m_legendHeight = LegendPainter::height(fontMetrics(), viewport()->width(), &trace, m_view);
    syncScrollBars();
}

void GanttView::setView(ChartView view)
{
    if (view == m_view)
        return;
    m_view = view;
    m_coresAction->setChecked(view == ChartView::Cores);
    m_selection = {};
    if (hasTrace())
        rebuildRows(*m_source.read(), true);
    else
        m_legendHeight = LegendPainter::height(fontMetrics(), viewport()->width(), nullptr, m_view);
    syncScrollBars();
    viewport()->update();
}

void GanttView::traceUpdated(int64_t nowNs, bool live)
{
    m_nowNs = nowNs;
    m_live = live;
    const size_t rowsBefore = m_rowsForLanes;
    const int legendBefore = m_legendHeight;
    int64_t changedFromNs = INT64_MIN; // everything
    if (hasTrace()) {
        const TraceReading trace = m_source.read();
        if (m_live && m_lastEventNs > m_originNs)
            changedFromNs = stillChangingFromNs(*trace);
        rebuildRows(*trace, m_view == ChartView::Cores); // the CPUs' load labels move on
        updateLostActions(*trace);
    }
    if (m_follow) {
        fit(); // (all of it moves)
        return;
    }
    syncScrollBars();
    if (changedFromNs == INT64_MIN || m_rowsForLanes != rowsBefore || m_legendHeight != legendBefore
        || m_view == ChartView::Cores) {
        viewport()->update();
        return;
    }
    // A window the user chose while the run goes on: only what the run can still change is
    // painted again, the lanes' labels (values so far), the legend and, right of changedFromNs,
    // the lanes. Left of it, what is drawn is final.
    const QRect all = viewport()->rect();
    QRegion changed(QRect(0, 0, m_mapping.left, all.height()));
    changed += QRect(0, all.height() - m_legendHeight, all.width(), m_legendHeight);
    const double x = std::max(double(m_mapping.left), std::floor(m_mapping.timeToX(changedFromNs)) - 1);
    if (x < all.width())
        changed += QRect(int(x), 0, all.width() - int(x), all.height());
    viewport()->update(changed);
}

int64_t GanttView::stillChangingFromNs(const Trace &trace) const
{
    // New events come after the newest one drawn, or shortly before it from a lane that reported
    // late; the counter and queue rows follow 50 ms behind (the collector's settled time); and the
    // OS scheduler's refinement goes on from where each lane's has reached.
    int64_t from = m_lastEventNs - kStillChangingNs;
    for (const LaneTrack &lane : trace.lanes) {
        if (lane.refinedUntilNs != INT64_MIN)
            from = std::min(from, lane.refinedUntilNs);
    }
    return from;
}

int GanttView::chartWidth() const
{
    return std::max(1, viewport()->width() - m_mapping.left);
}

int64_t GanttView::extentEndNs() const
{
    if (!hasTrace())
        return 0;
    int64_t end = m_lastEventNs;
    if (m_live)
        end = std::max(end, m_nowNs);
    return std::max(end, m_originNs + 1);
}

void GanttView::showWindow(int64_t startNs, int64_t spanNs, const QString &caption)
{
    if (!hasTrace() || spanNs <= 0)
        return;
    leaveFollow();
    TimeMapping mapping = m_mapping;
    mapping.nsPerPixel = std::max(kMinNsPerPixel, double(spanNs) / chartWidth());
    mapping.startNs = startNs;
    setMapping(mapping);
    m_caption = caption;
    viewport()->update();
}

void GanttView::fit()
{
    m_caption.clear();
    if (!hasTrace())
        return;
    int64_t span = extentEndNs() - m_originNs;
    if (m_live)
        span = std::max(span, kMinFollowSpanNs);
    TimeMapping mapping = m_mapping;
    mapping.nsPerPixel = std::max(kMinNsPerPixel, double(span) * 1.04 / chartWidth());
    mapping.startNs = m_originNs - int64_t(double(span) * 0.01);
    m_mapping = mapping;
    syncScrollBars();
    viewport()->update();
    Q_EMIT viewChanged();
}

int64_t GanttView::relativeStartNs() const
{
    return m_mapping.startNs - (hasTrace() ? m_originNs : 0);
}

void GanttView::setRelativeView(int64_t relativeStartNs, double nsPerPixel)
{
    if (!hasTrace() || (relativeStartNs == this->relativeStartNs() && nsPerPixel == m_mapping.nsPerPixel))
        return;
    leaveFollow();
    TimeMapping mapping = m_mapping;
    mapping.startNs = m_originNs + relativeStartNs;
    mapping.nsPerPixel = nsPerPixel;
    m_mapping = mapping;
    syncScrollBars();
    viewport()->update();
    Q_EMIT viewChanged();
}

void GanttView::setFollow(bool follow)
{
    if (follow == m_follow)
        return;
    m_follow = follow;
    if (follow)
        fit();
    Q_EMIT followChanged(follow);
}

void GanttView::leaveFollow()
{
    setFollow(false);
}

void GanttView::setMapping(TimeMapping mapping)
{
    if (!hasTrace())
        return;
    const double span = double(extentEndNs() - m_originNs);
    mapping.nsPerPixel
        = std::clamp(mapping.nsPerPixel, kMinNsPerPixel, std::max(kMinNsPerPixel, span * 4 / chartWidth()));
    m_mapping = mapping;
    syncScrollBars();
    viewport()->update();
    Q_EMIT viewChanged();
}

void GanttView::zoomBy(double factor)
{
    leaveFollow();
    setMapping(m_mapping.zoomedAt(m_mapping.left + chartWidth() / 2.0, factor));
}

void GanttView::syncScrollBars()
{
    if (!hasTrace())
        return;
    m_syncing = true;
    // Horizontal: a fixed number of steps over the run (with margins), so any zoom fits in an int.
    const int64_t origin = m_originNs;
    const double total = double(std::max<int64_t>(1, extentEndNs() - origin)) * 1.1;
    const double visible = m_mapping.nsPerPixel * chartWidth();
    const int page = int(std::clamp(visible / total * kScrollSteps, 1.0, double(kScrollSteps)));
    QScrollBar *h = horizontalScrollBar();
    h->setRange(0, kScrollSteps - page);
    h->setPageStep(page);
    h->setSingleStep(std::max(1, page / 10));
    h->setValue(int(std::clamp(double(m_mapping.startNs - origin) / total * kScrollSteps, 0.0, double(kScrollSteps))));
    QScrollBar *v = verticalScrollBar();
    const int lanesHeight = viewport()->height() - GanttFrame::kAxisHeight - m_legendHeight;
    v->setRange(0, std::max(0, LaneLayout::contentHeight(m_rows) - lanesHeight));
    v->setPageStep(std::max(1, lanesHeight));
    v->setSingleStep(LaneLayout::kLaneHeight);
    m_syncing = false;
}

void GanttView::scrollContentsBy(int dx, int dy)
{
    if (m_syncing && hasTrace()) {
        // The bars follow the view (a live run's growth moves the horizontal one, not the
        // view): only lanes that moved up or down are drawn again from here.
        if (dy != 0)
            viewport()->update();
        return;
    }
    if (!hasTrace()) {
        viewport()->update();
        return;
    }
    if (dx != 0) {
        leaveFollow();
        const double total = double(std::max<int64_t>(1, extentEndNs() - m_originNs)) * 1.1;
        m_mapping.startNs = m_originNs + int64_t(horizontalScrollBar()->value() * total / kScrollSteps);
        Q_EMIT viewChanged();
    }
    viewport()->update();
}

GanttFrame GanttView::frame(const QSize &size, const TraceReading &trace) const
{
    GanttFrame frame;
    frame.trace = trace.get();
    frame.rows = &m_rows;
    frame.mapping = m_mapping;
    frame.size = size;
    frame.scrollY = verticalScrollBar()->value();
    frame.nowNs = m_nowNs;
    frame.live = m_live;
    frame.selection = m_selection;
    frame.race = m_race;
    frame.result = m_result;
    frame.revealNs = m_revealNs;
    frame.view = m_view;
    frame.legendHeight = size.width() == viewport()->width()
        ? m_legendHeight
        : LegendPainter::height(fontMetrics(), size.width(), trace.get(), m_view);
    return frame;
}

void GanttView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    // The chart follows the desktop: a dark widget palette gets the dark chart surface.
    const bool dark = StatePalette::isDarkPalette(palette().color(QPalette::Base), palette().color(QPalette::Text));
    if (dark != m_painter.isDark())
        m_painter.setDark(dark);
    int64_t newestEventNs = -1;
    uint64_t events = 0;
    {
        const TraceReading trace = m_source.read();
        m_painter.paint(painter, frame(viewport()->size(), trace));
        if (hasTrace()) {
            newestEventNs = trace->lastEventNs;
            events = trace->eventCount;
        }
    }
    if (hasTrace() && m_view == ChartView::Cores && m_rows.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect().adjusted(0, 0, 0, -GanttFrame::kLegendRowHeight * 2), Qt::AlignCenter,
            m_live ? tr("The Cores view fills in as the OS scheduler's data arrives (Run ▸ OS scheduler data).")
                   : tr("This run has no OS scheduler data: run it again with Run ▸ OS scheduler data\n"
                        "set to Automatic, Exact or Sampled to see which thread ran on which CPU."));
    }
    if (!hasTrace()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect().adjusted(0, 0, 0, -GanttFrame::kLegendRowHeight * 2), Qt::AlignCenter,
            tr("Press Run (F5) to watch this lesson's threads and processes, live.\n"
               "Hover a lane to see what it was doing; Ctrl+wheel zooms, Ctrl+drag zooms to a stretch,\n"
               "drag pans, F fits."));
    }
    if (hasTrace() && m_momentNs >= 0) {
        // The moment shown from the console: a line across the lanes, a ring on its lane.
        const double x = m_mapping.timeToX(m_momentNs);
        QPen pen(palette().color(QPalette::Highlight), 2, Qt::DashLine);
        painter.setPen(pen);
        painter.drawLine(QPointF(x, GanttFrame::kAxisHeight), QPointF(x, viewport()->height() - m_legendHeight));
        for (const LaneRow &row : m_rows) {
            if (row.kind == LaneRow::Lane && row.lane == m_momentLane) {
                const int y = GanttFrame::kAxisHeight + row.y - verticalScrollBar()->value() + row.height / 2;
                painter.setRenderHint(QPainter::Antialiasing, true);
                painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
                painter.drawEllipse(QPointF(x, y), 8, 8);
                painter.setRenderHint(QPainter::Antialiasing, false);
            }
        }
    }
    if (m_banding) {
        // The stretch a Ctrl+drag will zoom to.
        const int x0 = std::max(m_mapping.left, std::min(m_pressPos.x(), m_lastDragPos.x()));
        const int x1 = std::max(m_pressPos.x(), m_lastDragPos.x());
        QColor band = palette().color(QPalette::Highlight);
        band.setAlpha(60);
        const QRect rect(
            x0, GanttFrame::kAxisHeight, x1 - x0, viewport()->height() - GanttFrame::kAxisHeight - m_legendHeight);
        painter.fillRect(rect, band);
        painter.setPen(palette().color(QPalette::Highlight));
        painter.drawRect(rect.adjusted(0, 0, -1, -1));
    }
    if (!m_caption.isEmpty()) {
        // Why the first view is not the whole run, in a box at the bottom right of the lanes.
        const QFontMetrics metrics = fontMetrics();
        const QString text = m_caption + tr("  ·  F: the whole run");
        const int width = std::min(chartWidth() - 8, metrics.horizontalAdvance(text) + 16);
        // Wrapped onto more lines on a narrow chart.
        const int height = metrics.boundingRect(QRect(0, 0, width - 16, 1000), Qt::TextWordWrap, text).height() + 8;
        const QRect box(
            viewport()->width() - width - 6, viewport()->height() - m_legendHeight - height - 6, width, height);
        painter.fillRect(box, palette().color(QPalette::ToolTipBase));
        painter.setPen(palette().color(QPalette::ToolTipText));
        painter.drawRect(box.adjusted(0, 0, -1, -1));
        painter.drawText(box.adjusted(8, 4, -8, -4), Qt::AlignVCenter | Qt::AlignLeft | Qt::TextWordWrap, text);
    }
    painter.end();
    Q_EMIT framePainted(newestEventNs, events);
}

void GanttView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    // A narrow chart gives its lanes' labels less room (they elide) and its bars more.
    const int labelWidth = GanttFrame::labelWidthFor(viewport()->width());
    if (labelWidth != m_mapping.left) {
        const int64_t start = m_mapping.xToTime(m_mapping.left);
        m_mapping.left = labelWidth;
        m_mapping.startNs = start;
    }
    m_legendHeight = hasTrace()
        ? LegendPainter::height(fontMetrics(), viewport()->width(), m_source.read().get(), m_view)
        : LegendPainter::height(fontMetrics(), viewport()->width());
    if (m_follow)
        fit();
    else
        syncScrollBars();
}

GanttHit GanttView::hitAt(const QPoint &pos) const
{
    if (!hasTrace() || pos.x() < m_mapping.left || pos.y() < GanttFrame::kAxisHeight)
        return {};
    const int row = LaneLayout::rowAt(m_rows, pos.y() - GanttFrame::kAxisHeight + verticalScrollBar()->value());
    if (row < 0 || m_rows[size_t(row)].kind == LaneRow::ProcessHeader)
        return {};
    const int64_t t = m_mapping.xToTime(pos.x());
    if (t > m_revealNs)
        return {}; // not revealed yet by the replay
    if (m_rows[size_t(row)].kind == LaneRow::Cpu)
        return GanttHit::atCpu(*m_source.read(), m_rows[size_t(row)].lane, t);
    if (m_rows[size_t(row)].kind == LaneRow::Queue) {
        const LaneRow &queue = m_rows[size_t(row)];
        const int top = GanttFrame::kAxisHeight + queue.y - verticalScrollBar()->value() + 3; // the bar's top
        return GanttHit::atQueue(*m_source.read(), uint32_t(queue.lane), t, pos.y() - top, queue.height - 6);
    }
    if (m_rows[size_t(row)].kind == LaneRow::Counter)
        return GanttHit::atCounter(*m_source.read(), m_rows[size_t(row)].lane, t, int64_t(m_mapping.nsPerPixel * 3));
    if (m_rows[size_t(row)].kind == LaneRow::Lock)
        return GanttHit::atLock(*m_source.read(), uint32_t(m_rows[size_t(row)].lane), t);
    const int64_t tolerance = int64_t(m_mapping.nsPerPixel * 4);
    return GanttHit::at(*m_source.read(), m_rows[size_t(row)].lane, t, tolerance, m_live ? m_nowNs : m_lastEventNs);
}

void GanttView::selectAt(const QPoint &pos)
{
    m_selection = {};
    m_race = {};
    m_result = {};
    m_momentNs = -1;
    const GanttHit hit = hitAt(pos);
    if (hit.kind == GanttHit::MarkHit && hit.event.kind == EventKind::Result) {
        // Where the result came from: the end of its task, on the lane that ran it.
        const TraceReading trace = m_source.read();
        if (hit.event.object < trace->tasks.size()) {
            const TaskRecord &task = trace->tasks[hit.event.object];
            if (task.lane >= 0 && task.endNs >= 0)
                m_result = ResultLink { true, task.lane, task.endNs, hit.lane, hit.event.timeNs };
        }
    }
    if (hit.kind == GanttHit::CounterRowHit && hit.lostWriteNs >= 0) {
        qint64 pid = 0;
        uint32_t counter = kNoObject;
        {
            const TraceReading trace = m_source.read(); // held while the series is looked at
            const CounterSeries &series = trace->counters.all()[size_t(hit.counter)];
            pid = series.pid();
            counter = series.counter();
        }
        selectRace(hit.lostWriteNs, pid, counter);
    }
    if (hit.kind == GanttHit::LostUpdateHit) {
        // The lane's write just before the lost update event.
        const TraceReading trace = m_source.read();
        const qint64 pid = trace->lanes[size_t(hit.lane)].info.pid;
        const CounterSeries *series = trace->counters.find(hit.event.object, pid);
        if (const CounterPoint *write = series ? series->lastWriteOf(uint32_t(hit.lane), hit.event.timeNs) : nullptr)
            selectRace(write->timeNs, pid, hit.event.object);
    }
    const State clicked = hit.segment.state;
    if (hit.kind == GanttHit::SegmentHit
        && (clicked == State::LockWait || clicked == State::SemaphoreWait || clicked == State::ConditionWait
            || clicked == State::BarrierWait)) {
        m_selection.active = true;
        m_selection.lane = hit.lane;
        m_selection.wait = hit.segment;
        if (const auto hold = TraceAnalysis::waitEnder(*m_source.read(), hit.lane, hit.segment)) {
            // A condition or barrier wait drawn in pieces (the OS saw the thread wake for another
            // waiter) is shown up to the notify or arrival that ended it.
            if (clicked == State::ConditionWait || clicked == State::BarrierWait)
                m_selection.wait.endNs = std::max(m_selection.wait.endNs, hold->endNs);
            m_selection.holderLane = hold->lane;
            m_selection.holdStartNs = hold->startNs;
            m_selection.holdEndNs = hold->endNs;
        }
    }
    viewport()->update();
}

void GanttView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ControlModifier) {
        leaveFollow();
        const double step = (event->modifiers() & Qt::ShiftModifier) ? kBigZoomStep : kZoomStep;
        setMapping(m_mapping.zoomedAt(event->position().x(), std::pow(step, steps)));
        event->accept();
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier) {
        leaveFollow();
        TimeMapping mapping = m_mapping;
        mapping.startNs -= int64_t(steps * 0.1 * chartWidth() * m_mapping.nsPerPixel);
        setMapping(mapping);
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void GanttView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->position().toPoint();
        m_lastDragPos = m_pressPos;
        m_dragging = false;
        m_banding = false;
        m_bandArmed = event->modifiers() & Qt::ControlModifier; // Ctrl+drag zooms to a stretch
    }
}

void GanttView::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    const QPoint pos = event->position().toPoint();
    if (!m_dragging && (pos - m_pressPos).manhattanLength() < kDragThreshold)
        return;
    m_dragging = true;
    if (m_bandArmed) {
        m_banding = true;
        m_lastDragPos = pos;
        viewport()->update();
        return;
    }
    leaveFollow();
    const QPoint delta = pos - m_lastDragPos;
    m_lastDragPos = pos;
    TimeMapping mapping = m_mapping;
    mapping.startNs -= int64_t(delta.x() * m_mapping.nsPerPixel);
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    setMapping(mapping);
    viewport()->setCursor(Qt::ClosedHandCursor);
}

void GanttView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    if (!m_dragging)
        selectAt(event->position().toPoint());
    if (m_banding) {
        const int x0 = std::max(m_mapping.left, std::min(m_pressPos.x(), m_lastDragPos.x()));
        const int x1 = std::max(m_pressPos.x(), m_lastDragPos.x());
        m_banding = false;
        if (x1 - x0 >= kDragThreshold) {
            leaveFollow();
            TimeMapping mapping = m_mapping;
            mapping.startNs = m_mapping.xToTime(x0);
            mapping.nsPerPixel = std::max(kMinNsPerPixel, m_mapping.nsPerPixel * (x1 - x0) / chartWidth());
            setMapping(mapping);
        }
        viewport()->update();
    }
    m_dragging = false;
    viewport()->unsetCursor();
}

void GanttView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(kZoomStep);
        return;
    case Qt::Key_Minus:
        zoomBy(1 / kZoomStep);
        return;
    case Qt::Key_F:
    case Qt::Key_Home:
        setFollow(true);
        fit();
        return;
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (event->modifiers() & Qt::ControlModifier) {
            zoomBy(event->key() == Qt::Key_Up ? kBigZoomStep : 1 / kBigZoomStep);
            return;
        }
        QAbstractScrollArea::keyPressEvent(event);
        return;
    case Qt::Key_Left:
    case Qt::Key_Right: {
        leaveFollow();
        TimeMapping mapping = m_mapping;
        const double direction = event->key() == Qt::Key_Left ? -1 : 1;
        mapping.startNs += int64_t(direction * 0.1 * chartWidth() * m_mapping.nsPerPixel);
        setMapping(mapping);
        return;
    }
    case Qt::Key_Escape:
        m_selection = {};
        m_race = {};
        m_result = {};
        m_momentNs = -1;
        viewport()->update();
        return;
    default:
        QAbstractScrollArea::keyPressEvent(event);
    }
}

bool GanttView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const GanttHit hit = hitAt(help->pos());
        if (hit.kind == GanttHit::None)
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), GanttHit::describe(*m_source.read(), hit), viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace threadlab
