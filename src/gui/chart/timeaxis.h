#pragma once

#include "chart/timemapping.h"

#include <QString>
#include <vector>

namespace threadlab {

struct AxisTick
{
    int64_t timeNs = 0; // absolute
    double x = 0;
    QString label;
};

// Tick marks for a time axis: steps of 1, 2 or 5 times a power of ten (ns up to hours), at least
// minSpacing pixels apart; labels are times since originNs in the unit that suits the step.
class TimeAxis
{
public:
    static int64_t step(double nsPerPixel, int minSpacingPx);
    static QString format(int64_t ns, int64_t stepNs);
    static std::vector<AxisTick> ticks(const TimeMapping &mapping, int width, int64_t originNs, int minSpacingPx = 90);
    // Where a tick's label of this width goes: right of the tick, or left of it where it would
    // pass rightEdge, so that no label is cut.
    static double labelLeft(double tickX, int labelWidth, int rightEdge);
};

} // namespace threadlab
