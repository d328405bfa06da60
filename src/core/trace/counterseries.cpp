#include "trace/counterseries.h"

#include "trace/trace.h"

#include <algorithm>
#include <climits>

namespace threadlab {

const CounterPoint *CounterSeries::at(int64_t timeNs) const
{
    const auto it = std::partition_point(
        m_points.begin(), m_points.end(), [timeNs](const CounterPoint &p) { return p.timeNs <= timeNs; });
    return it == m_points.begin() ? nullptr : &*std::prev(it);
}

std::span<const CounterPoint> CounterSeries::in(int64_t fromNs, int64_t toNs) const
{
    const auto first = std::partition_point(
        m_points.begin(), m_points.end(), [fromNs](const CounterPoint &p) { return p.timeNs < fromNs; });
    const auto last
        = std::partition_point(first, m_points.end(), [toNs](const CounterPoint &p) { return p.timeNs < toNs; });
    return { first, last };
}

bool CounterSeries::isLost(const CounterPoint &point) const
{
    const CounterPoint *begin = m_points.data();
    return &point == begin ? point.lostWrites > 0 : point.lostWrites > (&point - 1)->lostWrites;
}

const CounterPoint *CounterSeries::lastWriteOf(uint32_t lane, int64_t timeNs) const
{
    // Back from t: other lanes' writes between are few (as many as ran meanwhile), but bounded.
    constexpr int kLookBack = 100'000;
    const CounterPoint *point = at(timeNs);
    for (int steps = 0; point && steps < kLookBack; ++steps, --point) {
        if (point->lane == lane)
            return point;
        if (point == m_points.data())
            break;
    }
    return nullptr;
}

const CounterPoint *CounterSeries::nextLost(int64_t afterNs) const
{
    const std::span<const CounterPoint> after = in(afterNs + 1, INT64_MAX);
    const uint32_t before = after.data() == m_points.data() ? 0 : (after.data() - 1)->lostWrites;
    if (after.empty() || after.back().lostWrites == before)
        return nullptr;
    // lostWrites only grows: the first point past the count before the window is the next lost write.
    return &*std::partition_point(
        after.begin(), after.end(), [before](const CounterPoint &p) { return p.lostWrites <= before; });
}

const CounterPoint *CounterSeries::previousLost(int64_t beforeNs) const
{
    const std::span<const CounterPoint> before = in(INT64_MIN, beforeNs);
    if (before.empty() || before.back().lostWrites == 0)
        return nullptr;
    const uint32_t count = before.back().lostWrites;
    // The first point that reached the count is the write that lost.
    return &*std::partition_point(
        before.begin(), before.end(), [count](const CounterPoint &p) { return p.lostWrites < count; });
}

std::span<const CounterPoint> CounterSeries::overwrittenBy(const CounterPoint &lost) const
{
    return in(lost.readNs + 1, lost.timeNs);
}

void CounterSeries::extend(const Trace &trace, int64_t untilNs)
{
    if (m_cursors.size() < trace.lanes.size())
        m_cursors.resize(trace.lanes.size());
    std::vector<Pending> writes;
    for (size_t i = 0; i < trace.lanes.size(); ++i) {
        const LaneTrack &lane = trace.lanes[i];
        if (lane.info.pid != m_pid)
            continue;
        Cursor &cursor = m_cursors[i];
        const auto &events = lane.counterEvents;
        const auto &lost = lane.lostUpdates;
        const bool ended = lane.endNs >= 0 || untilNs == INT64_MAX;
        for (; cursor.event < events.size() && events[cursor.event].timeNs <= untilNs; ++cursor.event) {
            const Event &event = events[cursor.event];
            if (event.object != m_counter)
                continue;
            if (event.kind == EventKind::CounterRead) {
                cursor.lastRead = event.arg;
                cursor.lastReadNs = event.timeNs;
                continue;
            }
            if (event.kind != EventKind::CounterWrite)
                continue;
            // A lost update is recorded right after its write, before the lane's next counter event:
            // a write is taken once what follows it on its lane has arrived.
            const bool hasNext = cursor.event + 1 < events.size();
            while (cursor.lost < lost.size()
                && (lost[cursor.lost].timeNs < event.timeNs || lost[cursor.lost].object != m_counter))
                ++cursor.lost;
            const int64_t nextNs = hasNext ? events[cursor.event + 1].timeNs : INT64_MAX;
            const bool isLost = cursor.lost < lost.size() && lost[cursor.lost].timeNs <= nextNs;
            if (!hasNext && !isLost && !ended)
                break;
            if (isLost)
                ++cursor.lost;
            writes.push_back(Pending { CounterPoint { event.timeNs, cursor.lastReadNs, event.arg, 0, uint32_t(i), 0 },
                counterStep(event.arg, cursor.lastRead), isLost });
        }
    }
    if (writes.empty())
        return;
    std::stable_sort(writes.begin(), writes.end(),
        [](const Pending &a, const Pending &b) { return a.point.timeNs < b.point.timeNs; });
    if (!m_points.empty() && writes.front().point.timeNs < m_points.back().timeNs) {
        // A lane reported late: the series goes back to just before its first write and is taken
        // again from there, in order (a flooded live run has lanes late all the time: going back
        // to the start each time made every pass as long as the run so far).
        rewindTo(trace, writes.front().point.timeNs);
        extend(trace, untilNs);
        return;
    }
    append(writes);
}

void CounterSeries::rewindTo(const Trace &trace, int64_t timeNs)
{
    const auto kept = std::partition_point(
        m_points.begin(), m_points.end(), [timeNs](const CounterPoint &p) { return p.timeNs < timeNs; });
    m_points.resize(size_t(kept - m_points.begin()));
    // The last block, now maybe partial, is summed again from its writes.
    m_blocks.resize((m_points.size() + kExtentBlock - 1) / kExtentBlock);
    if (!m_blocks.empty()) {
        Extent &last = m_blocks.back();
        last = Extent {};
        for (size_t i = (m_blocks.size() - 1) * kExtentBlock; i < m_points.size(); ++i)
            last.widen(m_points[i]);
    }
    const auto before = [timeNs](const Event &event) { return event.timeNs < timeNs; };
    for (size_t i = 0; i < m_cursors.size() && i < trace.lanes.size(); ++i) {
        const LaneTrack &lane = trace.lanes[i];
        Cursor &cursor = m_cursors[i];
        const auto &events = lane.counterEvents;
        const size_t first = size_t(std::partition_point(events.begin(), events.end(), before) - events.begin());
        if (cursor.event <= first)
            continue; // nothing of this lane from timeNs on was taken
        cursor.event = first;
        // What the lane had read last before that (its next write is computed from it).
        cursor.lastRead = 0;
        cursor.lastReadNs = 0;
        for (size_t back = first; back-- > 0;) {
            const Event &event = events[back];
            if (event.object == m_counter && event.kind == EventKind::CounterRead) {
                cursor.lastRead = event.arg;
                cursor.lastReadNs = event.timeNs;
                break;
            }
        }
        const auto &lost = lane.lostUpdates;
        cursor.lost
            = std::min(cursor.lost, size_t(std::partition_point(lost.begin(), lost.end(), before) - lost.begin()));
    }
}

void CounterSeries::append(std::vector<Pending> &writes)
{
    int64_t expected = m_points.empty() ? 0 : m_points.back().expected;
    uint32_t lostWrites = m_points.empty() ? 0 : m_points.back().lostWrites;
    for (Pending &write : writes) {
        expected = counterSum(expected, write.delta);
        lostWrites += write.lost ? 1 : 0;
        write.point.expected = expected;
        write.point.lostWrites = lostWrites;
        if (m_points.size() % kExtentBlock == 0)
            m_blocks.push_back(Extent {});
        m_blocks.back().widen(write.point);
        m_points.push_back(write.point);
    }
}

void CounterSeries::Extent::widen(const CounterPoint &point)
{
    lowValue = std::min(lowValue, point.value);
    highValue = std::max(highValue, point.value);
    lowExpected = std::min(lowExpected, point.expected);
    highExpected = std::max(highExpected, point.expected);
}

void CounterSeries::Extent::widen(const Extent &other)
{
    lowValue = std::min(lowValue, other.lowValue);
    highValue = std::max(highValue, other.highValue);
    lowExpected = std::min(lowExpected, other.lowExpected);
    highExpected = std::max(highExpected, other.highExpected);
}

CounterSeries::Extent CounterSeries::extentOf(size_t first, size_t last) const
{
    Extent extent;
    last = std::min(last, m_points.size());
    while (first < last && first % kExtentBlock != 0)
        extent.widen(m_points[first++]);
    for (; first + kExtentBlock <= last; first += kExtentBlock)
        extent.widen(m_blocks[first / kExtentBlock]);
    while (first < last)
        extent.widen(m_points[first++]);
    return extent;
}

const CounterSeries *CounterSeriesSet::find(uint32_t counter, qint64 pid) const
{
    const auto it = std::find_if(m_series.begin(), m_series.end(),
        [&](const CounterSeries &s) { return s.counter() == counter && s.pid() == pid; });
    return it == m_series.end() ? nullptr : &*it;
}

CounterSeriesSet::LostWrite CounterSeriesSet::nextLost(int64_t fromNs, bool forward) const
{
    LostWrite best;
    for (const CounterSeries &series : m_series) {
        const CounterPoint *found = forward ? series.nextLost(fromNs) : series.previousLost(fromNs);
        if (found
            && (!best.write || (forward ? found->timeNs < best.write->timeNs : found->timeNs > best.write->timeNs)))
            best = LostWrite { &series, found };
    }
    return best;
}

void CounterSeriesSet::update(const Trace &trace, int64_t untilNs)
{
    if (m_scanned.size() < trace.lanes.size())
        m_scanned.resize(trace.lanes.size());
    for (size_t i = 0; i < trace.lanes.size(); ++i) {
        const LaneTrack &lane = trace.lanes[i];
        for (; m_scanned[i] < lane.counterEvents.size(); ++m_scanned[i]) {
            const uint32_t id = lane.counterEvents[m_scanned[i]].object;
            if (m_series.size() < kMaxSeries && id < trace.objects.size()
                && trace.objects[id].kind == ObjectKind::Counter && !find(id, lane.info.pid))
                m_series.emplace_back(id, lane.info.pid);
        }
    }
    for (CounterSeries &series : m_series)
        series.extend(trace, untilNs);
}

} // namespace threadlab
