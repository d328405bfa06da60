#pragma once

#include <QString>
#include <vector>

namespace threadlab {

struct Trace;

struct LaneRow
{
    enum Kind { ProcessHeader, Lane, Cpu, Lock, Counter, Queue };
    Kind kind = Lane;
    // Lane rows: index into Trace::lanes; Cpu rows: into Trace::cpus; Lock rows: the lock's object
    // id; Counter rows: index into Trace::counters; Queue rows: the queue's object id.
    int lane = -1;
    int y = 0; // top, in content coordinates
    int height = 0;
    QString label;
};

// Rows of the chart: the run's locks first (a row each: who holds it), its shared counters (value
// against expected), its queues (each item from put to get), then lanes grouped by
// process (the run's own process first, its main lane on top, then each worker process), each group
// under a header row.
class LaneLayout
{
public:
    static constexpr int kLaneHeight = 22;
    static constexpr int kHeaderHeight = 18;
    static constexpr int kCounterHeight = 46;

    static std::vector<LaneRow> build(const Trace &trace, qint64 ownPid);
    // A process group's header: "pid 4711 · this process", or a traced program's command line.
    static QString processHeader(const Trace &trace, qint64 pid, qint64 ownPid);
    // The Cores view: a header saying where the data came from, then one row per CPU with its load.
    static std::vector<LaneRow> buildCores(const Trace &trace);
    static int contentHeight(const std::vector<LaneRow> &rows);
    // The row at content y, or -1.
    static int rowAt(const std::vector<LaneRow> &rows, int y);
};

} // namespace threadlab
