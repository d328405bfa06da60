#pragma once

#include "base/state.h"
#include "trace/segment.h"

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace threadlab {

// Level-of-detail summary of one lane's segments: a 16-ary tree over the segment index. Each node
// knows its time span and how much of it each state took, kept exact while the lane grows. dominantStates() fills one
// entry per pixel column by visiting only nodes that straddle a column boundary, so its cost follows the number of
// columns, not of segments.
class SegmentLod
{
public:
    static constexpr int kFanout = 16;
    static constexpr int kLevels = 6; // the top level covers 16^6 segments per node
    static constexpr uint8_t kNoState = 0xff;

    struct Node
    {
        int64_t startNs = 0;
        int64_t endNs = 0;
        std::array<float, kStateCount> stateNs {};
    };

    void append(const Segment &segment);
    // The last segment grew (same state): it now ends at endNs.
    void extendLast(const Segment &last, int64_t previousEndNs);
    // Forgets every segment after `kept` (the lane's first kept.size() segments, as they are now):
    // the nodes that covered them are summed afresh, so that later segments can be appended.
    void truncate(std::span<const Segment> kept);

    // out[i] = dominant state (as uint8_t) of [fromNs + i * nsPerColumn, fromNs + (i + 1) * nsPerColumn),
    // or kNoState where no segment lies.
    void dominantStates(std::span<const Segment> segments, int64_t fromNs, double nsPerColumn, int columns,
        std::vector<uint8_t> &out) const;

    std::span<const Node> nodes(int level) const { return m_levels.at(size_t(level)); }
    size_t memoryBytes() const;
    void shrinkToFit();
    size_t segmentCount() const { return m_segments; }

private:
    struct Accumulator;
    void addToLastNodes(State state, int64_t durationNs);
    void visit(int level, size_t index, std::span<const Segment> segments, Accumulator &acc) const;
    void visitSegment(const Segment &segment, Accumulator &acc) const;

    std::array<std::vector<Node>, kLevels> m_levels;
    size_t m_segments = 0;
};

} // namespace threadlab
