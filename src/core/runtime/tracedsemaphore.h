#pragma once

#include "runtime/waitgraph.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace threadlab {

struct LaneContext;
class StopToken;

// threading.Semaphore (BoundedSemaphore when bounded): `value` units; acquire takes one, waiting
// (SemaphoreWait) while none is left; release gives one back. Acquires and releases are recorded
// like a lock's, with the lane whose release ended a wait. Its holders are the lanes inside a
// `semaphore` step; if any step releases it without holding it, any lane may end a wait.
class TracedSemaphore : public WaitTarget
{
public:
    TracedSemaphore(
        uint32_t id, int64_t value, bool bounded, bool releasedWithoutHolding, const StopToken &stop, WaitGraph &graph);

    WaitResult acquire(LaneContext &lane, int64_t timeoutNs = -1);
    // False (nothing changes) when a bounded semaphore would go above its initial value.
    bool release(LaneContext &lane, bool held);
    void wake();

    int64_t value() const;
    int64_t initialValue() const { return m_initial; }
    bool heldBy(uint32_t lane) const;

    bool ready(uint32_t lane) const override;
    std::vector<uint32_t> enders() const override;

private:
    const uint32_t m_id;
    const int64_t m_initial;
    const bool m_bounded;
    const bool m_releasedWithoutHolding;
    const StopToken &m_stop;
    WaitGraph &m_graph;
    mutable std::mutex m_mutex;
    std::condition_variable m_released;
    int64_t m_value;
    std::vector<uint32_t> m_holders; // one entry per unit held inside a semaphore step
    int64_t m_lastReleaser = -1;
    Waiters m_waiters;
};

} // namespace threadlab
