#include "runtime/tracedevent.h"

#include "base/lanecontext.h"
#include "base/stoptoken.h"

namespace threadlab {

TracedEvent::TracedEvent(uint32_t id, const StopToken &stop)
    : m_id(id)
    , m_stop(stop)
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

bool TracedEvent::wait(LaneContext &lane)
{
    std::unique_lock lock(m_mutex);
    if (m_set)
        return true;
    lock.unlock();
    lane.setState(State::EventWait, m_id);
    lock.lock();
    m_changed.wait(lock, [this] { return m_set || m_stop.stopRequested(); });
    const bool set = m_set;
    lock.unlock();
    lane.setState(State::Running);
    return set;
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
