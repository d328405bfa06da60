#include "chart/queuepainter.h"

#include "chart/statepalette.h"
#include "trace/trace.h"

#include <QPainter>
#include <algorithm>

namespace threadlab {

namespace {

double slotHeight(int slots, int barHeight)
{
    return double(barHeight) / std::max(1, std::min(slots, QueuePainter::kMaxShownSlots));
}

int shownSlot(int slot)
{
    return std::min(slot, QueuePainter::kMaxShownSlots - 1);
}

} // namespace

int QueuePainter::rowHeight(int slots)
{
    return std::max(22, std::min(std::max(slots, 1), kTallestRow) * kSlotHeight + 8);
}

void QueuePainter::paint(QPainter &painter, const GanttFrame &frame, uint32_t queueId, const QRect &bar)
{
    const QueueStaysSet::Queue *queue = frame.trace->queueStays.find(queueId);
    if (!queue)
        return;
    const int64_t from = frame.mapping.startNs;
    const int64_t to = frame.mapping.endNs(frame.chartWidth());
    const int64_t known = frame.live ? frame.nowNs : frame.trace->lastEventNs; // where open stays end
    const double height = slotHeight(queue->slots, bar.height());
    const auto stays = QueueStaysSet::overlapping(*queue, from, to);
    const QFontMetrics metrics = painter.fontMetrics();
    int drawn = 0;
    for (const QueueStay *stay : stays) {
        if (++drawn > kMaxDrawnStays)
            break;
        const double x0 = std::max<double>(frame.labelWidth(), frame.mapping.timeToX(stay->putNs));
        const double x1 = std::min<double>(
            frame.size.width(), frame.mapping.timeToX(stay->gotNs == INT64_MAX ? known : stay->gotNs));
        const QRectF rect(x0, bar.top() + shownSlot(stay->slot) * height, std::max(2.0, x1 - x0), height - 1);
        const QString name = frame.trace->objectName(stay->item);
        // Neighbouring items in different shades of the queue's colour; items still in are paler.
        const QColor base = StatePalette::color(State::QueueWait);
        QColor colour = base.lighter(100 + int(stay->item % 4) * 10);
        if (stay->gotNs == INT64_MAX)
            colour.setAlpha(150);
        painter.fillRect(rect, colour);
        if (rect.width() > 4) {
            painter.setPen(base.darker(130));
            painter.drawRect(rect.adjusted(0, 0, -1, -1));
        }
        if (rect.width() > 24 && height >= metrics.height() - 4) {
            painter.setPen(Qt::black);
            painter.drawText(rect.adjusted(3, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft,
                metrics.elidedText(name, Qt::ElideRight, int(rect.width()) - 5));
        }
    }
}

const QueueStay *QueuePainter::stayAt(const Trace &trace, uint32_t queueId, int64_t t, int y, int barHeight)
{
    const QueueStaysSet::Queue *queue = trace.queueStays.find(queueId);
    if (!queue)
        return nullptr;
    const int slot = int(y / slotHeight(queue->slots, barHeight));
    for (const QueueStay *stay : QueueStaysSet::overlapping(*queue, t, t + 1)) {
        if (shownSlot(stay->slot) == slot && stay->putNs <= t)
            return stay;
    }
    return nullptr;
}

} // namespace threadlab
