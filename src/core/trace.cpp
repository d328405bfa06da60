#include "trace.h"

#include <algorithm>

namespace threadlab {

std::span<const Segment> Trace::segmentsIn(size_t lane, int64_t fromNs, int64_t toNs) const
{
    const std::vector<Segment> &segments = lanes.at(lane).segments;
    const auto first = std::partition_point(
        segments.begin(), segments.end(), [fromNs](const Segment &s) { return s.endNs <= fromNs; });
    const auto last
        = std::partition_point(first, segments.end(), [toNs](const Segment &s) { return s.startNs < toNs; });
    return { first, last };
}

const LaneTrack *Trace::mainLane() const
{
    for (const LaneTrack &lane : lanes) {
        if (lane.info.kind == LaneKind::Main)
            return &lane;
    }
    return nullptr;
}

QString Trace::objectName(uint32_t id) const
{
    return id < objects.size() ? objects[id].name : QString();
}

} // namespace threadlab
