#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace threadlab {

struct LaneContext;
class StopToken;

// A mutex that records request -> wait -> acquire -> release. The uncontended path records one
// event; a waiter records which lane held the lock when it started to wait and, on acquire, which
// lane's release handed it over. A stop wakes every waiter.
class TracedMutex
{
public:
    TracedMutex(uint32_t id, const StopToken &stop);

    // Returns false if the run was stopped while waiting (the lock is then not held).
    bool acquire(LaneContext &lane);
    void release(LaneContext &lane);
    void wake();

    int64_t holder() const;

private:
    const uint32_t m_id;
    const StopToken &m_stop;
    mutable std::mutex m_mutex;
    std::condition_variable m_released;
    int64_t m_holder = -1; // lane id, -1 when free
    int64_t m_lastReleaser = -1;
};

} // namespace threadlab
