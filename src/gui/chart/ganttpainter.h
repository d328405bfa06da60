#pragma once

#include "chart/counterpainter.h"
#include "chart/cpupainter.h"
#include "chart/ganttframe.h"
#include "chart/lanepainter.h"
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
// its holder, and the legend.
class GanttPainter
{
public:
    GanttPainter();

    void paint(QPainter &painter, const GanttFrame &frame);
    void setDark(bool dark) { m_palette.setDark(dark); } // the surface for a dark desktop palette
    bool isDark() const { return m_palette.isDark(); }
    // The legend's height at this width: it wraps onto more rows when it does not fit. The Cores
    // view's legend names the trace's lanes.
    static int legendHeight(
        const QFontMetrics &metrics, int width, const Trace *trace = nullptr, ChartView view = ChartView::Threads);

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
    void paintLegend(QPainter &painter, const GanttFrame &frame);
    struct LegendItem
    {
        int width;
        int glyph; // index of a state, -1 - a mark glyph, or kLaneGlyph + a CpuSlice's lane
        QString text;
    };
    static constexpr int kLaneGlyph = 1000;
    static constexpr int kMigrationGlyph = -20;
    static std::vector<LegendItem> legendItems(const QFontMetrics &metrics, const Trace *trace, ChartView view);
    void paintGlyph(QPainter &painter, int glyph, int x, int y);
    const LaneRow *rowOfLane(const GanttFrame &frame, int lane) const;

    StatePalette m_palette;
    LanePainter m_lanePainter;
    CpuPainter m_cpuPainter;
    LockPainter m_lockPainter;
    CounterPainter m_counterPainter;
};

} // namespace threadlab
