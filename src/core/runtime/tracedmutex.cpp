#include "runtime/tracedmutex.h"

#include "base/lanecontext.h"
#include "base/stoptoken.h"

namespace threadlab {

TracedMutex::TracedMutex(uint32_t id, const StopToken &stop)
    : m_id(id)
    , m_stop(stop)
{ }

bool TracedMutex::acquire(LaneContext &lane)
{
    std::unique_lock lock(m_mutex);
    if (m_holder < 0) {
        m_holder = lane.lane();
        lane.buffer->record(EventKind::LockAcquire, m_id, -1);
        return true;
    }
    lane.setState(State::LockWait, m_id, m_holder);
    m_released.wait(lock, [this] { return m_holder < 0 || m_stop.stopRequested(); });
    if (m_holder >= 0) {
        lock.unlock();
        lane.setState(State::Running);
        return false;
    }
    m_holder = lane.lane();
    lane.buffer->record(EventKind::LockAcquire, m_id, m_lastReleaser);
    lock.unlock();
    lane.setState(State::Running);
    return true;
}

void TracedMutex::release(LaneContext &lane)
{
    {
        std::lock_guard lock(m_mutex);
        lane.buffer->record(EventKind::LockRelease, m_id);
        m_lastReleaser = lane.lane();
        m_holder = -1;
    }
    m_released.notify_one();
}

void TracedMutex::wake()
{
    std::lock_guard lock(m_mutex);
    m_released.notify_all();
}

int64_t TracedMutex::holder() const
{
    std::lock_guard lock(m_mutex);
    return m_holder;
}

} // namespace threadlab
