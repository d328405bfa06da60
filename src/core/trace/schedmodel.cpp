#include "trace/schedmodel.h"

#include "trace/segmentrefinement.h"
#include "trace/trace.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <utility>
#include <vector>

namespace threadlab {

QString schedSourceName(SchedSource source)
{
    switch (source) {
    case SchedSource::Sampled:
        return QStringLiteral("sampled");
    case SchedSource::Exact:
        return QStringLiteral("exact");
    case SchedSource::Off:
        break;
    }
    return QStringLiteral("off");
}

namespace {

// The lane of each thread id, for the lanes that have one.
QHash<int64_t, int> lanesByTid(const Trace &trace)
{
    QHash<int64_t, int> lanes;
    for (size_t i = 0; i < trace.lanes.size(); ++i) {
        const LaneInfo &info = trace.lanes[i].info;
        if (info.tid > 0)
            lanes.insert(info.tid, int(i));
    }
    return lanes;
}

void resetCpus(Trace &trace, int cpuCount)
{
    trace.cpus.clear();
    trace.cpus.resize(size_t(std::max(0, cpuCount)));
    for (int cpu = 0; cpu < cpuCount; ++cpu)
        trace.cpus[size_t(cpu)].cpu = cpu;
    for (LaneTrack &lane : trace.lanes) {
        lane.os.clear();
        lane.sched = {};
    }
}

void addSlice(LaneTrack &lane, OsSlice slice)
{
    if (slice.endNs <= slice.startNs)
        return;
    if (slice.onCpu) {
        lane.sched.cpuNs += slice.endNs - slice.startNs;
        // Migrations: the thread came back on another CPU than the one it last ran on.
        for (auto it = lane.os.rbegin(); it != lane.os.rend(); ++it) {
            if (it->onCpu) {
                lane.sched.migrations += it->cpu != slice.cpu ? 1 : 0;
                break;
            }
        }
    } else {
        lane.sched.runnableNs += slice.endNs - slice.startNs;
    }
    lane.os.push_back(slice);
}

void addCpuSlice(Trace &trace, int cpu, CpuSlice slice)
{
    if (cpu < 0 || size_t(cpu) >= trace.cpus.size() || slice.endNs <= slice.startNs)
        return;
    CpuTrack &track = trace.cpus[size_t(cpu)];
    if (!track.slices.empty())
        slice.startNs = std::max(slice.startNs, track.slices.back().endNs); // sampled slices may overlap
    if (slice.endNs <= slice.startNs)
        return;
    track.busyNs += slice.endNs - slice.startNs;
    track.slices.push_back(slice);
}

} // namespace

void SchedModel::applyExact(Trace &trace, std::span<const SchedRecord> input, int cpuCount, int64_t endNs)
{
    resetCpus(trace, cpuCount);
    std::vector<SchedRecord> records(input.begin(), input.end());
    std::stable_sort(
        records.begin(), records.end(), [](const SchedRecord &a, const SchedRecord &b) { return a.timeNs < b.timeNs; });
    const QHash<int64_t, int> lanes = lanesByTid(trace);
    auto laneOf = [&](int32_t tid) { return tid > 0 ? lanes.value(tid, -1) : -1; };
    // A CPU slice's thread that is no lane: one of the run's processes' own, or another process's.
    QSet<int64_t> runPids;
    for (const LaneTrack &lane : trace.lanes)
        if (lane.info.pid > 0)
            runPids.insert(lane.info.pid);
    QHash<int32_t, int32_t> pidOfTid; // learnt from the switches
    auto whoseSlice = [&](int32_t tid) -> int32_t {
        if (const int lane = laneOf(tid); lane >= 0)
            return lane;
        return runPids.contains(pidOfTid.value(tid, 0)) ? kRunThread : kOtherProcess;
    };
    bool migrationsSeen = false;
    std::vector<int64_t> moved(trace.lanes.size(), 0); // per lane: migrations the kernel reported

    struct OnCpu
    {
        int32_t tid = -1; // -1: not known yet
        int64_t sinceNs = 0;
    };
    std::vector<OnCpu> cpus(size_t(std::max(0, cpuCount)));
    std::vector<int64_t> readySince(trace.lanes.size(), -1); // per lane: runnable since, or -1

    for (const SchedRecord &r : records) {
        if (r.timeNs > endNs)
            break;
        if (r.kind == SchedRecord::Kind::Migrate) {
            migrationsSeen = true;
            if (const int lane = laneOf(r.tid); lane >= 0 && r.fromCpu != r.cpu)
                ++moved[size_t(lane)];
            continue;
        }
        if (r.kind == SchedRecord::Kind::Wakeup) {
            const int lane = laneOf(r.tid);
            if (lane >= 0 && readySince[size_t(lane)] < 0)
                readySince[size_t(lane)] = r.timeNs;
            continue;
        }
        if (r.cpu < 0 || r.cpu >= cpuCount)
            continue;
        OnCpu &cpu = cpus[size_t(r.cpu)];
        // The thread leaving: its slice on this CPU ends (unknown before the first switch seen here).
        if (r.pid > 0 && r.tid > 0)
            pidOfTid.insert(r.tid, r.pid);
        if (cpu.tid >= 0 && cpu.tid == r.tid && r.tid != 0) {
            const int lane = laneOf(r.tid);
            addCpuSlice(trace, r.cpu, CpuSlice { cpu.sinceNs, r.timeNs, whoseSlice(r.tid), uint8_t(r.left) });
            if (lane >= 0) {
                LaneTrack &track = trace.lanes[size_t(lane)];
                addSlice(track, OsSlice { cpu.sinceNs, r.timeNs, r.cpu, true });
                track.sched.involuntary += r.left == SchedRecord::Left::Preempted ? 1 : 0;
                track.sched.voluntary += r.left == SchedRecord::Left::Blocked ? 1 : 0;
                readySince[size_t(lane)] = r.left == SchedRecord::Left::Preempted ? r.timeNs : -1;
            }
        } else if (r.tid > 0) {
            // First sight of this thread on this CPU: its state before is not known.
            const int lane = laneOf(r.tid);
            if (lane >= 0)
                readySince[size_t(lane)] = r.left == SchedRecord::Left::Preempted ? r.timeNs : -1;
        }
        // The thread coming on: it waited from its wake-up (or preemption) until now.
        const int next = laneOf(r.nextTid);
        if (next >= 0) {
            if (readySince[size_t(next)] >= 0)
                addSlice(trace.lanes[size_t(next)], OsSlice { readySince[size_t(next)], r.timeNs, -1, false });
            readySince[size_t(next)] = -1;
        }
        cpu.tid = r.nextTid;
        cpu.sinceNs = r.timeNs;
    }
    // What is still on a CPU, or still waiting, at the end.
    for (int c = 0; c < cpuCount; ++c) {
        const OnCpu &cpu = cpus[size_t(c)];
        if (cpu.tid <= 0)
            continue;
        const int lane = laneOf(cpu.tid);
        addCpuSlice(
            trace, c, CpuSlice { cpu.sinceNs, endNs, whoseSlice(cpu.tid), uint8_t(SchedRecord::Left::Preempted) });
        if (lane >= 0)
            addSlice(trace.lanes[size_t(lane)], OsSlice { cpu.sinceNs, endNs, c, true });
    }
    for (size_t lane = 0; lane < readySince.size(); ++lane) {
        if (readySince[lane] >= 0)
            addSlice(trace.lanes[lane], OsSlice { readySince[lane], endNs, -1, false });
    }
    // The kernel says when it moved a thread (also while it waited, which slices alone miss).
    for (size_t lane = 0; lane < trace.lanes.size() && migrationsSeen; ++lane)
        trace.lanes[lane].sched.migrations = moved[lane];
    // Slices were added per CPU as switches came; each lane's must be in time order.
    for (LaneTrack &lane : trace.lanes)
        std::sort(
            lane.os.begin(), lane.os.end(), [](const OsSlice &a, const OsSlice &b) { return a.startNs < b.startNs; });
    trace.sched.cpuCount = cpuCount;
}

void SchedModel::applySamples(Trace &trace, std::span<const ThreadSample> input, int cpuCount)
{
    resetCpus(trace, cpuCount);
    std::vector<ThreadSample> samples(input.begin(), input.end());
    std::stable_sort(samples.begin(), samples.end(), [](const ThreadSample &a, const ThreadSample &b) {
        return a.tid != b.tid ? a.tid < b.tid : a.timeNs < b.timeNs;
    });
    const QHash<int64_t, int> lanes = lanesByTid(trace);
    std::vector<std::pair<int, CpuSlice>> cpuSlices;
    // The kernel brings a thread's totals up to date at its own moments (a tick, a switch), so one
    // interval may show less than it lasted and the next more: what does not fit an interval is
    // carried into the next one.
    int64_t carriedRun = 0;
    int64_t carriedWait = 0;
    for (size_t i = 0; i + 1 < samples.size(); ++i) {
        const ThreadSample &a = samples[i];
        const ThreadSample &b = samples[i + 1];
        const int lane = lanes.value(a.tid, -1);
        if (a.tid != b.tid || lane < 0 || b.timeNs <= a.timeNs) {
            if (lane >= 0 && a.tid != b.tid) {
                // The thread's last interval: what is still carried counts in the totals.
                trace.lanes[size_t(lane)].sched.cpuNs += carriedRun;
                trace.lanes[size_t(lane)].sched.runnableNs += carriedWait;
            }
            if (a.tid != b.tid)
                carriedRun = carriedWait = 0;
            continue;
        }
        LaneTrack &track = trace.lanes[size_t(lane)];
        // Within one interval the order of running and waiting is not known: the time on a CPU is
        // drawn first, then the wait.
        const int64_t span = b.timeNs - a.timeNs;
        const int64_t wantRun = std::max<int64_t>(0, int64_t(b.onCpuNs - a.onCpuNs)) + carriedRun;
        const int64_t wantWait = std::max<int64_t>(0, int64_t(b.waitNs - a.waitNs)) + carriedWait;
        const int64_t run = std::min(wantRun, span);
        const int64_t wait = std::min(wantWait, span - run);
        carriedRun = wantRun - run;
        carriedWait = wantWait - wait;
        if (run > 0) {
            addSlice(track, OsSlice { a.timeNs, a.timeNs + run, b.cpu, true });
            cpuSlices.emplace_back(b.cpu, CpuSlice { a.timeNs, a.timeNs + run, lane, 0 });
        }
        if (wait > 0)
            addSlice(track, OsSlice { a.timeNs + run, a.timeNs + run + wait, -1, false });
    }
    if (!samples.empty()) {
        if (const int lane = lanes.value(samples.back().tid, -1); lane >= 0) {
            trace.lanes[size_t(lane)].sched.cpuNs += carriedRun;
            trace.lanes[size_t(lane)].sched.runnableNs += carriedWait;
        }
    }
    // Switch counts: from the first and last sample of each thread that read them.
    for (size_t i = 0; i < samples.size();) {
        size_t j = i;
        while (j < samples.size() && samples[j].tid == samples[i].tid)
            ++j;
        const int lane = lanes.value(samples[i].tid, -1);
        const ThreadSample *first = nullptr;
        const ThreadSample *last = nullptr;
        for (size_t k = i; k < j; ++k) {
            if (samples[k].voluntary >= 0) {
                first = first ? first : &samples[k];
                last = &samples[k];
            }
        }
        if (lane >= 0 && first) {
            trace.lanes[size_t(lane)].sched.voluntary = last->voluntary - first->voluntary;
            trace.lanes[size_t(lane)].sched.involuntary = last->involuntary - first->involuntary;
        }
        i = j;
    }
    std::stable_sort(cpuSlices.begin(), cpuSlices.end(),
        [](const auto &a, const auto &b) { return a.second.startNs < b.second.startNs; });
    for (const auto &[cpu, slice] : cpuSlices)
        addCpuSlice(trace, cpu, slice);
    // Two threads that took turns on a CPU within one interval are both drawn from its start, and
    // the later is cut where they overlap; the CPU's busy time is their whole time all the same.
    for (CpuTrack &track : trace.cpus)
        track.busyNs = 0;
    for (const auto &[cpu, slice] : cpuSlices) {
        if (cpu >= 0 && size_t(cpu) < trace.cpus.size())
            trace.cpus[size_t(cpu)].busyNs += slice.endNs - slice.startNs;
    }
    trace.sched.cpuCount = cpuCount;
}

namespace {

// The states that a traced program's /proc looks give and the kernel's records can correct.
bool isKernelState(State state)
{
    return state == State::Running || state == State::Sleeping || state == State::IoWait || state == State::LockWait
        || state == State::JoinWait;
}

} // namespace

PodVector<Segment> refinedSegments(
    std::span<const Segment> pieces, std::span<const OsSlice> os, bool exact, std::span<const BlockedStretch> blocked)
{
    PodVector<Segment> refined;
    refined.reserve(pieces.size() + 2 * os.size() + blocked.size());
    int lastCpu = -1; // of the last piece emitted: Running pieces on different CPUs stay apart
    auto emit = [&refined, &lastCpu](const Segment &like, int64_t start, int64_t end, State state, int cpu = -1) {
        if (end <= start)
            return;
        const int previousCpu = std::exchange(lastCpu, cpu);
        if (!refined.empty()) {
            Segment &last = refined.back();
            if (last.endNs == start && last.state == state && last.task == like.task && last.object == like.object
                && last.arg == like.arg && previousCpu == cpu) {
                last.endNs = end;
                return;
            }
        }
        Segment piece = like;
        piece.startNs = start;
        piece.endNs = end;
        piece.state = state;
        refined.push_back(piece);
    };
    // Sampled data knows totals per interval, not when in it the thread blocked: there the time
    // that is neither on a CPU nor waiting stays as recorded.
    const State blockedState = exact ? State::Sleeping : State::Running;
    size_t stretch = 0; // the first blocked stretch that may still matter
    // [from, to) of `like`, off any CPU: in the stretches that cover it, else `otherwise`.
    auto emitBlocked = [&](const Segment &like, int64_t from, int64_t to, State otherwise) {
        while (stretch < blocked.size() && blocked[stretch].endNs <= from)
            ++stretch;
        int64_t at = from;
        for (size_t i = stretch; i < blocked.size() && blocked[i].startNs < to; ++i) {
            const int64_t start = std::max(blocked[i].startNs, at);
            const int64_t end = std::min(blocked[i].endNs, to);
            emit(like, at, start, otherwise);
            Segment waiting = like;
            waiting.object = blocked[i].object;
            waiting.arg = -1;
            emit(waiting, start, end, blocked[i].state);
            at = std::max(at, end);
        }
        emit(like, at, to, otherwise);
    };
    size_t first = pieces.empty()
        ? 0
        : size_t(std::lower_bound(os.begin(), os.end(), pieces.front().startNs, [](const OsSlice &slice, int64_t t) {
              return slice.endNs <= t;
          }) - os.begin()); // the first OS slice that may overlap the piece
    for (const Segment &segment : pieces) {
        const bool cut = segment.state == State::Running || (!blocked.empty() && exact && isKernelState(segment.state));
        if (!cut) {
            emit(segment, segment.startNs, segment.endNs, segment.state);
            continue;
        }
        // Off a CPU, a Running piece was blocked; a wait stays the wait the looks saw.
        const State otherwise = segment.state == State::Running ? blockedState : segment.state;
        while (first < os.size() && os[first].endNs <= segment.startNs)
            ++first;
        if (first == os.size() || os[first].startNs >= segment.endNs) {
            // Neither on a CPU nor waiting for one: with exact data, once the thread has been seen,
            // it was blocked (in a futex inside a lock's bookkeeping, say) although it recorded
            // Running. Before its first switch, nothing is known: as recorded.
            const bool seen = exact && !os.empty() && os.front().startNs <= segment.startNs;
            if (seen)
                emitBlocked(segment, segment.startNs, segment.endNs, otherwise);
            else
                emit(segment, segment.startNs, segment.endNs, segment.state);
            continue;
        }
        // A wait cut where its thread was on a CPU or ready for one: no longer waiting on its object.
        Segment onCpu = segment;
        if (segment.state != State::Running) {
            onCpu.object = kNoObject;
            onCpu.arg = -1;
        }
        int64_t at = segment.startNs;
        for (size_t i = first; i < os.size() && os[i].startNs < segment.endNs; ++i) {
            const int64_t start = std::max(os[i].startNs, at);
            const int64_t end = std::min(os[i].endNs, segment.endNs);
            emitBlocked(segment, at, start, otherwise);
            emit(onCpu, start, end, os[i].onCpu ? State::Running : State::Runnable, os[i].onCpu ? os[i].cpu : -1);
            at = std::max(at, end);
        }
        emitBlocked(segment, at, segment.endNs, otherwise);
    }
    return refined;
}

void addStateTimes(Trace &trace, std::span<const Segment> segments, int64_t sign)
{
    for (const Segment &segment : segments) {
        if (segment.task >= 0 && size_t(segment.task) < trace.tasks.size())
            trace.tasks[size_t(segment.task)].stateNs[size_t(segment.state)] += sign * segment.durationNs();
    }
}

namespace {

Segment clipped(Segment segment, int64_t from, int64_t to)
{
    segment.startNs = std::max(segment.startNs, from);
    segment.endNs = std::min(segment.endNs, to);
    return segment;
}

// Refines one lane over [lane.refinedUntilNs, untilNs): its segments there, and while the trace
// grows its open segment's part there too (a long CPU step is one open segment for seconds). The
// tasks' state totals follow; the level-of-detail summary is cut back to the first segment touched
// and grows again from there.
void refineLane(Trace &trace, LaneTrack &lane, int64_t untilNs, bool growing, bool exact)
{
    const int64_t since = lane.refinedUntilNs;
    if (untilNs <= since || (growing && lane.beginNs < 0))
        return; // (a lane whose first events have not come yet is left for later)
    auto &segments = lane.segments;
    const auto from = size_t(std::upper_bound(segments.begin(), segments.end(), since, [](int64_t t, const Segment &s) {
        return t < s.endNs;
    }) - segments.begin());
    const auto to
        = size_t(std::lower_bound(segments.begin() + from, segments.end(), untilNs, [](const Segment &s, int64_t t) {
              return s.startNs < t;
          }) - segments.begin());
    // The open segment is refined from its start: a Running one was cut where the last call
    // stopped (any other is not refined at all).
    const int64_t openFrom = lane.open.startNs;
    const int64_t openTo = growing ? untilNs : std::min(untilNs, lane.open.endNs);
    const bool cutOpen = lane.hasOpenSegment && lane.open.state == State::Running && openFrom < openTo;
    lane.refinedUntilNs = untilNs;
    if (from == to && !cutOpen)
        return;

    // What lies before `since` or after `untilNs` in the first and last segment stays as it is.
    std::vector<Segment> pieces;
    for (size_t i = from; i < to; ++i)
        pieces.push_back(clipped(segments[i], since, untilNs));
    if (cutOpen) {
        Segment open = lane.open; // (its end is its last event: it lasts until openTo)
        open.startNs = openFrom;
        open.endNs = openTo;
        pieces.push_back(open);
        lane.open.startNs = openTo;
        lane.open.endNs = std::max(lane.open.endNs, openTo);
    }
    const PodVector<Segment> refined = refinedSegments(pieces, lane.os, exact);
    std::vector<Segment> after;
    if (from < to && segments[from].startNs < since)
        after.push_back(clipped(segments[from], INT64_MIN, since));
    after.insert(after.end(), refined.begin(), refined.end());
    if (from < to && segments[to - 1].endNs > untilNs)
        after.push_back(clipped(segments[to - 1], untilNs, INT64_MAX));
    after.insert(after.end(), segments.begin() + to, segments.end());

    addStateTimes(trace, std::span<const Segment>(segments.begin() + from, segments.end()), -1);
    addStateTimes(trace, after, +1);
    segments.resize(from);
    lane.lod.truncate(segments);
    for (const Segment &segment : after) {
        segments.push_back(segment);
        lane.lod.append(segment);
    }
}

} // namespace

void SchedModel::refineSegments(Trace &trace)
{
    if (trace.sched.source == SchedSource::Off)
        return;
    const bool exact = trace.sched.source == SchedSource::Exact;
    for (LaneTrack &lane : trace.lanes)
        refineLane(trace, lane, INT64_MAX, false, exact);
}

void SchedModel::refineSegmentsSoFar(Trace &trace, int64_t untilNs)
{
    if (trace.sched.source == SchedSource::Off)
        return;
    const bool exact = trace.sched.source == SchedSource::Exact;
    for (LaneTrack &lane : trace.lanes)
        refineLane(trace, lane, untilNs, true, exact);
}

int SchedModel::maxRunningLanes(const Trace &trace)
{
    std::vector<std::pair<int64_t, int>> edges;
    for (const LaneTrack &lane : trace.lanes) {
        for (const Segment &segment : lane.segments) {
            if (segment.state == State::Running && segment.endNs > segment.startNs) {
                edges.emplace_back(segment.startNs, 1);
                edges.emplace_back(segment.endNs, -1);
            }
        }
    }
    std::sort(edges.begin(), edges.end()); // an end (-1) sorts before a start at the same instant
    int running = 0;
    int most = 0;
    for (const auto &[time, delta] : edges) {
        running += delta;
        most = std::max(most, running);
    }
    return most;
}

} // namespace threadlab
