#pragma once

#include "base/clock.h"
#include "base/lanecontext.h"
#include "base/stoptoken.h"
#include "runtime/waitgraph.h"

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace threadlab {

// One blocking wait of a primitive: with a timeout it may give up (recorded as WaitTimeout); without
// one it is in the wait-for graph while it lasts. A stop ends it either way. The lane has already
// recorded its waiting state; end() records how it ended and goes back to Running.
class TimedWait
{
public:
    TimedWait(WaitGraph &graph, uint32_t lane, WaitGraph::Wait wait, int64_t timeoutNs)
        : m_graph(graph)
        , m_lane(lane)
        , m_wait(wait)
        , m_deadlineNs(timeoutNs < 0 ? -1 : nowNs() + timeoutNs)
    { }

    // Waits on `changed` under `lock` (the primitive's own) until `ready()`; the graph is told
    // with the lock let go, since the graph may look at this primitive.
    // The lane is among `waiters` while it waits (see Waiters): the caller ends its wait (takes
    // the lock, the item…) before it lets go of `lock`.
    template <typename Ready>
    WaitResult until(std::unique_lock<std::mutex> &lock, std::condition_variable &changed, const StopToken &stop,
        Waiters &waiters, Ready ready) const
    {
        auto over = [&] { return ready() || stop.stopRequested(); };
        waiters.add(m_lane);
        WaitResult result = WaitResult::Done;
        if (m_deadlineNs < 0) {
            lock.unlock();
            m_graph.block(m_lane, m_wait);
            lock.lock();
            changed.wait(lock, over);
        } else if (!changed.wait_until(lock, deadline(), over)) {
            result = WaitResult::TimedOut;
        }
        waiters.remove(m_lane);
        // A stop wins: the picture of a stopped (or deadlocked) run ends where it was stopped.
        if (result == WaitResult::Done && (stop.stopRequested() || !ready()))
            result = WaitResult::Stopped;
        return result;
    }

    // Call without the primitive's lock.
    void end(LaneContext &lane, WaitResult result, int64_t broken = 0) const
    {
        if (m_deadlineNs < 0)
            m_graph.unblock(m_lane);
        if (result == WaitResult::TimedOut || broken)
            lane.buffer->record(EventKind::WaitTimeout, m_wait.object, broken, uint16_t(m_wait.state));
        lane.setState(State::Running);
    }

    std::chrono::steady_clock::time_point deadline() const
    {
        return std::chrono::steady_clock::time_point(std::chrono::nanoseconds(m_deadlineNs));
    }
    bool forever() const { return m_deadlineNs < 0; }

private:
    WaitGraph &m_graph;
    const uint32_t m_lane;
    const WaitGraph::Wait m_wait;
    const int64_t m_deadlineNs;
};

} // namespace threadlab
