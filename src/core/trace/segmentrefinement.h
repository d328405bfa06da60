#pragma once

#include "base/podvector.h"
#include "trace/schedtrace.h"
#include "trace/segment.h"

#include <span>

namespace threadlab {

struct Trace;

// How SchedModel cuts a lane's segments by what the kernel saw (schedmodel.cpp, schedwaits.cpp).

// Pieces of one lane's segments, in time order, with their Running ones cut by the lane's OS slices:
// Running where the thread was on a CPU, Runnable where it waited for one, and (exact data only)
// Sleeping where it was blocked. With blocked stretches (a traced program's system calls), every
// piece in a kernel state is cut so, and a blocked stretch takes its state and object.
PodVector<Segment> refinedSegments(std::span<const Segment> pieces, std::span<const OsSlice> os, bool exact,
    std::span<const BlockedStretch> blocked = {});

// Adds (sign +1) or takes away (-1) the segments' durations to their tasks' state totals.
void addStateTimes(Trace &trace, std::span<const Segment> segments, int64_t sign);

} // namespace threadlab
