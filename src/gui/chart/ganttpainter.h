#pragma once

#include "chart/counterpainter.h"
#include "chart/cpupainter.h"
#include "chart/ganttframe.h"
#include "chart/lanepainter.h"
#include "chart/legendpainter.h"
#include "chart/lockpainter.h"
#include "chart/statepalette.h"

#include <QString>
#include <optional>
#include <utility>
#include <vector>

class QFontMetrics;
class QPainter;

namespace threadlab {

// The single drawing code of the chart: the view, and the PNG, SVG and PDF exports all call
// paint() with a frame. Draws lane backgrounds and labels, each lane's content, the time axis with
// grid lines, the "now" line of a live run (and the stretch not yet refined by the OS data), a selected lock wait with
// its holder, a deadlock, and the legend (LegendPainter).
class GanttPainter
{
public:
    GanttPainter();

    void paint(QPainter &painter, const GanttFrame &frame);
    void setDark(bool dark) { m_palette.setDark(dark); } // the surface for a dark desktop palette
    bool isDark() const { return m_palette.isDark(); }

private:
    void paintRows(QPainter &painter, const GanttFrame &frame);
    void paintGrid(QPainter &painter, const GanttFrame &frame);
    void paintSelection(QPainter &painter, const GanttFrame &frame);
    void paintRace(QPainter &painter, const GanttFrame &frame);
    void paintResultLink(QPainter &painter, const GanttFrame &frame);
    static std::optional<std::pair<double, double>> schedPendingSpan(const GanttFrame &frame);
    void paintSchedPending(QPainter &painter, const GanttFrame &frame);
    void paintSchedPendingLabel(QPainter &painter, const GanttFrame &frame);
    void paintLabels(QPainter &painter, const GanttFrame &frame);
    void paintAxis(QPainter &painter, const GanttFrame &frame);
    const LaneRow *rowOfLane(const GanttFrame &frame, int lane) const;

    StatePalette m_palette;
    LanePainter m_lanePainter;
    CpuPainter m_cpuPainter;
    LockPainter m_lockPainter;
    CounterPainter m_counterPainter;
    LegendPainter m_legendPainter;
};

} // namespace threadlab
