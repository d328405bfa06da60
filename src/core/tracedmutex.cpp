#include "tracedmutex.h"

#include "lanecontext.h"
#include "stoptoken.h"

#include <chrono>

namespace threadlab {

namespace {
constexpr auto kStopPollInterval = std::chrono::milliseconds(20);
}

TracedMutex::TracedMutex(uint32_t id, const StopToken &stop)
    : m_id(id)
    , m_stop(stop)
{
}

bool TracedMutex::acquire(LaneContext &lane)
{
    if (m_mutex.try_lock()) {
        m_holder.store(lane.lane(), std::memory_order_relaxed);
        lane.buffer->record(EventKind::LockAcquire, m_id, -1);
        return true;
    }
    lane.setState(State::LockWait, m_id, m_holder.load(std::memory_order_relaxed));
    while (!m_mutex.try_lock_for(kStopPollInterval)) {
        if (m_stop.stopRequested()) {
            lane.setState(State::Running);
            return false;
        }
    }
    m_holder.store(lane.lane(), std::memory_order_relaxed);
    lane.buffer->record(EventKind::LockAcquire, m_id, m_lastReleaser.load(std::memory_order_relaxed));
    lane.setState(State::Running);
    return true;
}

void TracedMutex::release(LaneContext &lane)
{
    lane.buffer->record(EventKind::LockRelease, m_id);
    m_lastReleaser.store(lane.lane(), std::memory_order_relaxed);
    m_holder.store(-1, std::memory_order_relaxed);
    m_mutex.unlock();
}

} // namespace threadlab
