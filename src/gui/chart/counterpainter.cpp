#include "chart/counterpainter.h"

#include "base/coretext.h"
#include "chart/statepalette.h"
#include "trace/counterseries.h"
#include "trace/outcome.h"

#include <QPainter>
#include <QPolygonF>
#include <algorithm>

namespace threadlab {

namespace {
constexpr int kDensityHeight = 4;
} // namespace

QString CounterPainter::valueLine(const CounterSeries &series, int64_t atNs, bool brief)
{
    const CounterPoint *point = series.at(atNs);
    if (!point)
        return Text::tr("no update yet");
    return (brief ? Text::tr("%1 / %2") : Text::tr("%1, expected %2"))
        .arg(Outcome::count(point->value), Outcome::count(point->expected));
}

const std::vector<CounterPainter::Column> &CounterPainter::columns(
    const GanttFrame &frame, const CounterSeries &series, int64_t &low, int64_t &high)
{
    low = INT64_MAX;
    high = INT64_MIN;
    const int width = frame.chartWidth();
    if (width <= 0 || series.points().empty()) {
        m_columns.clear();
        return m_columns;
    }
    const int64_t from = frame.mapping.startNs;
    const int64_t to = frame.mapping.endNs(width);
    m_columns.assign(size_t(width), Column { 0, 0, 0, 0, 0, false });
    // The value before the window carries into its first columns.
    const CounterPoint *before = series.at(from - 1);
    auto widen = [&](int64_t v) {
        low = std::min(low, v);
        high = std::max(high, v);
    };
    uint32_t lostBefore = before ? before->lostWrites : 0;
    const std::span<const CounterPoint> visible = series.in(from, to);
    // Each column's writes: one after the other where they are few, else found by their time and
    // summed from the series' blocks (the cost follows the pixels, not the writes).
    const CounterPoint *const points = series.points().data();
    const CounterPoint *first = visible.data();
    const CounterPoint *const end = visible.data() + visible.size();
    const bool many = visible.size() > size_t(width);
    while (first != end) {
        const int x = frame.columnOf(first->timeNs);
        const CounterPoint *last = first + 1;
        if (many) {
            // Galloping from the column's first write to the first one past its end (by time: no
            // division per probe), then halving: about twice the log of the column's writes.
            const double columnEnd = double(from) + double(x + 1) * frame.mapping.nsPerPixel;
            const auto inColumn = [&](const CounterPoint &p) { return double(p.timeNs) < columnEnd; };
            size_t step = 1;
            const CounterPoint *probe = first + 1;
            while (probe < end && inColumn(*probe)) {
                last = probe + 1;
                step *= 2;
                probe = first + std::min<size_t>(step, size_t(end - first));
            }
            last = std::partition_point(last, probe < end ? probe + 1 : end, inColumn);
            if (last == first)
                last = first + 1; // (a column's own first write, whatever rounding says)
        } else {
            while (last != end && frame.columnOf(last->timeNs) == x)
                ++last;
        }
        const CounterSeries::Extent extent = series.extentOf(size_t(first - points), size_t(last - points));
        const CounterPoint &final = *(last - 1);
        Column &column = m_columns[size_t(x)];
        const uint32_t lost = final.lostWrites - lostBefore;
        if (column.any) // (the last column also takes what rounding put past the chart's end)
            column = Column { std::min(column.low, extent.lowValue), std::max(column.high, extent.highValue),
                final.value, final.expected, column.lost + lost, true };
        else
            column = Column { extent.lowValue, extent.highValue, final.value, final.expected, lost, true };
        lostBefore = final.lostWrites;
        widen(extent.lowValue);
        widen(extent.highValue);
        widen(extent.lowExpected);
        widen(extent.highExpected);
        first = last;
    }
    // Columns without a write hold the value of the last one before them, up to the last write
    // known (a live run's later writes are not known yet).
    const CounterPoint &last = series.points().back();
    const int lastX = frame.mapping.xFloor(last.timeNs, frame.labelWidth() - 1, frame.labelWidth() + width - 1)
        - frame.labelWidth() + 1;
    int64_t value = before ? before->value : 0;
    int64_t expected = before ? before->expected : 0;
    if (before) {
        widen(value);
        widen(expected);
    }
    const int firstX = before
        ? 0
        : frame.mapping.xFloor(series.points().front().timeNs, frame.labelWidth(), frame.labelWidth() + width)
            - frame.labelWidth();
    for (int x = firstX; x < lastX; ++x) {
        Column &column = m_columns[size_t(x)];
        if (column.any) {
            value = column.last;
            expected = column.expected;
            continue;
        }
        column = Column { value, value, value, expected, 0, true };
    }
    return m_columns;
}

void CounterPainter::paint(QPainter &painter, const GanttFrame &frame, const CounterSeries &series, const QRect &bar,
    const StatePalette &palette)
{
    int64_t low = 0;
    int64_t high = 0;
    columns(frame, series, low, high);
    if (low > high)
        return;
    const int width = frame.chartWidth();
    // The scale: from the smallest to the largest value in view, with a margin.
    const int plotTop = bar.top() + 2;
    const int plotBottom = bar.bottom() - kDensityHeight - 2;
    // In doubles: a counter's values may be far enough apart to overflow an int64 difference.
    const double range = std::max(1.0, double(high) - double(low));
    auto yOf = [&](int64_t v) { return plotBottom - ((double(v) - double(low)) / range) * (plotBottom - plotTop); };
    QColor lostColour = palette.lostUpdatePen.color();
    QColor gap = lostColour;
    gap.setAlpha(70);
    const int left = frame.labelWidth();
    // The gap: what was lost, between the value and the expected value.
    for (int x = 0; x < width; ++x) {
        const Column &column = m_columns[size_t(x)];
        if (!column.any || column.expected == column.last)
            continue;
        const double y0 = yOf(column.expected);
        const double y1 = yOf(column.last);
        painter.fillRect(QRectF(left + x, std::min(y0, y1), 1, std::max(1.0, std::abs(y1 - y0))), gap);
    }
    // Many writes in one column: the range of values they left, a bar of the value's colour. The
    // lines join the columns' last values: polylines of cosmetic pens (one point per column; a
    // stroked path of every column's range cost most of a live frame).
    const QColor valueColour = palette.isDark() ? QColor(0x7f, 0xb8, 0xff) : QColor(0x1f, 0x5f, 0xbf);
    for (int x = 0; x < width; ++x) {
        const Column &column = m_columns[size_t(x)];
        if (!column.any || column.low == column.high)
            continue;
        const double top = yOf(column.high);
        painter.fillRect(QRectF(left + x, top, 1, std::max(1.0, yOf(column.low) - top)), valueColour);
    }
    QPen expectedPen(QColor(palette.text.red(), palette.text.green(), palette.text.blue(), 150), 1, Qt::DashLine);
    expectedPen.setCosmetic(true);
    // (A cosmetic pen 1 px wide is drawn by Qt's fast stroker; a wider one by the general one.)
    QPen valuePen(valueColour, 1);
    valuePen.setCosmetic(true);
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPolygonF expectedLine;
    QPolygonF valueLine;
    auto flush = [&] {
        if (valueLine.size() > 1) {
            painter.setPen(expectedPen);
            painter.drawPolyline(expectedLine);
            painter.setPen(valuePen);
            painter.drawPolyline(valueLine);
        } else if (valueLine.size() == 1) {
            painter.setPen(valuePen);
            painter.drawPoint(valueLine.front());
        }
        expectedLine.clear();
        valueLine.clear();
    };
    for (int x = 0; x < width; ++x) {
        const Column &column = m_columns[size_t(x)];
        if (!column.any) {
            flush();
            continue;
        }
        const double cx = left + x + 0.5;
        expectedLine.append(QPointF(cx, yOf(column.expected)));
        valueLine.append(QPointF(cx, yOf(column.last)));
    }
    flush();
    painter.setRenderHint(QPainter::Antialiasing, false);
    // How many writes lost updates in each column: darker for more.
    uint32_t most = 0;
    for (const Column &column : m_columns)
        most = std::max(most, column.lost);
    if (most == 0)
        return;
    for (int x = 0; x < width; ++x) {
        const uint32_t lost = m_columns[size_t(x)].lost;
        if (lost == 0)
            continue;
        QColor tick = lostColour;
        tick.setAlpha(90 + int(165.0 * double(lost) / double(most)));
        painter.fillRect(QRect(left + x, bar.bottom() - kDensityHeight + 1, 1, kDensityHeight), tick);
    }
}

} // namespace threadlab
