#include "runtime/tracedcondition.h"

#include "runtime/timedwait.h"
#include "runtime/tracedmutex.h"

#include <algorithm>

namespace threadlab {

TracedCondition::TracedCondition(uint32_t id, TracedMutex &lock, const StopToken &stop, WaitGraph &graph)
    : m_id(id)
    , m_lock(lock)
    , m_stop(stop)
    , m_graph(graph)
{ }

WaitResult TracedCondition::wait(
    LaneContext &lane, const std::function<bool()> &predicate, int64_t timeoutNs, bool *notHeld)
{
    if (!m_lock.heldBy(lane.lane())) {
        *notHeld = true;
        return WaitResult::Stopped;
    }
    const int64_t deadlineNs = timeoutNs < 0 ? -1 : nowNs() + timeoutNs;
    for (;;) {
        if (predicate && predicate())
            return WaitResult::Done;
        const WaitResult result = waitOnce(lane, deadlineNs);
        // The lock is taken again however the wait ended (a stopped run's lanes just end).
        if (result == WaitResult::Stopped || m_lock.acquire(lane) != WaitResult::Done)
            return WaitResult::Stopped;
        if (result == WaitResult::TimedOut)
            return predicate && predicate() ? WaitResult::Done : WaitResult::TimedOut;
        if (!predicate)
            return WaitResult::Done;
    }
}

WaitResult TracedCondition::waitOnce(LaneContext &lane, int64_t deadlineNs)
{
    std::unique_lock lock(m_mutex);
    const auto waiter = m_waiters.insert(m_waiters.end(), Waiter { lane.lane() });
    lock.unlock();
    m_lock.release(lane);
    lane.setState(State::ConditionWait, m_id);
    lock.lock();
    const int64_t timeoutNs = deadlineNs < 0 ? -1 : std::max<int64_t>(0, deadlineNs - nowNs());
    const TimedWait wait(m_graph, lane.lane(), { this, State::ConditionWait, m_id }, timeoutNs);
    WaitResult result = wait.until(lock, m_notified, m_stop, m_blocked, [&] { return waiter->notified; });
    if (waiter->notified) {
        result = WaitResult::Done; // a notify that came with the timeout still counts
        lane.buffer->record(EventKind::Woken, m_id, waiter->notifier);
    }
    m_waiters.erase(waiter);
    lock.unlock();
    wait.end(lane, result);
    return result;
}

bool TracedCondition::notify(LaneContext &lane, int64_t n)
{
    if (!m_lock.heldBy(lane.lane()))
        return false;
    {
        std::lock_guard lock(m_mutex);
        int64_t woken = 0;
        for (Waiter &waiter : m_waiters) {
            if (n >= 0 && woken >= n)
                break;
            if (!waiter.notified) {
                waiter.notified = true;
                waiter.notifier = lane.lane();
                ++woken;
            }
        }
        lane.buffer->record(EventKind::Notify, m_id, woken);
    }
    m_notified.notify_all();
    return true;
}

void TracedCondition::wake()
{
    std::lock_guard lock(m_mutex);
    m_notified.notify_all();
}

bool TracedCondition::ready(uint32_t lane) const
{
    std::lock_guard lock(m_mutex);
    return !m_blocked.contains(lane) || std::any_of(m_waiters.begin(), m_waiters.end(), [&](const Waiter &w) {
        return w.lane == lane && w.notified;
    });
}

} // namespace threadlab
