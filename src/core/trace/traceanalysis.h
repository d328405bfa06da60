#pragma once

#include "base/state.h"

#include <QString>
#include <array>
#include <vector>

namespace threadlab {

struct Trace;

struct ConcurrencyPoint
{
    int64_t timeNs = 0; // absolute
    int running = 0; // lanes Running from here on
};

struct LockWaitDistribution
{
    QString lock;
    int waits = 0;
    double minMs = 0;
    double medianMs = 0;
    double p95Ms = 0;
    double maxMs = 0;
};

struct LaneStateTotals
{
    int lane = -1;
    QString name;
    std::array<double, kStateCount> ms {};
};

// Figures the chart panels and exporters derive from a trace.
class TraceAnalysis
{
public:
    // The number of lanes in the Running state, as it changes (one point per change).
    static std::vector<ConcurrencyPoint> runningLanes(const Trace &trace);
    // The same, thinned to at most maxPoints (each keeps the highest count of its stretch).
    static std::vector<ConcurrencyPoint> runningLanes(const Trace &trace, size_t maxPoints);
    static std::vector<LockWaitDistribution> lockWaits(const Trace &trace);
    static std::vector<LaneStateTotals> stateTotals(const Trace &trace);
};

} // namespace threadlab
