#pragma once

#include "base/event.h"
#include "base/lane.h"
#include "base/podvector.h"
#include "scenario/scenario.h"
#include "trace/counterseries.h"
#include "trace/deadlock.h"
#include "trace/queuestays.h"
#include "trace/schedtrace.h"
#include "trace/segment.h"
#include "trace/segmentlod.h"
#include "trace/tracedprogram.h"

#include <QString>
#include <array>
#include <map>
#include <span>
#include <vector>

namespace threadlab {

struct LaneTrack
{
    LaneInfo info;
    PodVector<Segment> segments; // closed, in time order, non-overlapping
    SegmentLod lod; // summary of segments for windows where many fall into one pixel
    // Point events in time order, by kind so that views can cull each cheaply:
    PodVector<Event> marks; // print marks, results, queue puts/gets, event set/clear
    PodVector<Event> lockEvents; // acquire, release
    PodVector<Event> counterEvents; // counter reads and writes
    PodVector<Event> lostUpdates; // writes that overwrote other lanes' updates
    int64_t beginNs = -1;
    int64_t endNs = -1;
    bool hasOpenSegment = false;
    Segment open; // the state the lane is in now (endNs = time of its last event)
    int currentTask = -1;
    std::vector<std::pair<uint32_t, int64_t>> heldLocks; // (lock, since)
    // The OS scheduler's view of the lane's thread, when captured (see Trace::sched).
    PodVector<OsSlice> os;
    LaneSched sched;
    int64_t refinedUntilNs = INT64_MIN; // up to here, the segments are refined by `os` (SchedModel)
};

struct TaskRecord
{
    QString name;
    int lane = -1;
    int64_t beginNs = -1;
    int64_t endNs = -1;
    TaskOutcome outcome = TaskOutcome::Completed;
    std::array<int64_t, kStateCount> stateNs {};
    QString error; // why it failed
};

struct LockRecord
{
    QString name;
    int64_t acquisitions = 0;
    int64_t contended = 0;
    int64_t waitNsTotal = 0;
    int64_t waitNsMax = 0;
    int64_t holdNsTotal = 0;
    int64_t reentries = 0; // an rlock taken again by the lane that held it
};

// A lock wait ended by another lane's release: the release on fromLane handed the lock to toLane.
struct LockHandoff
{
    uint32_t lock = kNoObject;
    uint32_t fromLane = 0;
    uint32_t toLane = 0;
    int64_t waitStartNs = 0;
    int64_t acquiredNs = 0;
};

// The recorded run: lanes of state segments, point events and relations, plus per-task and per-lock
// statistics kept up to date as events arrive (see TraceBuilder).
struct Trace
{
    int64_t originNs = 0; // the run's time zero
    int64_t lastEventNs = 0;
    std::vector<ObjectSpec> objects;
    std::vector<LaneTrack> lanes;
    std::vector<TaskRecord> tasks;
    std::map<uint32_t, LockRecord> locks;
    std::vector<LockHandoff> handoffs;
    std::vector<int> resultsOrder; // task instances in the order their results reached the main lane
    uint64_t eventCount = 0;
    SchedInfo sched; // where the OS scheduling data came from
    std::vector<CpuTrack> cpus; // one per CPU, when captured
    CounterSeriesSet counters; // each shared counter's value over time, derived from the lanes' events
    QueueStaysSet queueStays; // each queue's contents over time, derived from the lanes' puts and gets
    Deadlock deadlock; // found while the run went on (the run then stopped)
    uint32_t markKinds = 0; // bit (1 << EventKind) for each kind of point event in the lanes' marks
    std::vector<TracedProcess> processes; // a traced program's processes (a scenario's run: none)

    bool hasMarks(EventKind kind) const { return (markKinds >> unsigned(kind)) & 1u; }

    // Closed segments of a lane that overlap [fromNs, toNs).
    std::span<const Segment> segmentsIn(size_t lane, int64_t fromNs, int64_t toNs) const;
    // Point events of a kind list that fall into [fromNs, toNs).
    static std::span<const Event> eventsIn(std::span<const Event> events, int64_t fromNs, int64_t toNs);
    // Bytes the trace holds (capacity, not size), for the memory-per-event figure.
    size_t memoryBytes() const;
    // Gives back the growth slack of every vector, once the run has ended.
    void shrinkToFit();
    const LaneTrack *mainLane() const;
    QString objectName(uint32_t id) const;
    QString laneName(int64_t lane) const; // empty for a lane it does not have
    const TracedProcess *process(qint64 pid) const; // a traced program's process, or nullptr
};

} // namespace threadlab
