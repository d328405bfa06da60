#include "runtime/tracedevent.h"

#include "base/lanecontext.h"
#include "base/stoptoken.h"
#include "runtime/timedwait.h"

namespace threadlab {

TracedEvent::TracedEvent(uint32_t id, const StopToken &stop, WaitGraph &graph)
    : m_id(id)
    , m_stop(stop)
    , m_graph(graph)
{ }

void TracedEvent::set(LaneContext &lane)
{
    {
        std::lock_guard lock(m_mutex);
        m_set = true;
        lane.buffer->record(EventKind::EventSet, m_id);
    }
    m_changed.notify_all();
}

void TracedEvent::clear(LaneContext &lane)
{
    std::lock_guard lock(m_mutex);
    m_set = false;
    lane.buffer->record(EventKind::EventClear, m_id);
}

WaitResult TracedEvent::wait(LaneContext &lane, int64_t timeoutNs)
{
    std::unique_lock lock(m_mutex);
    if (m_set)
        return WaitResult::Done;
    lock.unlock();
    lane.setState(State::EventWait, m_id);
    lock.lock();
    const TimedWait wait(m_graph, lane.lane(), { this, State::EventWait, m_id }, timeoutNs);
    const WaitResult result = wait.until(lock, m_changed, m_stop, m_waiters, [this] { return m_set; });
    lock.unlock();
    wait.end(lane, result);
    return result;
}

bool TracedEvent::ready(uint32_t lane) const
{
    std::lock_guard lock(m_mutex);
    return !m_waiters.contains(lane) || m_set;
}

bool TracedEvent::isSet() const
{
    std::lock_guard lock(m_mutex);
    return m_set;
}

void TracedEvent::wake()
{
    std::lock_guard lock(m_mutex);
    m_changed.notify_all();
}

} // namespace threadlab
