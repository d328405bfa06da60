#include "chart/legendpainter.h"

#include "base/coretext.h"
#include "chart/cpupainter.h"
#include "chart/lanepainter.h"
#include "chart/statepalette.h"
#include "trace/trace.h"

#include <QPainter>
#include <algorithm>
#include <climits>

namespace threadlab {

LegendPainter::LegendPainter(const StatePalette &palette)
    : m_palette(palette)
{ }

std::vector<LegendPainter::Item> LegendPainter::items(const QFontMetrics &metrics, const Trace *trace, ChartView view)
{
    std::vector<Item> items;
    if (view == ChartView::Cores && trace) {
        // Which colour is whose thread; idle time is left empty.
        constexpr size_t kNamedLanes = 24;
        for (size_t lane = 0; lane < trace->lanes.size() && lane < kNamedLanes; ++lane) {
            const QString name = metrics.elidedText(trace->lanes[lane].info.name, Qt::ElideRight, 160);
            items.push_back(Item { 16 + metrics.horizontalAdvance(name) + 14, kLaneGlyph + int(lane), name });
        }
        if (trace->lanes.size() > kNamedLanes) {
            const QString more = Text::tr("… %n more", nullptr, int(trace->lanes.size() - kNamedLanes));
            items.push_back(Item { metrics.horizontalAdvance(more) + 14, INT_MIN, more });
        }
        const QString own = Text::tr("ThreadLab itself (no lane)");
        items.push_back(Item { 16 + metrics.horizontalAdvance(own) + 14, kLaneGlyph + kRunThread, own });
        const QString other = Text::tr("other processes");
        items.push_back(Item { 16 + metrics.horizontalAdvance(other) + 14, kLaneGlyph + kOtherProcess, other });
        const QString moved = Text::tr("moved to another CPU (zoomed in)");
        items.push_back(Item { 18 + metrics.horizontalAdvance(moved) + 14, kMigrationGlyph, moved });
        const QString idle = Text::tr("empty: idle");
        items.push_back(Item { metrics.horizontalAdvance(idle) + 14, INT_MIN, idle });
        return items;
    }
    // The states this trace has (all of them before there is a trace): the lanes' level-of-detail
    // summaries know, without a walk over the segments.
    std::array<bool, kStateCount> shown {};
    shown.fill(trace == nullptr);
    shown[size_t(State::Running)] = shown[size_t(State::Sleeping)] = true;
    if (trace) {
        for (const LaneTrack &lane : trace->lanes) {
            for (const SegmentLod::Node &node : lane.lod.nodes(SegmentLod::kLevels - 1)) {
                for (size_t state = 0; state < node.stateNs.size(); ++state)
                    shown[state] = shown[state] || node.stateNs[state] > 0;
            }
            if (lane.hasOpenSegment)
                shown[size_t(lane.open.state)] = true;
        }
    }
    for (State state : allStates()) {
        if (shown[size_t(state)])
            items.push_back(
                Item { 16 + metrics.horizontalAdvance(stateName(state)) + 14, int(state), stateName(state) });
    }
    const QString marks[]
        = { QStringLiteral("print"), Text::tr("result (n-th)"), Text::tr("lost update"), Text::tr("lock held"),
              Text::tr("read→write (zoomed in)"), Text::tr("failed task"), Text::tr("IoWait: receiving"),
              Text::tr("queue put / got"), Text::tr("event set / cleared"), Text::tr("gave up (timeout)"),
              Text::tr("notify"), Text::tr("deadlock: waits for ⇢ held by →"), Text::tr("daemon cut off") };
    const bool cutOff = trace && std::any_of(trace->tasks.begin(), trace->tasks.end(), [](const TaskRecord &task) {
        return task.outcome == TaskOutcome::CutOff;
    });
    for (int i = 0; i < int(std::size(marks)); ++i) {
        const bool optional = i >= 9;
        const bool present = trace
            && ((i == 9 && trace->hasMarks(EventKind::WaitTimeout)) || (i == 10 && trace->hasMarks(EventKind::Notify))
                || (i == 11 && trace->deadlock.found) || (i == 12 && cutOff));
        if (!optional || present)
            items.push_back(Item { 18 + metrics.horizontalAdvance(marks[i]) + 14, -1 - i, marks[i] });
    }
    return items;
}

int LegendPainter::height(const QFontMetrics &metrics, int width, const Trace *trace, ChartView view)
{
    int rows = 1;
    int x = 8;
    for (const Item &item : items(metrics, trace, view)) {
        if (x + item.width > width && x > 8) {
            ++rows;
            x = 8;
        }
        x += item.width;
    }
    return rows * GanttFrame::kLegendRowHeight + 4;
}

void LegendPainter::paintGlyph(QPainter &painter, int glyph, int x, int y)
{
    if (glyph == INT_MIN)
        return; // text only
    if (glyph >= kLaneGlyph + kRunThread) {
        const int lane = glyph - kLaneGlyph;
        painter.fillRect(QRect(x, y - 6, 12, 12), CpuPainter::brushOf(lane, m_palette.isDark()));
        return;
    }
    if (glyph >= 0) {
        painter.fillRect(QRect(x, y - 6, 12, 12), m_palette.brush(State(glyph)));
        return;
    }
    painter.setRenderHint(QPainter::Antialiasing, true);
    switch (-1 - glyph) {
    case 0: {
        const QPointF triangle[] = { { x + 2.0, y - 5.0 }, { x + 10.0, y - 5.0 }, { x + 6.0, y + 2.0 } };
        painter.setPen(m_palette.markPen);
        painter.setBrush(m_palette.markFill);
        painter.drawPolygon(triangle, 3);
        break;
    }
    case 1:
        painter.setPen(Qt::NoPen);
        painter.setBrush(m_palette.resultBrush);
        painter.drawEllipse(QPointF(x + 6, y), 6, 6);
        break;
    case 2:
        painter.setPen(m_palette.lostUpdatePen);
        painter.drawLine(QPointF(x + 2, y - 4), QPointF(x + 9, y + 4));
        painter.drawLine(QPointF(x + 9, y - 4), QPointF(x + 2, y + 4));
        break;
    case 3:
        painter.setPen(m_palette.holdPen);
        painter.drawLine(QPointF(x, y), QPointF(x + 13, y));
        break;
    case 4:
        painter.setPen(m_palette.raceWindowPen);
        painter.drawLine(QPointF(x, y + 3), QPointF(x + 13, y + 3));
        break;
    case 6:
        painter.fillRect(QRect(x, y - 6, 12, 12), m_palette.receivingBrush);
        break;
    case 7:
        LanePainter::drawQueueMark(painter, m_palette, QPointF(x + 3, y), true);
        LanePainter::drawQueueMark(painter, m_palette, QPointF(x + 11, y), false);
        break;
    case 8:
        LanePainter::drawEventMark(painter, m_palette, QPointF(x + 3, y), true);
        LanePainter::drawEventMark(painter, m_palette, QPointF(x + 12, y), false);
        break;
    case 9:
        LanePainter::drawTimeoutMark(painter, m_palette, QPointF(x + 6, y));
        break;
    case 10:
        LanePainter::drawNotifyMark(painter, m_palette, QPointF(x + 6, y - 1));
        break;
    case 11: {
        QPen pen = m_palette.lostUpdatePen;
        pen.setWidthF(2);
        pen.setStyle(Qt::DashLine);
        painter.setPen(pen);
        painter.drawLine(QPointF(x + 2, y + 6), QPointF(x + 2, y - 5));
        pen.setStyle(Qt::SolidLine);
        painter.setPen(pen);
        painter.drawLine(QPointF(x + 2, y - 5), QPointF(x + 10, y - 5));
        painter.drawLine(QPointF(x + 10, y - 5), QPointF(x + 10, y + 6));
        break;
    }
    case 12:
        LanePainter::drawCutMark(painter, m_palette, QPointF(x + 6, y), 12);
        break;
    case -1 - kMigrationGlyph:
        painter.setPen(QPen(m_palette.text, 1.5));
        painter.drawLine(QPointF(x + 1, y - 5), QPointF(x + 11, y + 4));
        painter.setBrush(m_palette.text);
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(QPointF(x + 11, y + 4), 2.5, 2.5);
        break;
    default:
        painter.fillRect(QRectF(x, y + 1, 13, 4), m_palette.failedBrush);
        painter.setPen(m_palette.failedPen);
        painter.drawLine(QPointF(x + 4, y - 6), QPointF(x + 10, y + 2));
        painter.drawLine(QPointF(x + 10, y - 6), QPointF(x + 4, y + 2));
        break;
    }
    painter.setBrush(Qt::NoBrush);
    painter.setRenderHint(QPainter::Antialiasing, false);
}

void LegendPainter::paint(QPainter &painter, const GanttFrame &frame)
{
    if (frame.legendHeight <= 0)
        return;
    const int top = frame.size.height() - frame.legendHeight;
    painter.fillRect(QRect(0, top, frame.size.width(), frame.legendHeight), m_palette.panel);
    painter.setPen(m_palette.rule);
    painter.drawLine(0, top, frame.size.width(), top);
    const QFontMetrics metrics = painter.fontMetrics();
    int x = 8;
    int y = top + 2 + GanttFrame::kLegendRowHeight / 2;
    for (const Item &item : items(metrics, frame.trace, frame.view)) {
        if (x + item.width > frame.size.width() && x > 8) {
            x = 8;
            y += GanttFrame::kLegendRowHeight;
        }
        paintGlyph(painter, item.glyph, x, y);
        painter.setPen(m_palette.text);
        const int indent = item.glyph == INT_MIN ? 0 : item.glyph >= 0 ? 16 : 18;
        painter.drawText(QPoint(x + indent, y + metrics.ascent() / 2 - 1), item.text);
        x += item.width;
    }
}

} // namespace threadlab
