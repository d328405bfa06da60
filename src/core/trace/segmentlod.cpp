#include "trace/segmentlod.h"

#include <algorithm>
#include <cmath>

namespace threadlab {

namespace {
// Nodes up to this many columns wide are shared out between their columns instead of descended into:
// the picture is smoothed over at most this many pixels, and the cost per lane stays near its width.
constexpr double kShareColumns = 4.0;
} // namespace

// Streams contributions in time order and writes each column's dominant state once it is complete.
struct SegmentLod::Accumulator
{
    Accumulator(int64_t from, double nsPerColumn, int columns, std::vector<uint8_t> &out)
        : fromNs(from)
        , nsPerColumn(nsPerColumn)
        , columnsPerNs(1.0 / nsPerColumn)
        , columns(columns)
        , windowEndNs(from + int64_t(std::ceil(columns * nsPerColumn)))
        , out(out)
    { }

    int64_t fromNs;
    double nsPerColumn;
    double columnsPerNs;
    int columns;
    int64_t windowEndNs;
    std::vector<uint8_t> &out;
    int column = -1;
    // In floats, as the nodes keep them: the adds of a whole node go four or eight at a time (the
    // frame's largest cost with many segments), and which state is largest is all that is asked.
    std::array<float, kStateCount> durations {};

    // floor and ceil by hand: on the baseline x86-64 the library's are calls, and these run for
    // every lane and column of a frame.
    static int64_t floorOf(double x)
    {
        const auto i = int64_t(x);
        return i - (double(i) > x ? 1 : 0);
    }
    static int64_t ceilOf(double x)
    {
        const auto i = int64_t(x);
        return i + (double(i) < x ? 1 : 0);
    }
    int columnOf(int64_t t) const
    {
        // (clamped: a segment far outside a zoomed-in window is more columns away than an int holds)
        return int(floorOf(std::clamp(double(t - fromNs) * columnsPerNs, -2.0, double(columns) + 2.0)));
    }
    int64_t columnStart(int c) const { return fromNs + ceilOf(c * nsPerColumn); }

    void flush()
    {
        if (column >= 0 && column < columns) {
            const auto best = std::max_element(durations.begin(), durations.end());
            if (*best > 0)
                out[size_t(column)] = uint8_t(best - durations.begin());
        }
        durations.fill(0);
    }
    void move(int c)
    {
        if (c != column) {
            flush();
            column = c;
        }
    }
    void add(int c, State state, int64_t ns)
    {
        move(c);
        durations[size_t(state)] += float(std::max<int64_t>(ns, 1));
    }
    void add(int c, const Node &node, float share = 1.0f)
    {
        move(c);
        // Through copies, so that the compiler knows the two arrays apart and adds them as vectors.
        std::array<float, kStateCount> sum = durations;
        const std::array<float, kStateCount> times = node.stateNs;
        for (size_t i = 0; i < sum.size(); ++i)
            sum[i] += times[i] * share;
        durations = sum;
    }
    // Columns [first, last] lie wholly inside one span of `state`.
    void fill(int first, int last, State state)
    {
        if (first > last)
            return;
        flush();
        column = -1;
        const int from = std::max(first, 0);
        const int to = std::min(last, columns - 1);
        if (from <= to)
            std::fill(out.begin() + from, out.begin() + to + 1, uint8_t(state));
    }
};

void SegmentLod::addToLastNodes(State state, int64_t durationNs)
{
    for (auto &nodes : m_levels)
        nodes.back().stateNs[size_t(state)] += float(durationNs);
}

void SegmentLod::append(const Segment &segment)
{
    size_t span = kFanout; // segments per node at this level
    for (int level = 0; level < kLevels; ++level) {
        auto &nodes = m_levels[size_t(level)];
        if (m_segments % span == 0)
            nodes.push_back(Node { segment.startNs, segment.endNs, {} });
        nodes.back().endNs = segment.endNs;
        span *= kFanout;
    }
    ++m_segments;
    addToLastNodes(segment.state, segment.durationNs());
}

void SegmentLod::extendLast(const Segment &last, int64_t previousEndNs)
{
    for (auto &nodes : m_levels)
        nodes.back().endNs = last.endNs;
    addToLastNodes(last.state, last.endNs - previousEndNs);
}

void SegmentLod::truncate(std::span<const Segment> kept)
{
    m_segments = std::min(m_segments, kept.size());
    size_t span = kFanout; // segments per node at this level
    for (int level = 0; level < kLevels; ++level) {
        auto &nodes = m_levels[size_t(level)];
        nodes.resize((m_segments + span - 1) / span);
        if (m_segments % span != 0) {
            // The last node covers fewer segments than before: sum what it still covers, from the
            // segments themselves at the lowest level and from the level below above it.
            Node &node = nodes.back();
            node.stateNs.fill(0);
            const size_t firstSegment = (nodes.size() - 1) * span;
            if (level == 0) {
                node.startNs = kept[firstSegment].startNs;
                for (size_t i = firstSegment; i < m_segments; ++i)
                    node.stateNs[size_t(kept[i].state)] += float(kept[i].durationNs());
            } else {
                const auto &children = m_levels[size_t(level - 1)];
                const size_t firstChild = (nodes.size() - 1) * kFanout;
                node.startNs = children[firstChild].startNs;
                for (size_t i = firstChild; i < children.size(); ++i) {
                    for (size_t s = 0; s < node.stateNs.size(); ++s)
                        node.stateNs[s] += children[i].stateNs[s];
                }
            }
            node.endNs = kept[m_segments - 1].endNs;
        }
        span *= kFanout;
    }
}

void SegmentLod::visitSegment(const Segment &segment, Accumulator &acc) const
{
    const int first = acc.columnOf(segment.startNs);
    const int last = acc.columnOf(segment.endNs - 1);
    if (first == last) {
        acc.add(first, segment.state, segment.durationNs());
        return;
    }
    acc.add(first, segment.state, acc.columnStart(first + 1) - segment.startNs);
    acc.fill(first + 1, last - 1, segment.state);
    acc.add(last, segment.state, segment.endNs - acc.columnStart(last));
}

void SegmentLod::visit(int level, size_t index, std::span<const Segment> segments, Accumulator &acc) const
{
    const Node &node = m_levels[size_t(level)][index];
    const int64_t windowEnd = acc.windowEndNs;
    if (node.endNs <= acc.fromNs || node.startNs >= windowEnd)
        return;
    const int first = acc.columnOf(node.startNs);
    const int last = acc.columnOf(node.endNs - 1);
    if (first == last) {
        // The whole node falls into one column: its per-state times speak for it.
        acc.add(first, node);
        return;
    }
    const double span = double(node.endNs - node.startNs);
    if (span <= kShareColumns * acc.nsPerColumn) {
        // A node a few columns wide straddles a boundary: share it out by overlap rather
        // than descend to its segments (its mix of states is taken as even across it).
        const double perNs = 1.0 / span;
        int64_t columnEnd = acc.columnStart(first);
        for (int c = first; c <= last; ++c) {
            const int64_t from = std::max(node.startNs, columnEnd);
            columnEnd = acc.columnStart(c + 1);
            const int64_t to = std::min(node.endNs, columnEnd);
            if (to > from)
                acc.add(c, node, float(double(to - from) * perNs));
        }
        return;
    }
    const size_t childBegin = index * kFanout;
    if (level == 0) {
        const size_t childEnd = std::min(childBegin + kFanout, segments.size());
        for (size_t i = childBegin; i < childEnd; ++i) {
            if (segments[i].endNs > acc.fromNs && segments[i].startNs < windowEnd)
                visitSegment(segments[i], acc);
        }
        return;
    }
    const size_t childEnd = std::min(childBegin + kFanout, m_levels[size_t(level - 1)].size());
    for (size_t i = childBegin; i < childEnd; ++i)
        visit(level - 1, i, segments, acc);
}

void SegmentLod::dominantStates(
    std::span<const Segment> segments, int64_t fromNs, double nsPerColumn, int columns, std::vector<uint8_t> &out) const
{
    out.assign(size_t(std::max(columns, 0)), kNoState);
    if (columns <= 0 || nsPerColumn <= 0 || m_segments == 0 || segments.size() < m_segments)
        return;
    Accumulator acc(fromNs, nsPerColumn, columns, out);
    const auto &top = m_levels[kLevels - 1];
    for (size_t i = 0; i < top.size(); ++i)
        visit(kLevels - 1, i, segments, acc);
    acc.flush();
}

void SegmentLod::shrinkToFit()
{
    for (auto &nodes : m_levels)
        nodes.shrink_to_fit();
}

size_t SegmentLod::memoryBytes() const
{
    size_t bytes = sizeof(*this);
    for (const auto &nodes : m_levels)
        bytes += nodes.capacity() * sizeof(Node);
    return bytes;
}

} // namespace threadlab
