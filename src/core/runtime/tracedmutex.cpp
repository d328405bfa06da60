#include "runtime/tracedmutex.h"

#include "base/lanecontext.h"
#include "base/stoptoken.h"
#include "runtime/timedwait.h"

namespace threadlab {

TracedMutex::TracedMutex(uint32_t id, bool reentrant, const StopToken &stop, WaitGraph &graph)
    : m_id(id)
    , m_reentrant(reentrant)
    , m_stop(stop)
    , m_graph(graph)
{ }

WaitResult TracedMutex::acquire(LaneContext &lane, int64_t timeoutNs)
{
    std::unique_lock lock(m_mutex);
    if (m_holder < 0 || (m_reentrant && m_holder == lane.lane())) {
        m_holder = lane.lane();
        ++m_depth;
        lane.buffer->record(EventKind::LockAcquire, m_id, -1, uint16_t(m_reentrant ? m_depth : 0));
        return WaitResult::Done;
    }
    lane.setState(State::LockWait, m_id, m_holder);
    const TimedWait wait(m_graph, lane.lane(), { this, State::LockWait, m_id }, timeoutNs);
    const WaitResult result = wait.until(lock, m_released, m_stop, m_waiters, [this] { return m_holder < 0; });
    if (result == WaitResult::Done) {
        m_holder = lane.lane();
        m_depth = 1;
        lane.buffer->record(EventKind::LockAcquire, m_id, m_lastReleaser, uint16_t(m_reentrant ? 1 : 0));
    }
    lock.unlock();
    wait.end(lane, result);
    return result;
}

void TracedMutex::release(LaneContext &lane)
{
    {
        std::lock_guard lock(m_mutex);
        lane.buffer->record(EventKind::LockRelease, m_id, -1, uint16_t(m_reentrant ? m_depth : 0));
        if (--m_depth > 0)
            return;
        m_lastReleaser = lane.lane();
        m_holder = -1;
        m_depth = 0;
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

bool TracedMutex::heldBy(uint32_t lane) const
{
    std::lock_guard lock(m_mutex);
    return m_holder == int64_t(lane);
}

bool TracedMutex::ready(uint32_t lane) const
{
    std::lock_guard lock(m_mutex);
    return !m_waiters.contains(lane) || m_holder < 0 || (m_reentrant && m_holder == int64_t(lane));
}

std::vector<uint32_t> TracedMutex::enders() const
{
    std::lock_guard lock(m_mutex);
    if (m_holder < 0)
        return {};
    return { uint32_t(m_holder) };
}

} // namespace threadlab
