#include "chart/cpupainter.h"

#include "trace/trace.h"
#include "trace/traceanalysis.h"

#include <QPainter>
#include <algorithm>
#include <array>
#include <climits>

namespace threadlab {

QColor CpuPainter::laneColour(int lane, bool dark)
{
    // Distinct hues, none the green of Running: a lane keeps its colour in every frame.
    static constexpr std::array<int, 12> kHues { 210, 30, 280, 0, 180, 50, 320, 120, 240, 15, 160, 300 };
    if (lane == kRunThread)
        return dark ? QColor(0x58, 0x5c, 0x60) : QColor(0xc4, 0xc4, 0xc4);
    if (lane < 0)
        return dark ? QColor(0x70, 0x74, 0x78) : QColor(0xa0, 0xa0, 0xa0);
    const int hue = kHues[size_t(lane) % kHues.size()];
    const int round = (lane / int(kHues.size())) % 3; // the second dozen lighter, the third darker
    const int value = dark ? 230 - 25 * round : 200 - 30 * round;
    return QColor::fromHsv(hue, 170, value);
}

QBrush CpuPainter::brushOf(int lane, bool dark)
{
    return lane == kOtherProcess ? QBrush(laneColour(lane, dark), Qt::BDiagPattern) : QBrush(laneColour(lane, dark));
}

void CpuPainter::paint(
    QPainter &painter, const GanttFrame &frame, const CpuTrack &track, const QRect &bar, bool dark) const
{
    const int64_t from = frame.mapping.xToTime(frame.labelWidth());
    const int64_t to = frame.mapping.xToTime(frame.size.width());
    const auto &slices = track.slices;
    auto it = std::upper_bound(
        slices.begin(), slices.end(), from, [](int64_t t, const CpuSlice &slice) { return t < slice.startNs; });
    if (it != slices.begin())
        --it;
    // Per pixel column: the lane that had most of it. A column is drawn when the next one starts.
    int column = INT_MIN;
    int bestLane = 0;
    double bestShare = -1;
    double shareOfLane = 0;
    int laneInColumn = INT_MIN;
    // Draws the pending column, if any, and starts afresh.
    auto flush = [&] {
        if (column != INT_MIN && bestShare > 0)
            painter.fillRect(QRect(column, bar.top(), 1, bar.height()), brushOf(bestLane, dark));
        column = INT_MIN;
        bestShare = -1;
        laneInColumn = INT_MIN;
    };
    for (; it != slices.end() && it->startNs < to; ++it) {
        const double x0 = frame.mapping.timeToX(it->startNs);
        const double x1 = frame.mapping.timeToX(it->endNs);
        if (x1 - x0 >= 1.5) {
            // Wide enough to draw as itself.
            flush();
            painter.fillRect(QRectF(x0, bar.top(), x1 - x0, bar.height()), brushOf(it->lane, dark));
            continue;
        }
        const int c = int(std::floor(x0));
        if (c != column) {
            flush();
            column = c;
        }
        shareOfLane = (it->lane == laneInColumn ? shareOfLane : 0) + (x1 - x0);
        laneInColumn = it->lane;
        if (shareOfLane > bestShare) {
            bestShare = shareOfLane;
            bestLane = it->lane;
        }
    }
    flush();
}

bool CpuPainter::paintMigrations(
    QPainter &painter, const GanttFrame &frame, const std::vector<int> &rowCentreOfCpu, bool dark)
{
    const int64_t from = frame.mapping.xToTime(frame.labelWidth());
    const int64_t to = frame.mapping.xToTime(frame.size.width());
    struct Move
    {
        QPointF left;
        QPointF arrived;
        int lane;
    };
    std::vector<Move> moves;
    const auto &lanes = frame.trace->lanes;
    for (size_t lane = 0; lane < lanes.size(); ++lane) {
        const auto &os = lanes[lane].os;
        // From the last slice on a CPU that starts before the view, to the last that starts in it.
        const OsSlice *previous = TraceAnalysis::lastOnCpuBefore(lanes[lane], from);
        auto it = std::lower_bound(
            os.begin(), os.end(), from, [](const OsSlice &slice, int64_t t) { return slice.startNs < t; });
        for (; it != os.end() && it->startNs < to; ++it) {
            if (!it->onCpu)
                continue;
            if (previous && previous->cpu != it->cpu) {
                const auto rowOf = [&rowCentreOfCpu](int cpu) {
                    return cpu >= 0 && size_t(cpu) < rowCentreOfCpu.size() ? rowCentreOfCpu[size_t(cpu)] : INT_MIN;
                };
                const int y0 = rowOf(previous->cpu);
                const int y1 = rowOf(it->cpu);
                if (y0 != INT_MIN && y1 != INT_MIN) {
                    if (moves.size() == kMaxMigrationsDrawn)
                        return false;
                    moves.push_back(Move { QPointF(frame.mapping.timeToX(previous->endNs), y0),
                        QPointF(frame.mapping.timeToX(it->startNs), y1), int(lane) });
                }
            }
            previous = &*it;
        }
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (const Move &move : moves) {
        const QColor colour = laneColour(move.lane, dark).darker(dark ? 70 : 150);
        painter.setPen(QPen(colour, 1.5));
        painter.drawLine(move.left, move.arrived);
        painter.setBrush(colour);
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(move.arrived, 2.5, 2.5);
    }
    painter.restore();
    return true;
}

} // namespace threadlab
