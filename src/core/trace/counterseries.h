#pragma once

#include "base/podvector.h"

#include <QtGlobal>
#include <climits>
#include <cstdint>
#include <span>
#include <vector>

namespace threadlab {

// A counter's values come from the recording or from a file: a step between two of them, and a
// sum of steps, wrap as a 64-bit counter would, instead of overflowing.
constexpr int64_t counterStep(int64_t after, int64_t before) noexcept
{
    return int64_t(uint64_t(after) - uint64_t(before));
}
constexpr int64_t counterSum(int64_t value, int64_t step) noexcept
{
    return int64_t(uint64_t(value) + uint64_t(step));
}

struct Trace;

// One write of a shared counter, in the order of all writes to it: what the write made the value,
// what it would be had no update been lost, and how many writes lost updates so far.
struct CounterPoint
{
    int64_t timeNs = 0; // the write
    int64_t readNs = 0; // the read it was computed from (same lane)
    int64_t value = 0; // written
    int64_t expected = 0; // the sum of every update so far
    uint32_t lane = 0;
    uint32_t lostWrites = 0; // writes up to and including this one that erased other lanes' updates
};

// The shared counter of one process over time, merged from its lanes' reads and writes: the value
// against the expected value, and where updates were lost. Derived from the trace (nothing of it
// is stored in a trace file); grown as the run's trace grows.
class CounterSeries
{
public:
    CounterSeries(uint32_t counter, qint64 pid)
        : m_counter(counter)
        , m_pid(pid)
    { }

    uint32_t counter() const { return m_counter; }
    qint64 pid() const { return m_pid; }
    std::span<const CounterPoint> points() const { return m_points; }
    // The last write at or before t, or nullptr.
    const CounterPoint *at(int64_t timeNs) const;
    // Writes in [fromNs, toNs).
    std::span<const CounterPoint> in(int64_t fromNs, int64_t toNs) const;
    // The first write that lost updates after t (or the last before t), or nullptr.
    const CounterPoint *nextLost(int64_t afterNs) const;
    const CounterPoint *previousLost(int64_t beforeNs) const;
    // Writes of other lanes that `lost` overwrote: those between its read and its write.
    std::span<const CounterPoint> overwrittenBy(const CounterPoint &lost) const;
    bool isLost(const CounterPoint &point) const;
    // The lane's last write at or before t (a lane's LostUpdate event follows its write), or nullptr.
    const CounterPoint *lastWriteOf(uint32_t lane, int64_t timeNs) const;

    // The lowest and highest value written, and expected, over writes [first, last) of points():
    // from a summary of every kExtentBlock writes, so a chart column costs what its pixels do.
    struct Extent
    {
        int64_t lowValue = INT64_MAX;
        int64_t highValue = INT64_MIN;
        int64_t lowExpected = INT64_MAX;
        int64_t highExpected = INT64_MIN;
        void widen(const CounterPoint &point);
        void widen(const Extent &other);
    };
    static constexpr size_t kExtentBlock = 32;
    Extent extentOf(size_t first, size_t last) const;
    // What the series holds in memory: its writes and their blocks' extremes.
    size_t memoryBytes() const { return m_points.size() * sizeof(CounterPoint) + m_blocks.size() * sizeof(Extent); }

    // Takes in the lanes' writes up to untilNs (later ones wait for the next call). A write older
    // than the last one taken (a lane that reported late) rebuilds the series.
    void extend(const Trace &trace, int64_t untilNs);

private:
    struct Cursor
    {
        size_t event = 0; // next unread counter event of the lane
        size_t lost = 0; // next unread lost update of the lane
        int64_t lastRead = 0;
        int64_t lastReadNs = 0;
    };
    struct Pending
    {
        CounterPoint point;
        int64_t delta;
        bool lost;
    };
    void append(std::vector<Pending> &writes);
    // Drops the writes from timeNs on and moves the lanes' cursors back to take them again.
    void rewindTo(const Trace &trace, int64_t timeNs);

    uint32_t m_counter;
    qint64 m_pid;
    PodVector<CounterPoint> m_points;
    PodVector<Extent> m_blocks; // of m_points, kExtentBlock at a time (the last one may be partial)
    std::vector<Cursor> m_cursors; // per lane
};

// The trace's counter series, one per counter and process that wrote it (at most kMaxSeries).
class CounterSeriesSet
{
public:
    static constexpr size_t kMaxSeries = 64;

    std::span<const CounterSeries> all() const { return m_series; }
    bool empty() const { return m_series.empty(); }
    const CounterSeries *find(uint32_t counter, qint64 pid) const;
    // The write that lost updates nearest after (forward) or before t over every series, or a
    // null write.
    struct LostWrite
    {
        const CounterSeries *series = nullptr;
        const CounterPoint *write = nullptr;
    };
    LostWrite nextLost(int64_t fromNs, bool forward) const;
    // Finds the counters written since the last call and brings every series up to untilNs
    // (INT64_MAX: everything recorded).
    void update(const Trace &trace, int64_t untilNs);

private:
    std::vector<CounterSeries> m_series;
    std::vector<size_t> m_scanned; // per lane: counter events looked at for new counters
};

} // namespace threadlab
