#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace threadlab {

// Maps trace time (absolute ns) to x pixels and back: `startNs` sits at x = `left`.
struct TimeMapping
{
    int64_t startNs = 0;
    double nsPerPixel = 1'000'000;
    int left = 0;

    // In doubles: a damaged trace's times can be far enough apart to overflow an int64 difference.
    double timeToX(int64_t t) const { return left + (double(t) - double(startNs)) / nsPerPixel; }
    // The pixel column where time t starts (floor) or ends (ceil), clamped to [lo, hi] before it
    // becomes an int.
    int xFloor(int64_t t, int lo, int hi) const
    {
        return int(std::clamp(std::floor(timeToX(t)), double(lo), double(hi)));
    }
    int xCeil(int64_t t, int lo, int hi) const
    {
        return int(std::clamp(std::ceil(timeToX(t)), double(lo), double(hi)));
    }
    int64_t xToTime(double x) const { return startNs + int64_t(std::llround((x - left) * nsPerPixel)); }
    int64_t endNs(int width) const { return startNs + int64_t(std::ceil(width * nsPerPixel)); }

    // Zoom by factor (>1 zooms in) keeping the time under pixel x where it is.
    TimeMapping zoomedAt(double x, double factor) const
    {
        const int64_t anchor = xToTime(x);
        TimeMapping zoomed = *this;
        zoomed.nsPerPixel = nsPerPixel / factor;
        zoomed.startNs = anchor - int64_t(std::llround((x - left) * zoomed.nsPerPixel));
        return zoomed;
    }
};

} // namespace threadlab
