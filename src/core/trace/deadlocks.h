#pragma once

#include "trace/deadlock.h"

#include <QString>
#include <QStringList>
#include <vector>

class QDataStream;

namespace threadlab {

class BoundedReader;
struct Trace;

// Two or more lanes that took the same locks in orders that form a cycle (A then B on one lane,
// B then A on another): they did not deadlock in this run, but they can in the next one. As
// ThreadSanitizer's lock-order-inversion report, found from every lane's acquires and releases.
struct PotentialDeadlock
{
    std::vector<uint32_t> locks; // in the cycle's order
    std::vector<uint32_t> lanes; // the lane that took each lock of the cycle while holding the one before
    std::vector<int64_t> timesNs; // when each of those acquires happened
};

namespace Deadlocks {

// A deadlock's cycle flag, time and links as bytes (for trace files and worker messages; `found` is
// the caller's), and back: read() checks the structure and the states; which lanes, tasks and
// objects its numbers name is the caller's to check.
void write(QDataStream &stream, const Deadlock &deadlock);
bool read(BoundedReader &in, Deadlock &deadlock, quint64 maxLinks, quint64 maxHolds);

// "lock 'A'", "semaphore 'connections'", "the join of task 'worker'": what a deadlocked lane waits for.
QString waitedObject(const Trace &trace, State state, uint32_t object);
// One sentence per lane: "add_2 holds lock 'A' and waits for lock 'B' (held by sub_4)".
QStringList explain(const Trace &trace, const Deadlock &deadlock);

// The lock-order cycles of a trace (locks and rlocks, within one process), at most kMaxReported.
constexpr size_t kMaxReported = 16;
std::vector<PotentialDeadlock> potential(const Trace &trace);
// "sub_4 took lock 'A' while holding lock 'B' at 12.3 ms", one per lane of the cycle.
QStringList explain(const Trace &trace, const PotentialDeadlock &potential);

} // namespace Deadlocks

} // namespace threadlab
