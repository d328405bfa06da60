#pragma once

#include "chart/ganttframe.h"

#include <QRect>
#include <QString>
#include <cstdint>
#include <vector>

class QPainter;

namespace threadlab {

class CounterSeries;
class StatePalette;

// Paints a shared counter's row: its value (solid) against the value it would have had with no
// update lost (dashed), the gap between them shaded, and under it how many writes lost updates in
// each pixel column (a red tick, darker for more). Where the writes in view outnumber the columns, the cost
// follows the columns.
class CounterPainter
{
public:
    void paint(QPainter &painter, const GanttFrame &frame, const CounterSeries &series, const QRect &bar,
        const StatePalette &palette);
    // The row label's second line: the value against the expected value at `atNs` ("7, expected
    // 9"; brief: "7 / 9").
    static QString valueLine(const CounterSeries &series, int64_t atNs, bool brief = false);

    // What each pixel column of the chart shows: the range of values its writes left, the last
    // one and the expected value then, how many of them lost updates; a column without writes
    // holds the value before it (any: something is drawn there). low and high: the values and
    // expected values in view, the plot's scale (low > high: nothing to draw).
    struct Column
    {
        int64_t low;
        int64_t high;
        int64_t last; // the value the column's last write left
        int64_t expected;
        uint32_t lost;
        bool any;
    };
    const std::vector<Column> &columns(
        const GanttFrame &frame, const CounterSeries &series, int64_t &low, int64_t &high);

private:
    std::vector<Column> m_columns;
};

} // namespace threadlab
