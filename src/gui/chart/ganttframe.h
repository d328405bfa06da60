#pragma once

#include "chart/lanelayout.h"
#include "chart/timemapping.h"
#include "trace/segment.h"

#include <QSize>
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

// What the chart shows: a row per thread and process with what it did (Threads), or a row per
// CPU with which thread ran on it (Cores: needs the OS scheduler's data).
enum class ChartView { Threads, Cores };

// Everything one picture of the chart depends on; the painter reads only this.
struct GanttFrame
{
    static constexpr int kAxisHeight = 30;
    static constexpr int kLegendRowHeight = 22;
    static constexpr int kLabelWidth = 190;

    const Trace *trace = nullptr;
    const std::vector<LaneRow> *rows = nullptr;
    TimeMapping mapping; // mapping.left == kLabelWidth
    QSize size;
    int scrollY = 0; // content y at the top of the lane area
    int64_t nowNs = 0; // where the lanes' current states end
    bool live = false;
    int legendHeight = kLegendRowHeight + 4; // 0: no legend; see GanttPainter::legendHeight()
    LockWaitSelection selection;
    RaceSelection race;
    ChartView view = ChartView::Threads;

    int chartWidth() const { return size.width() - kLabelWidth; }
    int lanesTop() const { return kAxisHeight; }
    int lanesBottom() const { return size.height() - legendHeight; }
    int rowTop(const LaneRow &row) const { return lanesTop() + row.y - scrollY; }
};

} // namespace threadlab
