#include "runtime/gil.h"

#include "base/lanecontext.h"
#include "base/stoptoken.h"
#include "trace/segment.h"

namespace threadlab {

Gil::Gil(const StopToken &stop)
    : m_stop(stop)
{ }

bool Gil::acquire(LaneContext &lane)
{
    std::unique_lock lock(m_mutex);
    const uint64_t ticket = m_nextTicket++;
    if (m_serving == ticket) {
        lane.setState(State::Running, kNoObject, SegmentDetail::kHoldingGil);
        return true;
    }
    lane.setState(State::GilWait); // under the lock: before the turn can come
    m_turn.wait(lock, [&] { return m_serving == ticket || m_stop.stopRequested(); });
    const bool acquired = m_serving == ticket;
    lock.unlock();
    lane.setState(State::Running, kNoObject, acquired ? SegmentDetail::kHoldingGil : -1);
    return acquired;
}

bool Gil::yield(LaneContext &lane)
{
    std::unique_lock lock(m_mutex);
    if (m_nextTicket - m_serving <= 1)
        return true;
    const uint64_t ticket = m_nextTicket++;
    lane.setState(State::GilWait);
    ++m_serving;
    m_turn.notify_all();
    m_turn.wait(lock, [&] { return m_serving == ticket || m_stop.stopRequested(); });
    const bool acquired = m_serving == ticket;
    lock.unlock();
    lane.setState(State::Running, kNoObject, acquired ? SegmentDetail::kHoldingGil : -1);
    return acquired;
}

void Gil::release(LaneContext &lane)
{
    {
        std::lock_guard lock(m_mutex);
        lane.setState(State::Running); // still running, no longer holding: recorded before the next one may
        ++m_serving;
    }
    m_turn.notify_all();
}

void Gil::wake()
{
    std::lock_guard lock(m_mutex);
    m_turn.notify_all();
}

} // namespace threadlab
