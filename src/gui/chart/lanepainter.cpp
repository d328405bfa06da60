#include "chart/lanepainter.h"

#include "chart/statepalette.h"
#include "trace/segment.h"
#include "trace/trace.h"
#include "trace/traceanalysis.h"

#include <QPaintEngine>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace threadlab {

namespace {
constexpr int kDetailedEventsLimit = 4000; // lock holds and race windows drawn one by one up to this many
constexpr int kLabelMinWidth = 36;
} // namespace

LanePainter::LanePainter(const StatePalette &palette)
    : m_palette(palette)
{ }

void LanePainter::paint(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar)
{
    const int64_t from = frame.mapping.startNs;
    const int64_t to = frame.mapping.endNs(frame.chartWidth());
    const size_t visible = track.segments.empty() ? 0 : frame.trace->segmentsIn(track.info.id, from, to).size();
    // Segments averaging 4 px or more are drawn one by one (with boundaries and labels); denser
    // lanes are summarised per pixel column.
    if (visible * 4 <= size_t(std::max(frame.chartWidth(), 1)))
        paintSegments(painter, frame, track, bar);
    else
        paintSummary(painter, frame, track, bar);
    paintOpenSegment(painter, frame, track, bar);
    paintLockHolds(painter, frame, track, bar);
    paintRaceWindows(painter, frame, track, bar);
    paintLostUpdates(painter, frame, track, bar);
    paintMarks(painter, frame, track, bar);
    paintFailedTasks(painter, frame, track, bar);
}

void LanePainter::paintFailedTasks(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar)
{
    // A failed task in its own colour: underlined over its whole span, with a cross where it ended.
    // A daemon cut off at the end: a jagged cut where it was stopped.
    for (const TaskRecord &task : frame.trace->tasks) {
        if (task.outcome == TaskOutcome::CutOff && task.lane == int(track.info.id) && task.endNs >= 0) {
            const double x = frame.mapping.timeToX(task.endNs);
            if (x >= frame.labelWidth() && x <= frame.size.width())
                drawCutMark(painter, m_palette, QPointF(x, bar.center().y()), bar.height());
            continue;
        }
        if (task.outcome != TaskOutcome::Failed || task.lane != int(track.info.id) || task.beginNs < 0)
            continue;
        const int64_t end = std::max(task.endNs, task.beginNs);
        const double x0 = std::max<double>(frame.labelWidth(), frame.mapping.timeToX(task.beginNs));
        const double x1 = std::min<double>(frame.size.width(), frame.mapping.timeToX(end));
        if (x1 < frame.labelWidth() || x0 > frame.size.width())
            continue;
        painter.fillRect(QRectF(x0, bar.bottom() - 3, std::max(2.0, x1 - x0), 4), m_palette.failedBrush);
        painter.setPen(m_palette.failedPen);
        painter.drawLine(QPointF(x1 - 4, bar.top()), QPointF(x1 + 4, bar.bottom()));
        painter.drawLine(QPointF(x1 + 4, bar.top()), QPointF(x1 - 4, bar.bottom()));
    }
}

void LanePainter::paintSegments(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar)
{
    const auto segments
        = frame.trace->segmentsIn(track.info.id, frame.mapping.startNs, frame.mapping.endNs(frame.chartWidth()));
    const int left = frame.labelWidth();
    const int right = frame.size.width();
    int previousTask = segments.empty() || segments.data() == track.segments.data() ? -2 : (segments.data() - 1)->task;
    bool labelled = false; // the current task's name (or item's) is drawn
    const Event *previousItem = nullptr;
    for (const Segment &segment : segments) {
        // A worker that loops on a queue: each stretch is labelled with the item it took last.
        const Event *item = TraceAnalysis::itemWorkedOn(*frame.trace, track, segment);
        if (item != previousItem) {
            previousItem = item;
            labelled = false;
        }
        const int x0 = frame.mapping.xFloor(segment.startNs, left, right);
        const int x1 = frame.mapping.xCeil(segment.endNs, left, right);
        const QRect rect(x0, bar.top(), std::max(1, x1 - x0), bar.height());
        const bool receiving = segment.state == State::IoWait && segment.arg == SegmentDetail::kReceiving;
        painter.fillRect(rect, receiving ? m_palette.receivingBrush : m_palette.brush(segment.state));
        if (segment.task != previousTask) {
            // A task starts or ends here: a boundary line.
            if (x0 > left) {
                painter.setPen(m_palette.boundaryPen);
                painter.drawLine(x0, bar.top() - 2, x0, bar.bottom() + 2);
            }
            previousTask = segment.task;
            labelled = false;
        }
        if (!labelled && segment.task >= 0 && rect.width() >= kLabelMinWidth) {
            // The task's name on its first piece wide enough for it, whatever the state.
            const QString name
                = item ? frame.trace->objectName(uint32_t(item->arg)) : frame.trace->tasks[size_t(segment.task)].name;
            const QString elided = painter.fontMetrics().elidedText(name, Qt::ElideRight, rect.width() - 6);
            if (!elided.isEmpty() && elided != QStringLiteral("…")) {
                painter.setPen(Qt::black);
                painter.drawText(rect.adjusted(4, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft, elided);
                labelled = true;
            }
        }
    }
}

void LanePainter::paintSummary(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar)
{
    const int width = frame.chartWidth();
    const bool raster = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Raster;
    if (raster) {
        // One image row per lane, one column per device pixel (sharp at a device pixel ratio of 2),
        // stretched to the bar's height: the cost is the lane's pixels.
        const qreal ratio = painter.device() ? std::max<qreal>(1, painter.device()->devicePixelRatioF()) : 1;
        const int columns = int(std::lround(width * ratio));
        track.lod.dominantStates(
            track.segments, frame.mapping.startNs, frame.mapping.nsPerPixel / ratio, columns, m_columns);
        if (m_row.width() != columns)
            m_row = QImage(columns, 1, QImage::Format_ARGB32_Premultiplied);
        auto *pixels = reinterpret_cast<QRgb *>(m_row.scanLine(0));
        for (int x = 0; x < columns; ++x) {
            const uint8_t state = m_columns[size_t(x)];
            pixels[x] = state == SegmentLod::kNoState ? 0 : m_palette.rgb(State(state));
        }
        painter.drawImage(QRectF(frame.labelWidth(), bar.top(), width, bar.height()), m_row);
        return;
    }
    track.lod.dominantStates(track.segments, frame.mapping.startNs, frame.mapping.nsPerPixel, width, m_columns);
    // Vector devices (SVG, PDF): one rectangle per run of equal columns.
    for (int x = 0; x < width;) {
        const uint8_t state = m_columns[size_t(x)];
        int end = x + 1;
        while (end < width && m_columns[size_t(end)] == state)
            ++end;
        if (state != SegmentLod::kNoState)
            painter.fillRect(
                QRect(frame.labelWidth() + x, bar.top(), end - x, bar.height()), m_palette.brush(State(state)));
        x = end;
    }
}

void LanePainter::paintOpenSegment(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar)
{
    if (!track.hasOpenSegment)
        return;
    const int64_t end = frame.live ? std::max(frame.nowNs, track.open.endNs) : track.open.endNs;
    if (frame.mapping.timeToX(end) < frame.labelWidth()
        || frame.mapping.timeToX(track.open.startNs) > frame.size.width())
        return;
    const int x0 = frame.mapping.xFloor(track.open.startNs, frame.labelWidth(), frame.size.width());
    const int x1 = frame.mapping.xCeil(end, frame.labelWidth(), frame.size.width());
    if (x1 > x0 || (x1 == x0 && end > track.open.startNs))
        painter.fillRect(QRect(x0, bar.top(), std::max(1, x1 - x0), bar.height()), m_palette.brush(track.open.state));
}

template <typename Draw>
void LanePainter::forEachVisible(const GanttFrame &frame, std::span<const Event> events, Draw &&draw) const
{
    const int width = frame.chartWidth();
    const int64_t from = frame.mapping.startNs;
    const auto visible = Trace::eventsIn(events, from, frame.mapping.endNs(width));
    if (visible.size() <= size_t(width)) {
        for (const Event &event : visible)
            draw(frame.mapping.timeToX(event.timeNs), event);
        return;
    }
    // Dense: jump column by column with a binary search; one glyph per column.
    auto it = visible.begin();
    while (it != visible.end()) {
        const double x = frame.mapping.timeToX(it->timeNs);
        draw(x, *it);
        // The next column's first time; at least one past this event, whatever the rounding.
        const int64_t nextColumn = std::max(frame.mapping.xToTime(std::floor(x) + 1), it->timeNs + 1);
        it = std::partition_point(it, visible.end(), [nextColumn](const Event &e) { return e.timeNs < nextColumn; });
    }
}

void LanePainter::paintLockHolds(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar)
{
    if (track.lockEvents.empty())
        return;
    const int64_t from = frame.mapping.startNs;
    const int64_t to = frame.mapping.endNs(frame.chartWidth());
    const auto visible = Trace::eventsIn(track.lockEvents, from, to);
    if (visible.size() > size_t(kDetailedEventsLimit))
        return;
    // Start one event early so a hold that began before the window is drawn too.
    const Event *begin = visible.data() != track.lockEvents.data() ? visible.data() - 1 : visible.data();
    const Event *end = visible.data() + visible.size();
    const Event *last = track.lockEvents.data() + track.lockEvents.size();
    painter.setPen(m_palette.holdPen);
    const int y = bar.top() + 1;
    for (const Event *e = begin; e != end; ++e) {
        if (e->kind != EventKind::LockAcquire)
            continue;
        const Event *release = std::find_if(
            e + 1, last, [e](const Event &r) { return r.kind == EventKind::LockRelease && r.object == e->object; });
        const int64_t until = release != last ? release->timeNs : (frame.live ? frame.nowNs : e->timeNs);
        const double x0 = std::max<double>(frame.labelWidth(), frame.mapping.timeToX(e->timeNs));
        const double x1 = std::min<double>(frame.size.width(), frame.mapping.timeToX(until));
        painter.drawLine(QPointF(x0, y), QPointF(std::max(x0 + 1, x1), y));
    }
}

void LanePainter::paintRaceWindows(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar)
{
    const auto visible
        = Trace::eventsIn(track.counterEvents, frame.mapping.startNs, frame.mapping.endNs(frame.chartWidth()));
    if (visible.empty() || visible.size() > size_t(kDetailedEventsLimit))
        return;
    // Zoomed in: each update's read -> write window, red where the write erased other updates.
    const int y = bar.bottom() - 1;
    for (size_t i = 0; i + 1 < visible.size(); ++i) {
        const Event &read = visible[i];
        const Event &write = visible[i + 1];
        if (read.kind != EventKind::CounterRead || write.kind != EventKind::CounterWrite)
            continue;
        const int64_t nextRead = i + 2 < visible.size() ? visible[i + 2].timeNs : write.timeNs + 1'000'000;
        const bool lost = !Trace::eventsIn(track.lostUpdates, write.timeNs, nextRead).empty();
        painter.setPen(lost ? m_palette.lostWindowPen : m_palette.raceWindowPen);
        const double x0 = frame.mapping.timeToX(read.timeNs);
        const double x1 = std::max(x0 + 1, frame.mapping.timeToX(write.timeNs));
        painter.drawLine(QPointF(x0, y), QPointF(x1, y));
    }
}

void LanePainter::paintLostUpdates(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar)
{
    if (track.lostUpdates.empty())
        return;
    const int width = frame.chartWidth();
    const auto visible = Trace::eventsIn(track.lostUpdates, frame.mapping.startNs, frame.mapping.endNs(width));
    if (visible.empty())
        return;
    if (visible.size() * 8 > size_t(width)) {
        // Many: how many in each pixel column, as a red strip along the lane's bottom edge, darker
        // for more (one cross each would cover the lane and its labels).
        // Each column's count found by time, not counted one by one: the cost follows the pixels.
        m_lostPerColumn.assign(size_t(width), 0);
        uint32_t most = 0;
        for (auto first = visible.begin(); first != visible.end();) {
            const int x = frame.columnOf(first->timeNs);
            const auto last = std::partition_point(
                first, visible.end(), [&](const Event &event) { return frame.columnOf(event.timeNs) <= x; });
            m_lostPerColumn[size_t(x)] = uint32_t(last - first);
            most = std::max(most, m_lostPerColumn[size_t(x)]);
            first = last;
        }
        QColor tick = m_palette.lostUpdatePen.color();
        for (int x = 0; x < width; ++x) {
            if (m_lostPerColumn[size_t(x)] == 0)
                continue;
            tick.setAlpha(110 + int(145.0 * m_lostPerColumn[size_t(x)] / most));
            painter.fillRect(QRect(frame.labelWidth() + x, bar.bottom() - 3, 1, 4), tick);
        }
        return;
    }
    // Few: a small cross each, in the lane's lower half.
    painter.setPen(m_palette.lostUpdatePen);
    const int top = bar.bottom() - 7;
    const int bottom = bar.bottom();
    for (const Event &event : visible) {
        const double x = frame.mapping.timeToX(event.timeNs);
        painter.drawLine(QPointF(x - 3, top), QPointF(x + 3, bottom));
        painter.drawLine(QPointF(x + 3, top), QPointF(x - 3, bottom));
    }
}

void LanePainter::drawQueueMark(QPainter &painter, const StatePalette &palette, QPointF at, bool put)
{
    const double d = put ? -1 : 1; // a put points up, a get down
    const QPointF triangle[]
        = { { at.x() - 3.5, at.y() - 2.5 * d }, { at.x() + 3.5, at.y() - 2.5 * d }, { at.x(), at.y() + 3.5 * d } };
    painter.setPen(palette.markPen);
    painter.setBrush(put ? palette.background : palette.markFill);
    painter.drawPolygon(triangle, 3);
}

void LanePainter::drawEventMark(QPainter &painter, const StatePalette &palette, QPointF at, bool set)
{
    const QPointF diamond[]
        = { { at.x(), at.y() - 4 }, { at.x() + 4, at.y() }, { at.x(), at.y() + 4 }, { at.x() - 4, at.y() } };
    painter.setPen(palette.markPen);
    painter.setBrush(set ? palette.markFill : palette.background);
    painter.drawPolygon(diamond, 4);
}

void LanePainter::drawCutMark(QPainter &painter, const StatePalette &palette, QPointF at, double height)
{
    const bool antialiased = painter.testRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPen pen = palette.failedPen;
    pen.setWidthF(2.5);
    painter.setPen(pen);
    const double top = at.y() - height / 2 - 1;
    const QPointF zigzag[] = { { at.x(), top }, { at.x() + 4, top + height * 0.25 }, { at.x() - 4, top + height * 0.5 },
        { at.x() + 4, top + height * 0.75 }, { at.x(), top + height + 2 } };
    painter.drawPolyline(zigzag, 5);
    painter.setRenderHint(QPainter::Antialiasing, antialiased);
}

void LanePainter::drawTimeoutMark(QPainter &painter, const StatePalette &palette, QPointF at)
{
    painter.setPen(palette.failedPen);
    painter.setBrush(palette.background);
    painter.drawEllipse(at, 4, 4);
    painter.drawLine(at + QPointF(-3, 3), at + QPointF(3, -3));
}

void LanePainter::drawNotifyMark(QPainter &painter, const StatePalette &palette, QPointF at)
{
    painter.setPen(palette.markPen);
    painter.setBrush(palette.markFill);
    const QPointF bell[] = { { at.x() - 4, at.y() + 3 }, { at.x() - 3, at.y() - 3 }, { at.x() + 3, at.y() - 3 },
        { at.x() + 4, at.y() + 3 } };
    painter.drawPolygon(bell, 4);
    painter.drawEllipse(at + QPointF(0, 4.5), 1.2, 1.2);
}

void LanePainter::paintMarks(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar)
{
    if (track.marks.empty())
        return;
    painter.setRenderHint(QPainter::Antialiasing, true);
    const auto &order = frame.trace->resultsOrder;
    // Results that land within one badge of each other share a badge that names their range
    // ("3–9"), so that each stays readable instead of piling into a blob.
    constexpr double kBadge = 14;
    int firstPosition = 0;
    int lastPosition = 0;
    double groupX = 0;
    auto drawResults = [&] {
        if (firstPosition == 0)
            return;
        const QString label = firstPosition == lastPosition
            ? QString::number(firstPosition)
            : QStringLiteral("%1–%2").arg(firstPosition).arg(lastPosition);
        QFont font = painter.font();
        font.setPointSizeF(font.pointSizeF() * 0.75);
        font.setBold(true);
        painter.save();
        painter.setFont(font);
        const double width = std::max(kBadge, painter.fontMetrics().horizontalAdvance(label) + 8.0);
        const QRectF badge(groupX - width / 2, bar.center().y() - kBadge / 2, width, kBadge);
        painter.setPen(Qt::white);
        painter.setBrush(m_palette.resultBrush);
        painter.drawRoundedRect(badge, kBadge / 2, kBadge / 2);
        painter.drawText(badge, Qt::AlignCenter, label);
        painter.restore();
        firstPosition = 0;
    };
    forEachVisible(frame, track.marks, [&](double x, const Event &event) {
        switch (event.kind) {
        case EventKind::Mark: {
            const QPointF tip(x, bar.top() + 7);
            const QPointF triangle[] = { { x - 4, qreal(bar.top()) }, { x + 4, qreal(bar.top()) }, tip };
            painter.setPen(m_palette.markPen);
            painter.setBrush(m_palette.markFill);
            painter.drawPolygon(triangle, 3);
            break;
        }
        case EventKind::Result: {
            const int position = int(std::find(order.begin(), order.end(), int(event.object)) - order.begin() + 1);
            if (firstPosition != 0 && x - groupX < kBadge) {
                lastPosition = std::max(lastPosition, position);
                firstPosition = std::min(firstPosition, position);
                break;
            }
            drawResults();
            firstPosition = lastPosition = position;
            groupX = x;
            break;
        }
        case EventKind::QueuePut:
        case EventKind::QueueGet:
            drawQueueMark(painter, m_palette, QPointF(x, bar.bottom() - 4), event.kind == EventKind::QueuePut);
            break;
        case EventKind::EventSet:
        case EventKind::EventClear:
            drawEventMark(painter, m_palette, QPointF(x, bar.bottom() - 4), event.kind == EventKind::EventSet);
            break;
        case EventKind::WaitTimeout:
            drawTimeoutMark(painter, m_palette, QPointF(x, bar.center().y()));
            break;
        case EventKind::Notify:
            drawNotifyMark(painter, m_palette, QPointF(x, bar.bottom() - 5));
            break;
        default:
            break;
        }
    });
    drawResults();
    painter.setBrush(Qt::NoBrush);
    painter.setRenderHint(QPainter::Antialiasing, false);
}

} // namespace threadlab
