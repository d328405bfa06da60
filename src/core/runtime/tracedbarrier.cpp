#include "runtime/tracedbarrier.h"

#include "runtime/timedwait.h"

namespace threadlab {

TracedBarrier::TracedBarrier(uint32_t id, int64_t parties, int64_t timeoutNs, const StopToken &stop, WaitGraph &graph)
    : m_id(id)
    , m_parties(parties)
    , m_timeoutNs(timeoutNs)
    , m_stop(stop)
    , m_graph(graph)
{ }

WaitResult TracedBarrier::wait(LaneContext &lane, int64_t timeoutNs)
{
    std::unique_lock lock(m_mutex);
    if (m_broken) {
        lane.buffer->record(EventKind::WaitTimeout, m_id, 1, uint16_t(State::BarrierWait));
        return WaitResult::TimedOut;
    }
    if (++m_arrived == m_parties) {
        ++m_generation;
        m_arrived = 0;
        m_lastArrival = lane.lane();
        lock.unlock();
        m_changed.notify_all();
        return WaitResult::Done;
    }
    const uint64_t generation = m_generation;
    m_waiting[lane.lane()] = generation;
    lane.setState(State::BarrierWait, m_id);
    const TimedWait wait(
        m_graph, lane.lane(), { this, State::BarrierWait, m_id }, timeoutNs < 0 ? m_timeoutNs : timeoutNs);
    WaitResult result
        = wait.until(lock, m_changed, m_stop, m_blocked, [&] { return m_generation != generation || m_broken; });
    m_waiting.erase(lane.lane());
    bool brokenByOther = false;
    if (result == WaitResult::TimedOut) {
        m_broken = true; // this lane gave up: the barrier breaks for everyone
        m_changed.notify_all();
    } else if (result == WaitResult::Done && m_generation == generation) {
        brokenByOther = true;
        result = WaitResult::TimedOut;
    } else if (result == WaitResult::Done) {
        lane.buffer->record(EventKind::Woken, m_id, m_lastArrival);
    }
    lock.unlock();
    wait.end(lane, result, brokenByOther ? 1 : 0);
    return result;
}

void TracedBarrier::wake()
{
    std::lock_guard lock(m_mutex);
    m_changed.notify_all();
}

bool TracedBarrier::broken() const
{
    std::lock_guard lock(m_mutex);
    return m_broken;
}

bool TracedBarrier::ready(uint32_t lane) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_waiting.find(lane);
    return !m_blocked.contains(lane) || m_broken || it == m_waiting.end() || it->second != m_generation;
}

} // namespace threadlab
