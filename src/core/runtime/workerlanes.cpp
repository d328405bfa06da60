#include "runtime/workerlanes.h"

#include "base/coretext.h"
#include "base/lanebuffer.h"
#include "base/state.h"

namespace threadlab {

WorkerLanes::WorkerLanes(size_t tasks, size_t objects)
    : m_tasks(tasks)
    , m_objects(objects)
{ }

void WorkerLanes::add(uint32_t workerLane, LaneBuffer *mirror)
{
    m_lanes[workerLane].mirror = mirror;
}

int WorkerLanes::mirrorOf(int64_t workerLane) const
{
    if (workerLane < 0 || workerLane > int64_t(UINT32_MAX))
        return -1;
    const auto lane = m_lanes.find(uint32_t(workerLane));
    return lane == m_lanes.end() ? -1 : int(lane->second.mirror->lane());
}

QString WorkerLanes::checkObjects(const Event &e, int task) const
{
    const bool object = e.object < m_objects;
    switch (e.kind) {
    case EventKind::LaneBegin:
    case EventKind::LaneEnd:
        return {};
    case EventKind::TaskBegin:
    case EventKind::TaskEnd:
        if (task < 0 || e.object != uint32_t(task))
            return Text::tr("names task %1, but it was told to run %2").arg(e.object).arg(task);
        if (e.kind == EventKind::TaskEnd && (e.arg < 0 || e.arg > int64_t(TaskOutcome::Failed)))
            return Text::tr("ends a task with outcome %1").arg(e.arg);
        return {};
    case EventKind::StateChange:
        if (e.aux >= kStateCount)
            return Text::tr("changes to state %1").arg(e.aux);
        if (e.object != kNoObject && !(State(e.aux) == State::JoinWait ? e.object < m_tasks : object))
            return Text::tr("waits on object %1, which does not exist").arg(e.object);
        if (e.arg < INT32_MIN || e.arg > INT32_MAX)
            return Text::tr("has a state argument out of range");
        return {};
    case EventKind::QueuePut:
    case EventKind::QueueGet:
        if (!object || (e.arg != int64_t(kNoObject) && (e.arg < 0 || uint64_t(e.arg) >= m_objects)))
            return Text::tr("names a queue or item that does not exist");
        return {};
    case EventKind::LockAcquire:
    case EventKind::LockRelease:
    case EventKind::CounterRead:
    case EventKind::CounterWrite:
    case EventKind::LostUpdate:
    case EventKind::EventSet:
    case EventKind::EventClear:
    case EventKind::Mark:
    case EventKind::WaitTimeout:
    case EventKind::Notify:
    case EventKind::Woken:
        return object ? QString() : Text::tr("names object %1, which does not exist").arg(e.object);
    case EventKind::Result:
        break;
    }
    return Text::tr("has kind %1, which a worker does not record").arg(int(e.kind));
}

QString WorkerLanes::mirror(Event event, int task, int64_t nowNs)
{
    const auto lane = m_lanes.find(event.lane);
    if (lane == m_lanes.end())
        return Text::tr("sent an event for lane %1, which it did not announce").arg(event.lane);
    if (QString problem = checkObjects(event, task); !problem.isEmpty())
        return Text::tr("sent an event that ") + problem;
    if (event.timeNs < lane->second.lastNs || event.timeNs > nowNs + kMaxAheadNs)
        return Text::tr("sent an event out of time order");
    // Lane ids the event names are the worker's: a lock wait's holder, an acquire's releaser.
    const bool namesLane = (event.kind == EventKind::StateChange
                               && (State(event.aux) == State::LockWait || State(event.aux) == State::SemaphoreWait))
        || event.kind == EventKind::LockAcquire || event.kind == EventKind::Woken;
    if (namesLane && event.arg >= 0) {
        const int mirror = mirrorOf(event.arg);
        if (mirror < 0)
            return Text::tr("named lane %1, which it did not announce").arg(event.arg);
        event.arg = mirror;
    }
    lane->second.lastNs = event.timeNs;
    event.lane = lane->second.mirror->lane();
    lane->second.mirror->push(event);
    return {};
}

} // namespace threadlab
