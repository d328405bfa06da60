#pragma once

#include "base/result.h"

#include <QJsonObject>

class QIODevice;

namespace threadlab {

struct RecordedRun;

// The Chrome trace event format, which Perfetto and chrome://tracing open: process and thread
// names with sort indexes (M), tasks and state segments as complete slices in microseconds (X),
// prints as instants (i), flows from a lock release to the wait it ended and from a finished task
// to the main lane that received its result (s/f), and counters (C) for the shared counters and
// for the number of running lanes. With OS scheduler data, Running slices name their CPU and a
// "CPUs" process has a track per CPU.
class ChromeTraceExport
{
public:
    static constexpr int kMaxCounterPoints = 100'000; // per counter; denser series are thinned evenly
    static constexpr qint64 kCpusPid = 0x7ffffff0; // the "CPUs" process: no real pid is this large

    static QJsonObject build(const RecordedRun &recording);
    static Result<void> write(const RecordedRun &recording, QIODevice &out);
};

} // namespace threadlab
