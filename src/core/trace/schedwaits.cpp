#include "trace/schedmodel.h"
#include "trace/segmentrefinement.h"
#include "trace/trace.h"

#include <QHash>
#include <algorithm>

namespace threadlab {

std::vector<std::vector<BlockedStretch>> SchedModel::blockedStretches(
    const Trace &trace, std::span<const SchedRecord> input, std::span<const SyscallRecord> inputCalls, int64_t endNs)
{
    std::vector<std::vector<BlockedStretch>> blocked(trace.lanes.size());
    if (inputCalls.empty())
        return blocked;
    QHash<int32_t, int> lanes;
    for (size_t i = 0; i < trace.lanes.size(); ++i) {
        if (trace.lanes[i].info.tid > 0)
            lanes.insert(int32_t(trace.lanes[i].info.tid), int(i));
    }
    auto laneOf = [&lanes](int32_t tid) { return tid > 0 ? lanes.value(tid, -1) : -1; };
    std::vector<SchedRecord> records;
    for (const SchedRecord &r : input) {
        if (r.kind != SchedRecord::Kind::Migrate && r.timeNs <= endNs && (laneOf(r.tid) >= 0 || laneOf(r.nextTid) >= 0))
            records.push_back(r);
    }
    std::vector<SyscallRecord> calls;
    for (const SyscallRecord &c : inputCalls) {
        if (c.timeNs <= endNs && laneOf(c.tid) >= 0)
            calls.push_back(c);
    }
    auto byTime = [](const auto &a, const auto &b) { return a.timeNs < b.timeNs; };
    std::stable_sort(records.begin(), records.end(), byTime);
    std::stable_sort(calls.begin(), calls.end(), byTime);

    struct Thread
    {
        BlockedStretch inCall; // the call it is in (call -1: none)
        BlockedStretch open; // blocked since open.startNs, when open.startNs >= 0
        bool callsSeen = false;
    };
    std::vector<Thread> threads(trace.lanes.size());
    for (Thread &thread : threads)
        thread.open.startNs = -1;
    auto close = [&](int lane, int64_t atNs) {
        BlockedStretch &open = threads[size_t(lane)].open;
        if (open.startNs < 0)
            return;
        if (atNs > open.startNs) {
            BlockedStretch stretch = open;
            stretch.endNs = atNs;
            blocked[size_t(lane)].push_back(stretch);
        }
        open.startNs = -1;
    };
    // Both in time order; a call entered at the instant of a switch was entered before it.
    size_t c = 0;
    for (const SchedRecord &r : records) {
        for (; c < calls.size() && calls[c].timeNs <= r.timeNs; ++c) {
            Thread &thread = threads[size_t(laneOf(calls[c].tid))];
            thread.callsSeen = true;
            thread.inCall.call = calls[c].call;
            std::copy(std::begin(calls[c].args), std::end(calls[c].args), std::begin(thread.inCall.args));
        }
        if (r.kind == SchedRecord::Kind::Wakeup) {
            if (const int lane = laneOf(r.tid); lane >= 0)
                close(lane, r.timeNs);
            continue;
        }
        // A switch: the thread coming on is no longer blocked (should its wake-up have been lost).
        if (const int next = laneOf(r.nextTid); next >= 0)
            close(next, r.timeNs);
        if (const int lane = laneOf(r.tid); lane >= 0 && r.left == SchedRecord::Left::Blocked) {
            Thread &thread = threads[size_t(lane)];
            close(lane, r.timeNs);
            thread.open = thread.inCall;
            thread.open.startNs = r.timeNs;
        }
    }
    for (size_t lane = 0; lane < threads.size(); ++lane) {
        if (threads[lane].open.startNs >= 0)
            close(int(lane), endNs);
        if (!threads[lane].callsSeen)
            blocked[lane].clear(); // its system calls were not followed: nothing says what it waited in
    }
    return blocked;
}

void SchedModel::applyBlockedStretches(Trace &trace, std::span<const std::vector<BlockedStretch>> blocked)
{
    if (trace.sched.source != SchedSource::Exact)
        return;
    for (size_t i = 0; i < trace.lanes.size() && i < blocked.size(); ++i) {
        LaneTrack &lane = trace.lanes[i];
        if (blocked[i].empty() || lane.hasOpenSegment)
            continue; // (a lane still growing is left as the looks drew it)
        const PodVector<Segment> refined = refinedSegments(lane.segments, lane.os, true, blocked[i]);
        addStateTimes(trace, lane.segments, -1);
        addStateTimes(trace, refined, +1);
        lane.segments.clear();
        lane.lod.truncate(lane.segments);
        for (const Segment &segment : refined) {
            lane.segments.push_back(segment);
            lane.lod.append(segment);
        }
    }
}

} // namespace threadlab
