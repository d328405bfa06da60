#pragma once

#include "base/result.h"

#include <cstdint>

class QIODevice;

namespace threadlab {

struct RecordedRun;

// The Chrome trace event format, which Perfetto, chrome://tracing, Chrome DevTools and speedscope
// open: process and thread names with sort indexes (M), tasks and state segments as complete
// slices (X), prints as instants (i), flows from a lock release to the wait it ended and from a
// finished task to the main lane that received its result (s/f), and counters (C) for the shared
// counters and the number of running lanes. With OS scheduler data, Running slices name their CPU
// and a "CPUs" process has a track per CPU.
//
// Exact for every reader: times are multiples of 1/1024 µs taken from the integer nanoseconds, so
// that ts and ts + dur parsed as doubles are exact and slices nest and follow each other as they
// did (no rounding lets a slice end after the next one begins). Flow events carry the ts and cat
// of the slice they belong to (DevTools binds them by that; the spec's enclosing-slice rule agrees).
// Processes and threads are numbered in the chart's order, main lane first, for readers that sort
// by id; the OS pid and tid are in their names and args. Written as it goes (JsonStream).
class ChromeTraceExport
{
public:
    static constexpr int kMaxCounterPoints = 100'000; // per counter; denser series are thinned evenly

    // Nanoseconds since the trace's origin -> the export's time unit, 1/1024 µs (rounded down).
    static int64_t ticks(int64_t nsSinceOrigin);

    static Result<void> write(const RecordedRun &recording, QIODevice &out);
};

} // namespace threadlab
