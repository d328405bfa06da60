#pragma once

#include "ganttframe.h"
#include "lanepainter.h"
#include "statepalette.h"

class QPainter;

namespace threadlab {

// The single drawing code of the chart: the view, and the PNG, SVG and PDF exports all call
// paint() with a frame. Draws lane backgrounds and labels, each lane's content, the time axis with
// grid lines, the "now" line of a live run, a selected lock wait with its holder, and the legend.
class GanttPainter
{
public:
    GanttPainter();

    void paint(QPainter &painter, const GanttFrame &frame);

private:
    void paintRows(QPainter &painter, const GanttFrame &frame);
    void paintGrid(QPainter &painter, const GanttFrame &frame);
    void paintSelection(QPainter &painter, const GanttFrame &frame);
    void paintLabels(QPainter &painter, const GanttFrame &frame);
    void paintAxis(QPainter &painter, const GanttFrame &frame);
    void paintLegend(QPainter &painter, const GanttFrame &frame);
    const LaneRow *rowOfLane(const GanttFrame &frame, int lane) const;

    StatePalette m_palette;
    LanePainter m_lanePainter;
};

} // namespace threadlab
