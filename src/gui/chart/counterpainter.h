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
// each pixel column (a red tick, darker for more). Cost follows the writes in view, once each.
class CounterPainter
{
public:
    void paint(QPainter &painter, const GanttFrame &frame, const CounterSeries &series, const QRect &bar,
        const StatePalette &palette);
    // The row label's second line: the value against the expected value at `atNs` ("7, expected
    // 9"; brief: "7 / 9").
    static QString valueLine(const CounterSeries &series, int64_t atNs, bool brief = false);

private:
    struct Column
    {
        int64_t low;
        int64_t high;
        int64_t last; // the value the column's last write left
        int64_t expected;
        uint32_t lost;
        bool any;
    };
    std::vector<Column> m_columns;
};

} // namespace threadlab
