#pragma once

#include "trace/schedrecord.h"

#include <span>

namespace threadlab {

struct Trace;

// Turns what the kernel's scheduler did into the trace: each lane's OS slices (on which CPU,
// ready but waiting) and counts, one track per CPU, and then the lanes' segments refined by them.
// Threads that are not a lane's are never named.
class SchedModel
{
public:
    // Exact: every switch and wake-up, in any order (sorted here), until endNs.
    static void applyExact(Trace &trace, std::span<const SchedRecord> records, int cpuCount, int64_t endNs);
    // Sampled: each lane's thread looked at every millisecond or so, in any order.
    static void applySamples(Trace &trace, std::span<const ThreadSample> samples, int cpuCount);

    // What we recorded as Running, where the kernel says otherwise: the thread was Runnable
    // (ready, not on a CPU) or blocked (shown as Sleeping). Tasks' state totals follow.
    // Our other states (lock, queue, sleep, GIL waits…) stay as recorded. Each segment is refined
    // once: what an earlier call refined stays.
    static void refineSegments(Trace &trace);
    // The same while the trace grows, up to untilNs (where the scheduler's data are complete): the
    // lanes' open segments are cut there. Events that reach the trace later than that are moved to
    // it (see TraceBuilder::lateEvents()).
    static void refineSegmentsSoFar(Trace &trace, int64_t untilNs);

    // The most lanes in Running at one instant: with exact data, never more than the CPUs.
    static int maxRunningLanes(const Trace &trace);
};

} // namespace threadlab
