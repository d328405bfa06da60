#include "chart/deadlockpainter.h"

#include "base/coretext.h"
#include "chart/statepalette.h"
#include "trace/deadlocks.h"
#include "trace/trace.h"

#include <QPainter>
#include <cmath>

namespace threadlab {

namespace {

constexpr double kHead = 6;

void arrow(QPainter &painter, QPointF from, QPointF to)
{
    painter.drawLine(from, to);
    const double angle = std::atan2(to.y() - from.y(), to.x() - from.x());
    for (const double side : { -0.45, 0.45 })
        painter.drawLine(to, to - QPointF(std::cos(angle + side) * kHead, std::sin(angle + side) * kHead));
}

// A tag with the name of what is waited for, centred on `at`.
void tag(QPainter &painter, const StatePalette &palette, QPointF at, const QString &text, const QPen &pen)
{
    const QFontMetrics metrics = painter.fontMetrics();
    const double width = metrics.horizontalAdvance(text) + 10;
    const double height = metrics.height() + 2;
    const QRectF box(at.x() - width / 2, at.y() - height / 2, width, height);
    painter.setPen(pen);
    painter.setBrush(palette.background);
    painter.drawRoundedRect(box, 4, 4);
    painter.setPen(palette.text);
    painter.drawText(box, Qt::AlignCenter, text);
}

} // namespace

void DeadlockPainter::paint(QPainter &painter, const GanttFrame &frame, const StatePalette &palette, const BarOf &barOf)
{
    const Trace &trace = *frame.trace;
    const Deadlock &deadlock = trace.deadlock;
    if (!deadlock.found || frame.view != ChartView::Threads || frame.revealNs < deadlock.detectedNs)
        return;
    const double x = frame.mapping.timeToX(deadlock.detectedNs);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    QFont font = painter.font();
    font.setBold(true);
    painter.setFont(font);
    QPen pen = palette.lostUpdatePen;
    pen.setWidthF(2);
    QPen dashed = pen;
    dashed.setStyle(Qt::DashLine);
    painter.setPen(dashed);
    painter.drawLine(QPointF(x, frame.lanesTop()), QPointF(x, frame.lanesBottom()));
    // Its name beside the line: right of it, or left where the chart ends.
    const QString title = deadlock.cycle ? Text::tr("deadlock: a cycle") : Text::tr("deadlock: waits forever");
    const double titleWidth = painter.fontMetrics().horizontalAdvance(title) + 10;
    QRectF titleBox(x + 4, frame.lanesTop() + 2, titleWidth, painter.fontMetrics().height() + 2);
    if (titleBox.right() > frame.size.width())
        titleBox.moveRight(x - 4);
    painter.setPen(Qt::NoPen);
    painter.setBrush(pen.color());
    painter.drawRoundedRect(titleBox, 4, 4);
    painter.setPen(Qt::white);
    painter.drawText(titleBox, Qt::AlignCenter, title);
    // Each link a column of its own, leftwards from the line, in the stretch where the lanes wait.
    constexpr double kColumn = 30;
    constexpr double kTurn = 10; // at an object's row: "waits for" comes in on the left, "held by" leaves on the right
    double cx = x - 16;
    for (const DeadlockLink &link : deadlock.links) {
        const QRect waiter = barOf(LaneRow::Lane, int(link.lane));
        if (waiter.isNull())
            continue;
        const double waiterY = waiter.center().y();
        const QRect object = link.waitState == State::JoinWait ? QRect() : barOf(LaneRow::Lock, int(link.waitsFor));
        const QRect holder = link.heldBy >= 0 ? barOf(LaneRow::Lane, int(link.heldBy)) : QRect();
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        if (!holder.isNull() && holder == waiter && !object.isNull()) {
            // It waits for a lock it holds itself: up to the lock and back.
            arrow(painter, QPointF(cx - kTurn, waiterY), QPointF(cx - kTurn, object.center().y()));
            painter.drawLine(QPointF(cx - kTurn, object.center().y()), QPointF(cx, object.center().y()));
            arrow(painter, QPointF(cx, object.center().y()), QPointF(cx, waiterY));
        } else if (!holder.isNull() && !object.isNull()) {
            // Waits for (dashed) the object, which is held by (solid) the other lane.
            const double objectY = object.center().y();
            painter.setPen(dashed);
            arrow(painter, QPointF(cx - kTurn, waiterY), QPointF(cx - kTurn, objectY));
            painter.setPen(pen);
            painter.drawLine(QPointF(cx - kTurn, objectY), QPointF(cx, objectY));
            arrow(painter, QPointF(cx, objectY), QPointF(cx, holder.center().y()));
            painter.setBrush(pen.color());
            painter.drawEllipse(QPointF(cx - kTurn / 2, objectY), 3, 3);
        } else if (!holder.isNull()) {
            arrow(painter, QPointF(cx, waiterY), QPointF(cx, holder.center().y()));
        } else {
            const QString name = Deadlocks::waitedObject(trace, link.waitState, link.waitsFor);
            const QString text = Text::tr("%1 · nobody can end it").arg(name);
            const double width = painter.fontMetrics().horizontalAdvance(text) + 10;
            tag(painter, palette, QPointF(cx - width / 2, waiterY), text, pen);
            cx -= width;
        }
        cx -= kColumn;
    }
    painter.restore();
}

} // namespace threadlab
