#include "chart/ganttpainter.h"

#include "base/coretext.h"
#include "chart/deadlockpainter.h"
#include "chart/queuepainter.h"
#include "chart/timeaxis.h"
#include "trace/trace.h"

#include <QPainter>
#include <climits>
#include <optional>

namespace threadlab {

namespace {
constexpr int kBarMargin = 3;

// A line with an arrowhead at `to` (pointing along the vertical, up or down).
void drawArrow(QPainter &painter, QPointF from, QPointF to, double head)
{
    painter.drawLine(from, to);
    const double direction = to.y() > from.y() ? -1 : 1;
    painter.drawLine(to, to + QPointF(-4, head * direction));
    painter.drawLine(to, to + QPointF(4, head * direction));
}

QRect barOf(const GanttFrame &frame, const LaneRow &row)
{
    const int top = frame.rowTop(row);
    return QRect(frame.labelWidth(), top + kBarMargin, frame.chartWidth(), row.height - 2 * kBarMargin);
}
} // namespace

GanttPainter::GanttPainter()
    : m_lanePainter(m_palette)
    , m_legendPainter(m_palette)
{ }

void GanttPainter::paint(QPainter &painter, const GanttFrame &frame)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(QRect(QPoint(0, 0), frame.size), m_palette.background);
    if (frame.trace && frame.rows) {
        painter.save();
        painter.setClipRect(QRect(0, frame.lanesTop(), frame.size.width(), frame.lanesBottom() - frame.lanesTop()));
        paintRows(painter, frame);
        paintGrid(painter, frame);
        // A replay reveals the run up to its moment: the lanes' content is cut there.
        const int revealed = frame.revealNs == INT64_MAX
            ? frame.chartWidth()
            : frame.mapping.xCeil(frame.revealNs, frame.labelWidth(), frame.size.width()) - frame.labelWidth();
        painter.setClipRect(
            QRect(frame.labelWidth(), frame.lanesTop(), revealed, frame.lanesBottom() - frame.lanesTop()));
        for (const LaneRow &row : *frame.rows) {
            const int top = frame.rowTop(row);
            if (row.kind == LaneRow::ProcessHeader || top + row.height < frame.lanesTop() || top > frame.lanesBottom())
                continue;
            if (row.kind == LaneRow::Cpu && size_t(row.lane) < frame.trace->cpus.size())
                m_cpuPainter.paint(
                    painter, frame, frame.trace->cpus[size_t(row.lane)], barOf(frame, row), m_palette.isDark());
            else if (row.kind == LaneRow::Counter && size_t(row.lane) < frame.trace->counters.all().size())
                m_counterPainter.paint(
                    painter, frame, frame.trace->counters.all()[size_t(row.lane)], barOf(frame, row), m_palette);
            else if (row.kind == LaneRow::Queue)
                QueuePainter::paint(painter, frame, uint32_t(row.lane), barOf(frame, row));
            else if (row.kind == LaneRow::Lock)
                m_lockPainter.paint(painter, frame, uint32_t(row.lane), barOf(frame, row), m_palette.isDark());
            else if (row.kind == LaneRow::Lane && size_t(row.lane) < frame.trace->lanes.size())
                m_lanePainter.paint(painter, frame, frame.trace->lanes[size_t(row.lane)], barOf(frame, row));
        }
        if (frame.view == ChartView::Cores) {
            std::vector<int> rowCentreOfCpu(frame.trace->cpus.size(), INT_MIN);
            for (const LaneRow &row : *frame.rows) {
                if (row.kind == LaneRow::Cpu && size_t(row.lane) < frame.trace->cpus.size()) {
                    const int cpu = frame.trace->cpus[size_t(row.lane)].cpu;
                    if (cpu >= 0 && size_t(cpu) < rowCentreOfCpu.size())
                        rowCentreOfCpu[size_t(cpu)] = barOf(frame, row).center().y();
                }
            }
            CpuPainter::paintMigrations(painter, frame, rowCentreOfCpu, m_palette.isDark());
        }
        paintSelection(painter, frame);
        DeadlockPainter::paint(painter, frame, m_palette, [&](LaneRow::Kind kind, int index) {
            for (const LaneRow &row : *frame.rows) {
                if (row.kind == kind && row.lane == index)
                    return barOf(frame, row);
            }
            return QRect();
        });
        paintRace(painter, frame);
        paintResultLink(painter, frame);
        if (frame.revealNs != INT64_MAX) {
            painter.setClipRect(QRect(
                frame.labelWidth(), frame.lanesTop(), frame.chartWidth(), frame.lanesBottom() - frame.lanesTop()));
            painter.setPen(m_palette.nowPen);
            const double x = frame.mapping.timeToX(frame.revealNs);
            painter.drawLine(QPointF(x, frame.lanesTop()), QPointF(x, frame.lanesBottom()));
        }
        if (frame.live) {
            paintSchedPending(painter, frame);
            painter.setPen(m_palette.nowPen);
            const double x = frame.mapping.timeToX(frame.nowNs);
            painter.drawLine(QPointF(x, frame.lanesTop()), QPointF(x, frame.lanesBottom()));
        }
        painter.restore();
        paintLabels(painter, frame);
        paintAxis(painter, frame);
        paintSchedPendingLabel(painter, frame);
    }
    m_legendPainter.paint(painter, frame);
    painter.restore();
}

std::optional<std::pair<double, double>> GanttPainter::schedPendingSpan(const GanttFrame &frame)
{
    // While a run goes, the Threads view is refined by the scheduler's data up to a little while
    // ago; the newest stretch is drawn as recorded.
    if (!frame.live || !frame.trace || frame.view != ChartView::Threads
        || frame.trace->sched.source == SchedSource::Off)
        return std::nullopt;
    int64_t refined = INT64_MIN;
    for (const LaneTrack &lane : frame.trace->lanes)
        refined = std::max(refined, lane.refinedUntilNs);
    if (refined == INT64_MIN || refined >= frame.nowNs)
        return std::nullopt;
    const double x0 = std::max<double>(frame.labelWidth(), frame.mapping.timeToX(refined));
    const double x1 = std::min<double>(frame.size.width(), frame.mapping.timeToX(frame.nowNs));
    if (x1 <= x0)
        return std::nullopt;
    return std::pair(x0, x1);
}

void GanttPainter::paintSchedPending(QPainter &painter, const GanttFrame &frame)
{
    // Hatched, so that its "everyone Running" is not taken for the kernel's word; named on the axis.
    const auto span = schedPendingSpan(frame);
    if (!span)
        return;
    QColor hatch = m_palette.text;
    hatch.setAlpha(70);
    painter.fillRect(
        QRectF(span->first, frame.lanesTop(), span->second - span->first, frame.lanesBottom() - frame.lanesTop()),
        QBrush(hatch, Qt::BDiagPattern));
}

void GanttPainter::paintSchedPendingLabel(QPainter &painter, const GanttFrame &frame)
{
    const auto span = schedPendingSpan(frame);
    if (!span)
        return;
    const QString label = Text::tr("OS data pending");
    const int width = painter.fontMetrics().horizontalAdvance(label) + 8;
    const QRectF box(std::min(span->first, frame.size.width() - double(width)), 0, width, GanttFrame::kAxisHeight - 1);
    painter.fillRect(box, m_palette.panel);
    painter.setPen(m_palette.text);
    painter.drawText(box, Qt::AlignCenter, label);
}

void GanttPainter::paintRows(QPainter &painter, const GanttFrame &frame)
{
    int index = 0;
    for (const LaneRow &row : *frame.rows) {
        const int top = frame.rowTop(row);
        if (top + row.height < frame.lanesTop() || top > frame.lanesBottom())
            continue;
        const QRect rect(0, top, frame.size.width(), row.height);
        if (row.kind == LaneRow::ProcessHeader)
            painter.fillRect(rect, m_palette.headerBrush);
        else
            painter.fillRect(rect, (index++ % 2) ? m_palette.alternateLaneBrush : m_palette.laneBrush);
    }
}

void GanttPainter::paintGrid(QPainter &painter, const GanttFrame &frame)
{
    painter.setPen(m_palette.gridPen);
    for (const AxisTick &tick : TimeAxis::ticks(frame.mapping, frame.chartWidth(), frame.trace->originNs))
        painter.drawLine(QPointF(tick.x, frame.lanesTop()), QPointF(tick.x, frame.lanesBottom()));
}

const LaneRow *GanttPainter::rowOfLane(const GanttFrame &frame, int lane) const
{
    for (const LaneRow &row : *frame.rows) {
        if (row.kind == LaneRow::Lane && row.lane == lane)
            return &row;
    }
    return nullptr;
}

void GanttPainter::paintResultLink(QPainter &painter, const GanttFrame &frame)
{
    // From the end of the task that produced the result to the badge where it arrived.
    const ResultLink &link = frame.result;
    const LaneRow *from = link.active ? rowOfLane(frame, link.fromLane) : nullptr;
    const LaneRow *to = link.active ? rowOfLane(frame, link.toLane) : nullptr;
    if (!from || !to)
        return;
    const QPointF start(frame.mapping.timeToX(link.fromNs), barOf(frame, *from).center().y());
    const QPointF end(frame.mapping.timeToX(link.toNs), barOf(frame, *to).center().y());
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPen pen = m_palette.linkPen;
    pen.setWidthF(2);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(start, 5, 5);
    drawArrow(painter, start, end, 7);
    painter.setRenderHint(QPainter::Antialiasing, false);
}

void GanttPainter::paintRace(QPainter &painter, const GanttFrame &frame)
{
    // The lost write's read→write window in red, the windows of the writes it erased in the
    // highlight colour, and an arrow from each erased write to the write that overwrote it.
    const RaceSelection &race = frame.race;
    const LaneRow *lostRow = race.active ? rowOfLane(frame, race.lost.lane) : nullptr;
    if (!lostRow)
        return;
    auto box = [&](const RaceWindow &window, const LaneRow &row) {
        const QRect bar = barOf(frame, row);
        const double x0 = frame.mapping.timeToX(window.readNs);
        const double x1 = frame.mapping.timeToX(window.writeNs);
        return QRectF(x0, bar.top() - 1, std::max(2.0, x1 - x0), bar.height() + 2);
    };
    const QRectF lost = box(race.lost, *lostRow);
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (const RaceWindow &erased : race.erased) {
        const LaneRow *row = rowOfLane(frame, erased.lane);
        if (!row)
            continue;
        const QRectF rect = box(erased, *row);
        painter.setPen(m_palette.highlightPen);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect);
        painter.setPen(m_palette.linkPen);
        drawArrow(painter, QPointF(rect.right(), rect.center().y()), QPointF(lost.right(), lost.center().y()), 6);
    }
    QPen lostPen = m_palette.lostUpdatePen;
    lostPen.setWidthF(2);
    painter.setPen(lostPen);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(lost);
    painter.setRenderHint(QPainter::Antialiasing, false);
}

void GanttPainter::paintSelection(QPainter &painter, const GanttFrame &frame)
{
    const LockWaitSelection &selection = frame.selection;
    if (!selection.active)
        return;
    const LaneRow *waiter = rowOfLane(frame, selection.lane);
    if (!waiter)
        return;
    painter.setPen(m_palette.highlightPen);
    painter.setBrush(Qt::NoBrush);
    const QRect waitBar = barOf(frame, *waiter);
    const double waitX0 = frame.mapping.timeToX(selection.wait.startNs);
    const double waitX1 = frame.mapping.timeToX(selection.wait.endNs);
    painter.drawRect(QRectF(waitX0, waitBar.top() - 1, std::max(2.0, waitX1 - waitX0), waitBar.height() + 2));
    const LaneRow *holder = rowOfLane(frame, selection.holderLane);
    if (!holder)
        return;
    const QRect holdBar = barOf(frame, *holder);
    const double holdX0 = frame.mapping.timeToX(selection.holdStartNs);
    const double holdX1 = frame.mapping.timeToX(selection.holdEndNs);
    painter.drawRect(QRectF(holdX0, holdBar.top() - 1, std::max(2.0, holdX1 - holdX0), holdBar.height() + 2));
    // The link: from the holder's release to the waiter's acquire.
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(m_palette.linkPen);
    drawArrow(painter, QPointF(holdX1, holdBar.center().y()), QPointF(waitX1, waitBar.center().y()), 6);
    painter.setRenderHint(QPainter::Antialiasing, false);
}

void GanttPainter::paintLabels(QPainter &painter, const GanttFrame &frame)
{
    painter.save();
    // Lane labels stay in the label column; a group header reads across the chart (nothing is drawn
    // in its row), so that it is never cut.
    painter.setClipRect(QRect(0, frame.lanesTop(), frame.size.width(), frame.lanesBottom() - frame.lanesTop()));
    painter.setPen(m_palette.rule);
    painter.drawLine(frame.labelWidth() - 1, frame.lanesTop(), frame.labelWidth() - 1, frame.lanesBottom());
    QFont bold = painter.font();
    bold.setBold(true);
    const QFont normal = painter.font();
    for (const LaneRow &row : *frame.rows) {
        const int top = frame.rowTop(row);
        if (top + row.height < frame.lanesTop() || top > frame.lanesBottom())
            continue;
        const bool header = row.kind == LaneRow::ProcessHeader;
        painter.setFont(header ? bold : normal);
        painter.setPen(header ? m_palette.headerText : m_palette.text);
        const QRect rect(
            header ? 6 : 16, top, (header ? frame.size.width() : frame.labelWidth()) - (header ? 10 : 20), row.height);
        if (header) {
            const int width = std::min(rect.width(), painter.fontMetrics().horizontalAdvance(row.label) + 8);
            painter.fillRect(QRect(rect.left() - 4, top + 1, width, row.height - 2), m_palette.headerBrush);
        }
        if (row.kind == LaneRow::Lane && !frame.trace->locks.empty() && frame.view == ChartView::Threads) {
            // The lane's colour in the lock rows above.
            painter.fillRect(
                QRect(5, top + row.height / 2 - 4, 8, 8), CpuPainter::laneColour(row.lane, m_palette.isDark()));
        }
        if (row.kind == LaneRow::Counter && size_t(row.lane) < frame.trace->counters.all().size()) {
            // Two lines: the counter, and its value against the expected one at the window's end.
            const CounterSeries &series = frame.trace->counters.all()[size_t(row.lane)];
            const int half = row.height / 2;
            painter.drawText(rect.adjusted(0, 2, 0, -half), Qt::AlignBottom | Qt::AlignLeft,
                painter.fontMetrics().elidedText(row.label, Qt::ElideMiddle, rect.width()));
            const CounterPoint *now = series.at(std::min(frame.revealNs, frame.mapping.endNs(frame.chartWidth())));
            painter.setPen(now && now->value != now->expected ? m_palette.lostUpdatePen.color() : m_palette.text);
            const int64_t at = std::min(frame.revealNs, frame.mapping.endNs(frame.chartWidth()));
            QString value = CounterPainter::valueLine(series, at);
            if (painter.fontMetrics().horizontalAdvance(value) > rect.width())
                value = CounterPainter::valueLine(series, at, true);
            painter.drawText(rect.adjusted(0, half, 0, -2), Qt::AlignTop | Qt::AlignLeft,
                painter.fontMetrics().elidedText(value, Qt::ElideRight, rect.width()));
            continue;
        }
        if (row.label.contains(u'\n')) {
            // Two lines (a queue: its name, then its kind), each elided on its own.
            const QStringList lines = row.label.split(u'\n');
            const int half = std::min(row.height / 2, painter.fontMetrics().height() + 2);
            const int middle = top + row.height / 2;
            painter.drawText(QRect(rect.left(), middle - half, rect.width(), half), Qt::AlignBottom | Qt::AlignLeft,
                painter.fontMetrics().elidedText(lines.value(0), Qt::ElideRight, rect.width()));
            painter.drawText(QRect(rect.left(), middle, rect.width(), half), Qt::AlignTop | Qt::AlignLeft,
                painter.fontMetrics().elidedText(lines.value(1), Qt::ElideRight, rect.width()));
            continue;
        }
        // Too narrow for "name  ·  tid n": the name alone, elided in its middle if need be, so that
        // names that differ at their end (ThreadPoolExecutor-0_1, -0_2) stay apart.
        QString label = row.label;
        if (painter.fontMetrics().horizontalAdvance(label) > rect.width() && label.contains(QStringLiteral("  ·  ")))
            label = label.left(label.indexOf(QStringLiteral("  ·  ")));
        painter.drawText(rect, Qt::AlignVCenter | Qt::AlignLeft,
            painter.fontMetrics().elidedText(label, Qt::ElideMiddle, rect.width()));
    }
    painter.setFont(normal);
    painter.restore();
}

void GanttPainter::paintAxis(QPainter &painter, const GanttFrame &frame)
{
    const QRect axis(0, 0, frame.size.width(), GanttFrame::kAxisHeight);
    painter.fillRect(axis, m_palette.panel);
    painter.setPen(m_palette.rule);
    painter.drawLine(0, axis.bottom(), frame.size.width(), axis.bottom());
    painter.setPen(m_palette.text);
    painter.drawText(QRect(6, 0, frame.labelWidth() - 12, axis.height()), Qt::AlignVCenter | Qt::AlignLeft,
        Text::tr("time since start"));
    painter.save();
    painter.setClipRect(QRect(frame.labelWidth(), 0, frame.chartWidth(), axis.height()));
    double freeFrom = -1e9; // labels end here so far: one that would overlap it is left out
    for (const AxisTick &tick : TimeAxis::ticks(frame.mapping, frame.chartWidth(), frame.trace->originNs)) {
        painter.drawLine(QPointF(tick.x, axis.bottom() - 6), QPointF(tick.x, axis.bottom()));
        const int labelWidth = painter.fontMetrics().horizontalAdvance(tick.label) + 1;
        const double left = TimeAxis::labelLeft(tick.x, labelWidth, frame.size.width());
        if (left < freeFrom + 6)
            continue;
        painter.drawText(QRectF(left, 2, labelWidth, axis.height() - 8), Qt::AlignLeft | Qt::AlignVCenter, tick.label);
        freeFrom = left + labelWidth;
    }
    painter.restore();
}

} // namespace threadlab
