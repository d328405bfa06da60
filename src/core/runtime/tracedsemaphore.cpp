#include "runtime/tracedsemaphore.h"

#include "runtime/timedwait.h"

#include <algorithm>

namespace threadlab {

TracedSemaphore::TracedSemaphore(
    uint32_t id, int64_t value, bool bounded, bool releasedWithoutHolding, const StopToken &stop, WaitGraph &graph)
    : m_id(id)
    , m_initial(value)
    , m_bounded(bounded)
    , m_releasedWithoutHolding(releasedWithoutHolding)
    , m_stop(stop)
    , m_graph(graph)
    , m_value(value)
{ }

WaitResult TracedSemaphore::acquire(LaneContext &lane, int64_t timeoutNs)
{
    std::unique_lock lock(m_mutex);
    if (m_value > 0) {
        --m_value;
        m_holders.push_back(lane.lane());
        lane.buffer->record(EventKind::LockAcquire, m_id, -1);
        return WaitResult::Done;
    }
    lane.setState(State::SemaphoreWait, m_id, m_holders.empty() ? -1 : int64_t(m_holders.front()));
    const TimedWait wait(m_graph, lane.lane(), { this, State::SemaphoreWait, m_id }, timeoutNs);
    const WaitResult result = wait.until(lock, m_released, m_stop, m_waiters, [this] { return m_value > 0; });
    if (result == WaitResult::Done) {
        --m_value;
        m_holders.push_back(lane.lane());
        lane.buffer->record(EventKind::LockAcquire, m_id, m_lastReleaser);
    }
    lock.unlock();
    wait.end(lane, result);
    return result;
}

bool TracedSemaphore::release(LaneContext &lane, bool held)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_bounded && m_value >= m_initial)
            return false;
        ++m_value;
        if (held) {
            const auto it = std::find(m_holders.begin(), m_holders.end(), lane.lane());
            if (it != m_holders.end())
                m_holders.erase(it);
        }
        m_lastReleaser = lane.lane();
        lane.buffer->record(EventKind::LockRelease, m_id);
    }
    m_released.notify_one();
    return true;
}

void TracedSemaphore::wake()
{
    std::lock_guard lock(m_mutex);
    m_released.notify_all();
}

int64_t TracedSemaphore::value() const
{
    std::lock_guard lock(m_mutex);
    return m_value;
}

bool TracedSemaphore::heldBy(uint32_t lane) const
{
    std::lock_guard lock(m_mutex);
    return std::find(m_holders.begin(), m_holders.end(), lane) != m_holders.end();
}

bool TracedSemaphore::ready(uint32_t lane) const
{
    std::lock_guard lock(m_mutex);
    return !m_waiters.contains(lane) || m_value > 0;
}

std::vector<uint32_t> TracedSemaphore::enders() const
{
    std::lock_guard lock(m_mutex);
    if (m_releasedWithoutHolding)
        return {};
    std::vector<uint32_t> holders = m_holders;
    std::sort(holders.begin(), holders.end());
    holders.erase(std::unique(holders.begin(), holders.end()), holders.end());
    return holders;
}

} // namespace threadlab
