#pragma once

#include "runtime/waitgraph.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace threadlab {

struct LaneContext;
class StopToken;

// threading.Lock (or RLock, re-entrant) that records request -> wait -> acquire -> release. The
// uncontended path records one event; a waiter records which lane held the lock when it started
// to wait and, on acquire, which lane's release handed it over. A wait without a timeout is told
// to the wait-for graph. A stop wakes every waiter.
class TracedMutex : public WaitTarget
{
public:
    TracedMutex(uint32_t id, bool reentrant, const StopToken &stop, WaitGraph &graph);

    // timeoutNs < 0: wait as long as it takes. Not Done: the lock is not held.
    WaitResult acquire(LaneContext &lane, int64_t timeoutNs = -1);
    void release(LaneContext &lane);
    void wake();

    int64_t holder() const;
    bool heldBy(uint32_t lane) const;

    bool ready(uint32_t lane) const override;
    std::vector<uint32_t> enders() const override;

private:
    const uint32_t m_id;
    const bool m_reentrant;
    const StopToken &m_stop;
    WaitGraph &m_graph;
    mutable std::mutex m_mutex;
    std::condition_variable m_released;
    int64_t m_holder = -1; // lane id, -1 when free
    int m_depth = 0; // an rlock's nested acquisitions by its holder
    int64_t m_lastReleaser = -1;
    Waiters m_waiters;
};

} // namespace threadlab
