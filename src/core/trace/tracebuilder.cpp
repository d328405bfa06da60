#include "trace/tracebuilder.h"

#include <algorithm>

namespace threadlab {

TraceBuilder::TraceBuilder(Trace &trace)
    : m_trace(trace)
{ }

void TraceBuilder::start(const Scenario &scenario, int64_t originNs)
{
    m_trace = Trace {};
    m_trace.originNs = originNs;
    m_trace.lastEventNs = originNs;
    m_records = 0;
    m_dropped = 0;
    m_budgetReachedNs = -1;
    m_trace.objects = scenario.objects;
    for (const TaskInstance &instance : scenario.instances)
        m_trace.tasks.push_back(TaskRecord { instance.name, -1, -1, -1, TaskOutcome::Completed, {}, {} });
}

void TraceBuilder::addLane(const LaneInfo &info)
{
    if (m_trace.lanes.size() <= info.id)
        m_trace.lanes.resize(info.id + 1);
    m_trace.lanes[info.id].info = info;
}

void TraceBuilder::addEvents(const Event *events, size_t count)
{
    for (size_t i = 0; i < count; ++i)
        apply(events[i]);
    m_trace.eventCount += count;
}

bool TraceBuilder::isLockWait(State state, uint32_t object) const
{
    // A lock's waits count towards it; a traced program's futex waits name no lock of ours (nor do
    // objects it has not named yet: a scenario's are all known from the start).
    return (state == State::LockWait || state == State::SemaphoreWait) && object < m_trace.objects.size()
        && m_trace.objects[object].kind != ObjectKind::KernelWait;
}

LockRecord &TraceBuilder::lockRecord(uint32_t lock)
{
    LockRecord &record = m_trace.locks[lock];
    if (record.name.isEmpty())
        record.name = m_trace.objectName(lock);
    return record;
}

void TraceBuilder::closeSegment(LaneTrack &lane, int64_t timeNs)
{
    if (!lane.hasOpenSegment)
        return;
    Segment segment = lane.open;
    segment.endNs = timeNs;
    lane.hasOpenSegment = false;
    const int64_t duration = segment.durationNs();
    if (duration <= 0)
        return;
    if (segment.task >= 0 && size_t(segment.task) < m_trace.tasks.size())
        m_trace.tasks[size_t(segment.task)].stateNs[size_t(segment.state)] += duration;
    if (isLockWait(segment.state, segment.object)) {
        LockRecord &lock = lockRecord(segment.object);
        lock.waitNsTotal += duration;
        lock.waitNsMax = std::max(lock.waitNsMax, duration);
    }
    // Consecutive pieces of the same state in the same task merge into one segment.
    if (!lane.segments.empty()) {
        Segment &last = lane.segments.back();
        if (last.endNs == segment.startNs && last.state == segment.state && last.task == segment.task
            && last.object == segment.object && last.arg == segment.arg) {
            const int64_t previousEnd = last.endNs;
            last.endNs = segment.endNs;
            lane.lod.extendLast(last, previousEnd);
            return;
        }
    }
    keep(lane.segments, segment);
    lane.lod.append(segment);
}

void TraceBuilder::switchSegment(LaneTrack &lane, int64_t timeNs, State state, uint32_t object, int32_t arg)
{
    if (timeNs < lane.refinedUntilNs) {
        // The live refinement by the scheduler's data has passed this moment already (the event
        // came very late): the lane's segments stay in order, the change is drawn there.
        timeNs = lane.refinedUntilNs;
        ++m_movedEvents;
    }
    closeSegment(lane, timeNs);
    lane.open = Segment { timeNs, timeNs, lane.currentTask, object, arg, state };
    lane.hasOpenSegment = true;
}

void TraceBuilder::apply(const Event &event)
{
    if (event.lane >= m_trace.lanes.size())
        m_trace.lanes.resize(event.lane + 1);
    LaneTrack &lane = m_trace.lanes[event.lane];
    const int64_t t = event.timeNs;
    m_trace.lastEventNs = std::max(m_trace.lastEventNs, t);
    if (lane.hasOpenSegment)
        lane.open.endNs = std::max(lane.open.endNs, t);
    if (m_records >= m_budget) {
        applyOverBudget(lane, event);
        return;
    }

    switch (event.kind) {
    case EventKind::LaneBegin:
        // A worker process's lane begins Starting at its spawn (recorded by the parent), then again
        // when the worker itself starts it: the first is when the lane began.
        if (lane.beginNs < 0)
            lane.beginNs = t;
        switchSegment(lane, t, State::Running, kNoObject, -1);
        return;
    case EventKind::LaneEnd:
        closeSegment(lane, t);
        lane.endNs = t;
        return;
    case EventKind::StateChange: {
        const auto state = static_cast<State>(std::min<uint16_t>(event.aux, kStateCount - 1));
        if (isLockWait(state, event.object))
            ++lockRecord(event.object).contended;
        switchSegment(lane, t, state, event.object, int32_t(event.arg));
        return;
    }
    case EventKind::TaskBegin:
    case EventKind::TaskEnd: {
        const bool begins = event.kind == EventKind::TaskBegin;
        recordTaskBoundary(event);
        const State state = lane.hasOpenSegment ? lane.open.state : State::Running;
        const uint32_t object = lane.hasOpenSegment ? lane.open.object : kNoObject;
        const int32_t arg = lane.hasOpenSegment ? lane.open.arg : -1;
        lane.currentTask = begins ? int(event.object) : -1;
        switchSegment(lane, t, state, object, arg);
        return;
    }
    case EventKind::LockAcquire: {
        if (event.aux >= 2) { // an rlock taken again by its holder: counted, not a new hold
            ++lockRecord(event.object).reentries;
            return;
        }
        keep(lane.lockEvents, event);
        ++lockRecord(event.object).acquisitions;
        lane.heldLocks.emplace_back(event.object, t);
        if (event.arg >= 0) {
            const bool waited = lane.hasOpenSegment
                && (lane.open.state == State::LockWait || lane.open.state == State::SemaphoreWait);
            const int64_t waitStart = waited ? lane.open.startNs : t;
            keep(m_trace.handoffs, LockHandoff { event.object, uint32_t(event.arg), event.lane, waitStart, t });
        }
        return;
    }
    case EventKind::LockRelease: {
        if (event.aux >= 2) // an rlock's inner release: its holder still holds it
            return;
        keep(lane.lockEvents, event);
        auto held = std::find_if(
            lane.heldLocks.rbegin(), lane.heldLocks.rend(), [&](const auto &h) { return h.first == event.object; });
        if (held != lane.heldLocks.rend()) {
            lockRecord(event.object).holdNsTotal += t - held->second;
            lane.heldLocks.erase(std::next(held).base());
        }
        return;
    }
    case EventKind::Result:
        if (event.object < m_trace.tasks.size())
            m_trace.resultsOrder.push_back(int(event.object));
        keep(lane.marks, event);
        return;
    case EventKind::CounterRead:
    case EventKind::CounterWrite:
        keep(lane.counterEvents, event);
        return;
    case EventKind::LostUpdate:
        keep(lane.lostUpdates, event);
        return;
    case EventKind::QueuePut:
    case EventKind::QueueGet:
    case EventKind::EventSet:
    case EventKind::EventClear:
    case EventKind::Mark:
    case EventKind::WaitTimeout:
    case EventKind::Notify:
    case EventKind::Woken:
        m_trace.markKinds |= 1u << unsigned(event.kind);
        keep(lane.marks, event);
        return;
    }
}

void TraceBuilder::recordTaskBoundary(const Event &event)
{
    if (event.object >= m_trace.tasks.size() && event.object < m_maxNewTasks)
        m_trace.tasks.resize(size_t(event.object) + 1); // a traced program's new thread; named by its owner
    if (event.object >= m_trace.tasks.size())
        return;
    TaskRecord &task = m_trace.tasks[event.object];
    if (event.kind == EventKind::TaskBegin) {
        task.beginNs = event.timeNs;
        task.lane = int(event.lane);
    } else {
        task.endNs = event.timeNs;
        task.outcome = event.arg >= 0 && event.arg <= int64_t(TaskOutcome::CutOff) ? static_cast<TaskOutcome>(event.arg)
                                                                                   : TaskOutcome::Failed;
    }
}

void TraceBuilder::applyOverBudget(LaneTrack &lane, const Event &event)
{
    if (m_budgetReachedNs < 0) {
        // Every lane's picture ends with the last event it had when the budget ran out.
        m_budgetReachedNs = event.timeNs;
        for (LaneTrack &each : m_trace.lanes)
            closeSegment(each, each.open.endNs);
    }
    const int64_t t = event.timeNs;
    switch (event.kind) {
    case EventKind::LaneEnd:
        lane.endNs = t;
        break;
    case EventKind::TaskBegin:
    case EventKind::TaskEnd:
        recordTaskBoundary(event);
        break;
    case EventKind::Result:
        if (event.object < m_trace.tasks.size())
            m_trace.resultsOrder.push_back(int(event.object));
        break;
    default:
        ++m_dropped;
        break;
    }
}

} // namespace threadlab
