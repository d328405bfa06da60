#pragma once

#include "chart/lanelayout.h"
#include "chart/timemapping.h"
#include "trace/segment.h"

#include <QSize>
#include <cstdint>
#include <vector>

namespace threadlab {

struct Trace;

// A clicked lock wait: the waiting segment, the lane that held the lock and when it held it.
struct LockWaitSelection
{
    bool active = false;
    int lane = -1;
    Segment wait;
    int holderLane = -1;
    int64_t holdStartNs = 0;
    int64_t holdEndNs = 0;
};

// One update of a shared counter: read on a lane, then written.
struct RaceWindow
{
    int lane = -1;
    int64_t readNs = 0;
    int64_t writeNs = 0;
};

// A write that lost updates (clicked, or found by Next/Previous lost update) and the writes of
// other lanes it erased.
struct RaceSelection
{
    bool active = false;
    RaceWindow lost;
    std::vector<RaceWindow> erased;
};

// A clicked result: the task's end on the lane that produced it, and its arrival on the main lane.
struct ResultLink
{
    bool active = false;
    int fromLane = -1;
    int64_t fromNs = 0;
    int toLane = -1;
    int64_t toNs = 0;
};

// What the chart shows: a row per thread and process with what it did (Threads), or a row per
// CPU with which thread ran on it (Cores: needs the OS scheduler's data).
enum class ChartView { Threads, Cores };

// Everything one picture of the chart depends on; the painter reads only this.
struct GanttFrame
{
    static constexpr int kAxisHeight = 30;
    static constexpr int kLegendRowHeight = 22;
    static constexpr int kLabelWidth = 190; // the lane label column; narrower on a narrow chart
    static constexpr int kMinLabelWidth = 120;
    // The label column for a chart this wide: a fifth of it, within [kMinLabelWidth, kLabelWidth].
    static int labelWidthFor(int width)
    {
        return width / 5 < kMinLabelWidth ? kMinLabelWidth : width / 5 > kLabelWidth ? kLabelWidth : width / 5;
    }

    const Trace *trace = nullptr;
    const std::vector<LaneRow> *rows = nullptr;
    TimeMapping mapping; // mapping.left: the label column's width
    QSize size;
    int scrollY = 0; // content y at the top of the lane area
    int64_t nowNs = 0; // where the lanes' current states end
    bool live = false;
    int legendHeight = kLegendRowHeight + 4; // 0: no legend; see LegendPainter::height()
    LockWaitSelection selection;
    RaceSelection race;
    ResultLink result;
    int64_t revealNs = INT64_MAX; // a replay: nothing after this time is drawn
    ChartView view = ChartView::Threads;

    int labelWidth() const { return mapping.left; }
    int chartWidth() const { return size.width() - mapping.left; }
    // The chart's pixel column (0 to chartWidth() - 1, clamped) where time t lies.
    int columnOf(int64_t t) const
    {
        return mapping.xFloor(t, labelWidth(), labelWidth() + chartWidth() - 1) - labelWidth();
    }
    int lanesTop() const { return kAxisHeight; }
    int lanesBottom() const { return size.height() - legendHeight; }
    int rowTop(const LaneRow &row) const { return lanesTop() + row.y - scrollY; }
};

} // namespace threadlab
