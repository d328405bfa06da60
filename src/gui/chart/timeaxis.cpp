#include "chart/timeaxis.h"

#include "base/coretext.h"

#include <cstdlib>

namespace threadlab {

int64_t TimeAxis::step(double nsPerPixel, int minSpacingPx)
{
    const double minimum = nsPerPixel * minSpacingPx;
    int64_t power = 1;
    for (;;) {
        for (int64_t factor : { 1, 2, 5 }) {
            if (double(power * factor) >= minimum)
                return power * factor;
        }
        if (power > int64_t(1e15))
            return power;
        power *= 10;
    }
}

QString TimeAxis::format(int64_t ns, int64_t stepNs)
{
    struct Unit
    {
        int64_t ns;
        const char16_t *name;
    };
    static const Unit units[] = { { 1'000'000'000, u"s" }, { 1'000'000, u"ms" }, { 1'000, u"µs" }, { 1, u"ns" } };
    const int64_t magnitude = std::max(std::abs(ns), stepNs);
    for (const Unit &unit : units) {
        if (magnitude >= unit.ns || unit.ns == 1) {
            // Enough decimals to tell neighbouring ticks apart.
            int decimals = 0;
            for (int64_t resolution = unit.ns; resolution > stepNs && decimals < 6; resolution /= 10)
                ++decimals;
            return QString::number(double(ns) / double(unit.ns), 'f', decimals) + u' ' + QString::fromUtf16(unit.name);
        }
    }
    return QString::number(ns) + Text::tr(" ns");
}

std::vector<AxisTick> TimeAxis::ticks(const TimeMapping &mapping, int width, int64_t originNs, int minSpacingPx)
{
    std::vector<AxisTick> ticks;
    if (width <= 0 || mapping.nsPerPixel <= 0)
        return ticks;
    const int64_t stepNs = step(mapping.nsPerPixel, minSpacingPx);
    const int64_t from = mapping.startNs - originNs;
    const int64_t to = mapping.endNs(width) - originNs;
    int64_t t = (from / stepNs) * stepNs;
    if (t < from)
        t += stepNs;
    for (; t <= to; t += stepNs)
        ticks.push_back(AxisTick { originNs + t, mapping.timeToX(originNs + t), format(t, stepNs) });
    return ticks;
}

double TimeAxis::labelLeft(double tickX, int labelWidth, int rightEdge)
{
    constexpr double kGap = 3;
    return tickX + kGap + labelWidth <= rightEdge ? tickX + kGap : tickX - kGap - labelWidth;
}

} // namespace threadlab
