#include "gil.h"

#include "lanecontext.h"
#include "stoptoken.h"

namespace threadlab {

Gil::Gil(const StopToken &stop)
    : m_stop(stop)
{ }

bool Gil::acquire(LaneContext &lane)
{
    std::unique_lock lock(m_mutex);
    const uint64_t ticket = m_nextTicket++;
    if (m_serving == ticket)
        return true;
    lock.unlock();
    lane.setState(State::GilWait);
    lock.lock();
    m_turn.wait(lock, [&] { return m_serving == ticket || m_stop.stopRequested(); });
    const bool acquired = m_serving == ticket;
    lock.unlock();
    lane.setState(State::Running);
    return acquired;
}

void Gil::release()
{
    {
        std::lock_guard lock(m_mutex);
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
