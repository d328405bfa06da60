#pragma once

#include "base/event.h"
#include "trace/schedtrace.h"
#include "trace/segment.h"

#include <QString>

namespace threadlab {

struct Trace;
struct CounterPoint;
class CounterSeries;

// What is under the pointer on one lane at one time.
struct GanttHit
{
    enum Kind { None, SegmentHit, MarkHit, LostUpdateHit, CpuSliceHit, LockRowHit, CounterRowHit, QueueRowHit };
    Kind kind = None;
    int lane = -1;
    Segment segment; // SegmentHit (the open segment ends at "now")
    bool open = false; // the segment is the lane's current state
    Event event; // MarkHit, LostUpdateHit
    int64_t atNs = 0; // the time under the pointer
    int cpu = -1; // CpuSliceHit: index into Trace::cpus
    CpuSlice cpuSlice; // CpuSliceHit; its lane is the lane hit (-1: another process)
    uint32_t lock = kNoObject; // LockRowHit: the lock; lane is its holder (-1: free), segment the hold
    int counter = -1; // CounterRowHit: index into Trace::counters
    int64_t lostWriteNs = -1; // CounterRowHit: a write that lost updates near the pointer
    uint32_t queue = kNoObject; // QueueRowHit: the queue; event.object the item under the pointer (or kNoObject)
    int64_t putNs = 0; // QueueRowHit: when that item went in

    // Finds a point event within toleranceNs of t first (they are small), then the segment at t.
    static GanttHit at(const Trace &trace, int lane, int64_t t, int64_t toleranceNs, int64_t nowNs);
    // The Cores view: the slice of CPU track `cpu` at t, if it was not idle then.
    static GanttHit atCpu(const Trace &trace, int cpu, int64_t t);
    // A lock's row: who held `lock` at t (a LockRowHit even when it was free).
    static GanttHit atLock(const Trace &trace, uint32_t lock, int64_t t);
    // A counter's row: its value at t, and a write that lost updates within toleranceNs.
    static GanttHit atCounter(const Trace &trace, int counter, int64_t t, int64_t toleranceNs);
    // A queue's row at t, `y` pixels into a bar `barHeight` tall: the item drawn there, if any.
    static GanttHit atQueue(const Trace &trace, uint32_t queue, int64_t t, int y, int barHeight);
    // Tooltip text: lane, state, start and duration (from the run's start), task, object, holder.
    static QString describe(const Trace &trace, const GanttHit &hit);
    // A write that lost updates, in words: who read what, whose writes it erased, the values after.
    static QString describeLostWrite(const Trace &trace, const CounterSeries &series, const CounterPoint &write);
};

} // namespace threadlab
