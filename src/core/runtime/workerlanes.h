#pragma once

#include "base/event.h"
#include "base/lane.h"

#include <QString>
#include <map>

namespace threadlab {

class LaneBuffer;

// A worker process's lanes as mirrored into the parent's recorder, and the check of every event the
// worker sends for them. A worker is our own program, but its bytes cross a process boundary: an
// event is mirrored only if its kind is one a worker records, its lane is one the worker announced,
// its time does not go back on that lane, and every task, object and lane it names exists. Lane ids
// in an event (its lane, a lock holder) are translated from the worker's ids to the parent's.
class WorkerLanes
{
public:
    static constexpr int64_t kMaxAheadNs = 1'000'000'000; // events from the future are refused

    WorkerLanes(size_t tasks, size_t objects);

    // The worker announced its lane `workerLane`, mirrored here as `mirror`.
    void add(uint32_t workerLane, LaneBuffer *mirror);
    // Checks one event, translates its lane ids and records it on its mirror lane. Returns empty,
    // or what is wrong with the event (then nothing is recorded). `task` is the task instance the
    // worker was told to run (-1: none).
    QString mirror(Event event, int task, int64_t nowNs);
    // The mirror of the worker's lane, or -1.
    int mirrorOf(int64_t workerLane) const;

    auto begin() const { return m_lanes.begin(); }
    auto end() const { return m_lanes.end(); }
    bool empty() const { return m_lanes.empty(); }
    size_t size() const { return m_lanes.size(); }

    struct Lane
    {
        LaneBuffer *mirror = nullptr;
        int64_t lastNs = 0; // times are on the monotonic clock: an event before 0 is out of order too
    };

private:
    QString checkObjects(const Event &event, int task) const;

    size_t m_tasks;
    size_t m_objects;
    std::map<uint32_t, Lane> m_lanes; // by the worker's lane id
};

} // namespace threadlab
