#pragma once

#include "runtime/waitgraph.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <unordered_map>

namespace threadlab {

struct LaneContext;
class StopToken;

// threading.Barrier(parties, timeout): each wait blocks (BarrierWait) until `parties` lanes have
// arrived, then all go on together, each recording that the last arrival woke it. A wait that times
// out breaks the barrier, as in Python: every waiter, and every later wait, comes back broken
// (recorded as a WaitTimeout with arg 1) and its task goes on.
class TracedBarrier : public WaitTarget
{
public:
    TracedBarrier(uint32_t id, int64_t parties, int64_t timeoutNs, const StopToken &stop, WaitGraph &graph);

    // timeoutNs < 0: the barrier's own timeout. TimedOut: timed out or broken.
    WaitResult wait(LaneContext &lane, int64_t timeoutNs = -1);
    void wake();
    bool broken() const;

    bool ready(uint32_t lane) const override;
    std::vector<uint32_t> enders() const override { return {}; }

private:
    const uint32_t m_id;
    const int64_t m_parties;
    const int64_t m_timeoutNs;
    const StopToken &m_stop;
    WaitGraph &m_graph;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    int64_t m_arrived = 0;
    uint64_t m_generation = 0;
    bool m_broken = false;
    int64_t m_lastArrival = -1;
    std::unordered_map<uint32_t, uint64_t> m_waiting; // lane -> the generation it waits to pass
    Waiters m_blocked;
};

} // namespace threadlab
