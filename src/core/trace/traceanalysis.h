#pragma once

#include "base/state.h"
#include "trace/segment.h"

#include <QString>
#include <array>
#include <optional>
#include <vector>

namespace threadlab {

struct Event;

struct LaneTrack;
struct OsSlice;
struct Trace;

// Who held a lock, and from when to when.
struct LockHold
{
    int lane = -1;
    int64_t startNs = 0; // its acquire
    int64_t endNs = 0; // its release (the end of the wait if it did not release)
};

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
    // The hold that a LockWait segment of `lane` waited for: the lane whose release ended the wait
    // (or, for a wait that did not end, the holder when it began), with that hold's acquire and
    // release. Nothing when the segment is not a LockWait or the holder is unknown.
    static std::optional<LockHold> lockHolder(const Trace &trace, int lane, const Segment &wait);
    // The lane whose notify (a ConditionWait) or arrival (a BarrierWait) ended the wait, with the
    // moment it did (startNs = endNs); for a LockWait or SemaphoreWait, lockHolder(). Nothing if the
    // wait did not end that way.
    static std::optional<LockHold> waitEnder(const Trace &trace, int lane, const Segment &wait);
    // The CPU a lane's thread was on at t, from the OS scheduler's data; -1 when not on one or not known.
    static int cpuAt(const LaneTrack &lane, int64_t t);
    // The lane's last stretch on a CPU that began before t (where its thread ran last), or null.
    static const OsSlice *lastOnCpuBefore(const LaneTrack &lane, int64_t t);
    // Where lanes take turns holding the (simulated) GIL too quickly to see on the whole run: a
    // window of about 20 turns from the middle of the turn-taking, and the typical turn. Nothing
    // when fewer than two lanes waited for the GIL or the turns are wide enough already (over
    // 1/150 of the run).
    struct TurnWindow
    {
        int64_t startNs = 0;
        int64_t spanNs = 0;
        int64_t turnNs = 0;
    };
    static std::optional<TurnWindow> gilTurnWindow(const Trace &trace);
    // The item the lane last took from a queue at or before t (its QueueGet mark), or nullptr: what
    // a worker that loops on a queue is working on.
    static const Event *lastQueueGet(const LaneTrack &lane, int64_t t);
    // The item a segment's task was working on: the lane's last get before the segment, if its
    // task took it (nullptr otherwise).
    static const Event *itemWorkedOn(const Trace &trace, const LaneTrack &lane, const Segment &segment);
    // When the tasks took under 5% of the run (the rest is starting and ending it), the stretch they
    // took with a margin each side (turnNs: how long they took).
    static std::optional<TurnWindow> tasksWindow(const Trace &trace);
    // The first moment after t at which a lane's state changes (a closed segment starts), or
    // INT64_MAX: replay's "step".
    static int64_t nextStateChange(const Trace &trace, int64_t afterNs);
};

} // namespace threadlab
