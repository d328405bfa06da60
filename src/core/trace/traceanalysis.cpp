#include "trace/traceanalysis.h"

#include "base/clock.h"
#include "trace/trace.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace threadlab {

namespace {

template <typename Visit> void forEachSegment(const LaneTrack &lane, Visit &&visit)
{
    for (const Segment &segment : lane.segments)
        visit(segment);
    if (lane.hasOpenSegment && lane.open.endNs > lane.open.startNs)
        visit(lane.open);
}

double percentile(const std::vector<int64_t> &sorted, double p)
{
    const size_t index = size_t(std::ceil(p * double(sorted.size()))) - 1;
    return nsToMs(sorted[std::min(index, sorted.size() - 1)]);
}

} // namespace

std::vector<ConcurrencyPoint> TraceAnalysis::runningLanes(const Trace &trace)
{
    std::vector<std::pair<int64_t, int>> changes;
    for (const LaneTrack &lane : trace.lanes) {
        forEachSegment(lane, [&](const Segment &s) {
            if (s.state == State::Running) {
                changes.emplace_back(s.startNs, +1);
                changes.emplace_back(s.endNs, -1);
            }
        });
    }
    std::sort(changes.begin(), changes.end());
    std::vector<ConcurrencyPoint> points { { trace.originNs, 0 } };
    int running = 0;
    for (size_t i = 0; i < changes.size();) {
        const int64_t t = changes[i].first;
        for (; i < changes.size() && changes[i].first == t; ++i)
            running += changes[i].second;
        if (points.back().timeNs == t)
            points.back().running = running;
        else if (points.back().running != running)
            points.push_back({ t, running });
    }
    return points;
}

std::vector<ConcurrencyPoint> TraceAnalysis::runningLanes(const Trace &trace, size_t maxPoints)
{
    std::vector<ConcurrencyPoint> all = runningLanes(trace);
    if (all.size() <= maxPoints || maxPoints < 2)
        return all;
    const int64_t from = all.front().timeNs;
    const int64_t span = std::max<int64_t>(1, trace.lastEventNs - from);
    std::vector<ConcurrencyPoint> thinned;
    size_t i = 0;
    for (size_t bucket = 0; bucket < maxPoints && i < all.size(); ++bucket) {
        const int64_t end = from + int64_t(double(span) * double(bucket + 1) / double(maxPoints));
        ConcurrencyPoint point { all[i].timeNs, all[i].running };
        for (; i < all.size() && all[i].timeNs < end; ++i)
            point.running = std::max(point.running, all[i].running);
        thinned.push_back(point);
    }
    return thinned;
}

std::vector<LockWaitDistribution> TraceAnalysis::lockWaits(const Trace &trace)
{
    std::map<uint32_t, std::vector<int64_t>> waits;
    for (const auto &[lock, record] : trace.locks)
        waits[lock];
    for (const LaneTrack &lane : trace.lanes) {
        forEachSegment(lane, [&](const Segment &s) {
            if (s.state == State::LockWait && s.object != kNoObject)
                waits[s.object].push_back(s.durationNs());
        });
    }
    std::vector<LockWaitDistribution> out;
    for (auto &[lock, durations] : waits) {
        LockWaitDistribution d { trace.objectName(lock), int(durations.size()), 0, 0, 0, 0 };
        if (!durations.empty()) {
            std::sort(durations.begin(), durations.end());
            d.minMs = nsToMs(durations.front());
            d.medianMs = percentile(durations, 0.5);
            d.p95Ms = percentile(durations, 0.95);
            d.maxMs = nsToMs(durations.back());
        }
        out.push_back(d);
    }
    return out;
}

std::vector<LaneStateTotals> TraceAnalysis::stateTotals(const Trace &trace)
{
    std::vector<LaneStateTotals> out;
    for (size_t i = 0; i < trace.lanes.size(); ++i) {
        LaneStateTotals totals { int(i), trace.lanes[i].info.name, {} };
        forEachSegment(trace.lanes[i], [&](const Segment &s) { totals.ms[size_t(s.state)] += nsToMs(s.durationNs()); });
        out.push_back(totals);
    }
    return out;
}

std::optional<LockHold> TraceAnalysis::waitEnder(const Trace &trace, int lane, const Segment &wait)
{
    if (wait.state == State::LockWait || wait.state == State::SemaphoreWait)
        return lockHolder(trace, lane, wait);
    if ((wait.state != State::ConditionWait && wait.state != State::BarrierWait) || lane < 0
        || size_t(lane) >= trace.lanes.size())
        return std::nullopt;
    // The Woken mark the lane recorded as the wait ended names the lane that woke it: the first one
    // of this object from the wait's start (the wait may be drawn in pieces where the OS saw the
    // thread wake for another waiter's notify), unless the wait timed out first.
    const auto &marks = trace.lanes[size_t(lane)].marks;
    const auto from = std::lower_bound(
        marks.begin(), marks.end(), wait.startNs, [](const Event &e, int64_t t) { return e.timeNs < t; });
    const auto woken = std::find_if(from, marks.end(), [&](const Event &e) {
        return (e.kind == EventKind::Woken || e.kind == EventKind::WaitTimeout) && e.object == wait.object;
    });
    if (woken == marks.end() || woken->kind != EventKind::Woken || woken->arg < 0
        || size_t(woken->arg) >= trace.lanes.size())
        return std::nullopt;
    int64_t at = woken->timeNs;
    if (wait.state == State::ConditionWait) {
        // The waker's last notify of this condition before the wake.
        const auto &waker = trace.lanes[size_t(woken->arg)].marks;
        const auto notify = std::find_if(waker.rbegin(), waker.rend(), [&](const Event &e) {
            return e.kind == EventKind::Notify && e.object == wait.object && e.timeNs <= woken->timeNs;
        });
        if (notify != waker.rend())
            at = notify->timeNs;
    }
    return LockHold { int(woken->arg), at, at };
}

std::optional<LockHold> TraceAnalysis::lockHolder(const Trace &trace, int lane, const Segment &wait)
{
    if (wait.state != State::LockWait && wait.state != State::SemaphoreWait)
        return std::nullopt;
    int holder = wait.arg;
    // The release that ended this wait, if it ended: that lane held the lock last.
    for (const LockHandoff &handoff : trace.handoffs) {
        if (int(handoff.toLane) == lane && handoff.waitStartNs == wait.startNs) {
            holder = int(handoff.fromLane);
            break;
        }
    }
    if (holder < 0 || size_t(holder) >= trace.lanes.size())
        return std::nullopt;
    const auto &events = trace.lanes[size_t(holder)].lockEvents;
    // The holder's last acquire of this lock before the wait ended, and its release after it.
    const auto acquire = std::find_if(events.rbegin(), events.rend(), [&](const Event &e) {
        return e.kind == EventKind::LockAcquire && e.object == wait.object && e.timeNs <= wait.endNs;
    });
    if (acquire == events.rend())
        return std::nullopt;
    const auto release = std::find_if(acquire.base(), events.end(),
        [&](const Event &e) { return e.kind == EventKind::LockRelease && e.object == wait.object; });
    return LockHold { holder, acquire->timeNs, release != events.end() ? release->timeNs : wait.endNs };
}

int TraceAnalysis::cpuAt(const LaneTrack &lane, int64_t t)
{
    const auto it = std::upper_bound(
        lane.os.begin(), lane.os.end(), t, [](int64_t time, const OsSlice &slice) { return time < slice.startNs; });
    if (it == lane.os.begin())
        return -1;
    const OsSlice &slice = *std::prev(it);
    return slice.onCpu && t < slice.endNs ? slice.cpu : -1;
}

const OsSlice *TraceAnalysis::lastOnCpuBefore(const LaneTrack &lane, int64_t t)
{
    auto it = std::lower_bound(
        lane.os.begin(), lane.os.end(), t, [](const OsSlice &slice, int64_t time) { return slice.startNs < time; });
    while (it != lane.os.begin() && !(it - 1)->onCpu)
        --it;
    return it != lane.os.begin() ? &*(it - 1) : nullptr;
}

std::optional<TraceAnalysis::TurnWindow> TraceAnalysis::gilTurnWindow(const Trace &trace)
{
    int64_t first = INT64_MAX;
    int64_t last = INT64_MIN;
    int waitingLanes = 0;
    std::vector<int64_t> turns; // GilWait lengths: each is the other lanes' turns meanwhile
    for (const LaneTrack &lane : trace.lanes) {
        bool waited = false;
        for (const Segment &segment : lane.segments) {
            if (segment.state != State::GilWait || segment.durationNs() <= 0)
                continue;
            waited = true;
            first = std::min(first, segment.startNs);
            last = std::max(last, segment.endNs);
            if (turns.size() < 100'000)
                turns.push_back(segment.durationNs());
        }
        waitingLanes += waited ? 1 : 0;
    }
    if (waitingLanes < 2 || turns.empty())
        return std::nullopt;
    std::nth_element(turns.begin(), turns.begin() + std::ptrdiff_t(turns.size() / 2), turns.end());
    const int64_t turn = std::max<int64_t>(1, turns[turns.size() / 2] / std::max(1, waitingLanes - 1));
    const int64_t runSpan = std::max<int64_t>(1, trace.lastEventNs - trace.originNs);
    if (turn * 150 > runSpan)
        return std::nullopt;
    // About 20 turns, rounded to 1, 2 or 5 times a power of ten (100 ms for 5 ms turns).
    int64_t span = 1;
    while (span * 10 <= turn * 20)
        span *= 10;
    span *= turn * 20 >= span * 5 ? 5 : turn * 20 >= span * 2 ? 2 : 1;
    span = std::min(span, last - first);
    const int64_t middle = first + (last - first) / 2;
    return TurnWindow { middle - span / 2, span, turn };
}

int64_t TraceAnalysis::nextStateChange(const Trace &trace, int64_t afterNs)
{
    int64_t next = INT64_MAX;
    for (const LaneTrack &lane : trace.lanes) {
        const auto it = std::partition_point(
            lane.segments.begin(), lane.segments.end(), [afterNs](const Segment &s) { return s.startNs <= afterNs; });
        if (it != lane.segments.end())
            next = std::min(next, it->startNs);
        else if (!lane.segments.empty() && lane.segments.back().endNs > afterNs)
            next = std::min(next, lane.segments.back().endNs); // the lane ends there
    }
    return next;
}

std::optional<TraceAnalysis::TurnWindow> TraceAnalysis::tasksWindow(const Trace &trace)
{
    int64_t first = INT64_MAX;
    int64_t last = INT64_MIN;
    for (const TaskRecord &task : trace.tasks) {
        if (task.beginNs < 0 || task.endNs < task.beginNs)
            continue;
        first = std::min(first, task.beginNs);
        last = std::max(last, task.endNs);
    }
    const int64_t runSpan = trace.lastEventNs - trace.originNs;
    if (first > last || runSpan <= 0 || (last - first) * 20 >= runSpan)
        return std::nullopt;
    const int64_t took = std::max<int64_t>(last - first, 1000);
    return TurnWindow { first - took / 4, took + took / 2, last - first };
}

const Event *TraceAnalysis::lastQueueGet(const LaneTrack &lane, int64_t t)
{
    // Back from t through the lane's marks (prints, results, puts): a bounded look.
    constexpr int kLookBack = 256;
    auto it = std::partition_point(lane.marks.begin(), lane.marks.end(), [t](const Event &e) { return e.timeNs <= t; });
    for (int steps = 0; it != lane.marks.begin() && steps < kLookBack; ++steps) {
        --it;
        if (it->kind == EventKind::QueueGet)
            return &*it;
    }
    return nullptr;
}

const Event *TraceAnalysis::itemWorkedOn(const Trace &trace, const LaneTrack &lane, const Segment &segment)
{
    if (segment.task < 0 || size_t(segment.task) >= trace.tasks.size())
        return nullptr;
    const Event *got = lastQueueGet(lane, segment.startNs);
    return got && got->timeNs >= trace.tasks[size_t(segment.task)].beginNs ? got : nullptr;
}

} // namespace threadlab
