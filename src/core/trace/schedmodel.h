#pragma once

#include "trace/schedrecord.h"
#include "trace/schedtrace.h"

#include <span>
#include <vector>

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

    // Exact data with a traced program's system calls: the stretches in which each lane's thread was
    // blocked (from a switch away that blocked to its wake-up), each with the system call it was in
    // then; per lane (by index), in time order. Lanes whose thread has no recorded call get none.
    // In schedwaits.cpp.
    static std::vector<std::vector<BlockedStretch>> blockedStretches(
        const Trace &trace, std::span<const SchedRecord> records, std::span<const SyscallRecord> calls, int64_t endNs);
    // Then, once refineSegments() has run, each lane that has stretches follows the kernel
    // entirely: Running and Runnable where the switches say so (also inside a wait that /proc looks
    // drew late or long), each blocked stretch in its state and object. Other states (Starting) stay.
    // Tasks' state totals and the level-of-detail summaries follow. blocked: per lane, by index.
    static void applyBlockedStretches(Trace &trace, std::span<const std::vector<BlockedStretch>> blocked);

    // The most lanes in Running at one instant: with exact data, never more than the CPUs.
    static int maxRunningLanes(const Trace &trace);
};

} // namespace threadlab
