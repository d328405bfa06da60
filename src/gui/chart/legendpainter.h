#pragma once

#include "chart/ganttframe.h"

#include <QString>
#include <vector>

class QFontMetrics;
class QPainter;

namespace threadlab {

class StatePalette;

// The chart's legend, under the lanes: the colour of each state the trace has and the marks, or in
// the Cores view whose colour each lane is. It wraps onto more rows when it does not fit.
class LegendPainter
{
public:
    explicit LegendPainter(const StatePalette &palette);

    void paint(QPainter &painter, const GanttFrame &frame);
    // The legend's height at this width (before there is a trace, with every state).
    static int height(
        const QFontMetrics &metrics, int width, const Trace *trace = nullptr, ChartView view = ChartView::Threads);

private:
    struct Item
    {
        int width;
        int glyph; // index of a state, -1 - a mark glyph, or kLaneGlyph + a CpuSlice's lane
        QString text;
    };
    static constexpr int kLaneGlyph = 1000;
    static constexpr int kMigrationGlyph = -20;
    static std::vector<Item> items(const QFontMetrics &metrics, const Trace *trace, ChartView view);
    void paintGlyph(QPainter &painter, int glyph, int x, int y);

    const StatePalette &m_palette;
};

} // namespace threadlab
