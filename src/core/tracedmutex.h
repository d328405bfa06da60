#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>

namespace threadlab {

struct LaneContext;
class StopToken;

// A mutex that records request -> wait -> acquire -> release. The uncontended path costs one
// try_lock and one event; a waiter records which lane held the lock when it started to wait and,
// on acquire, which lane's release handed it over.
class TracedMutex
{
public:
    TracedMutex(uint32_t id, const StopToken &stop);

    // Returns false if the run was stopped while waiting (the lock is then not held).
    bool acquire(LaneContext &lane);
    void release(LaneContext &lane);

    int64_t holder() const noexcept { return m_holder.load(std::memory_order_relaxed); }

private:
    const uint32_t m_id;
    const StopToken &m_stop;
    std::timed_mutex m_mutex;
    std::atomic<int64_t> m_holder { -1 };
    std::atomic<int64_t> m_lastReleaser { -1 };
};

} // namespace threadlab
