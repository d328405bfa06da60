#include "trace/trace.h"

#include <algorithm>

namespace threadlab {

std::span<const Segment> Trace::segmentsIn(size_t lane, int64_t fromNs, int64_t toNs) const
{
    const std::span<const Segment> segments = lanes.at(lane).segments;
    const auto first = std::partition_point(
        segments.begin(), segments.end(), [fromNs](const Segment &s) { return s.endNs <= fromNs; });
    const auto last
        = std::partition_point(first, segments.end(), [toNs](const Segment &s) { return s.startNs < toNs; });
    return { first, last };
}

std::span<const Event> Trace::eventsIn(std::span<const Event> events, int64_t fromNs, int64_t toNs)
{
    const auto first
        = std::partition_point(events.begin(), events.end(), [fromNs](const Event &e) { return e.timeNs < fromNs; });
    const auto last = std::partition_point(first, events.end(), [toNs](const Event &e) { return e.timeNs < toNs; });
    return { first, last };
}

size_t Trace::memoryBytes() const
{
    size_t bytes = sizeof(*this) + lanes.capacity() * sizeof(LaneTrack) + handoffs.capacity() * sizeof(LockHandoff)
        + tasks.capacity() * sizeof(TaskRecord) + resultsOrder.capacity() * sizeof(int);
    for (const LaneTrack &lane : lanes) {
        bytes += lane.segments.capacity() * sizeof(Segment) + lane.lod.memoryBytes()
            + (lane.marks.capacity() + lane.lockEvents.capacity() + lane.counterEvents.capacity()
                  + lane.lostUpdates.capacity())
                * sizeof(Event);
    }
    for (const CounterSeries &series : counters.all())
        bytes += series.memoryBytes();
    return bytes;
}

void Trace::shrinkToFit()
{
    for (LaneTrack &lane : lanes) {
        lane.segments.shrink_to_fit();
        lane.lod.shrinkToFit();
        lane.marks.shrink_to_fit();
        lane.lockEvents.shrink_to_fit();
        lane.counterEvents.shrink_to_fit();
        lane.lostUpdates.shrink_to_fit();
    }
    handoffs.shrink_to_fit();
}

const LaneTrack *Trace::mainLane() const
{
    for (const LaneTrack &lane : lanes) {
        if (lane.info.kind == LaneKind::Main)
            return &lane;
    }
    return nullptr;
}

QString Trace::laneName(int64_t lane) const
{
    return lane >= 0 && size_t(lane) < lanes.size() ? lanes[size_t(lane)].info.name : QString();
}

const TracedProcess *Trace::process(qint64 pid) const
{
    const auto it
        = std::find_if(processes.begin(), processes.end(), [pid](const TracedProcess &p) { return p.pid == pid; });
    return it == processes.end() ? nullptr : &*it;
}

QString Trace::objectName(uint32_t id) const
{
    return id < objects.size() ? objects[id].name : QString();
}

} // namespace threadlab
