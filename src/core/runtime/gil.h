#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace threadlab {

struct LaneContext;
class StopToken;

// A simulated global interpreter lock: one per process, taken by cpu steps in slices of the switch
// interval (5 ms, as in CPython) and never held across a blocking step. Tickets make hand-over fair,
// so threads doing CPU work take turns instead of running in parallel.
class Gil
{
public:
    static constexpr int64_t kSwitchIntervalNs = 5'000'000;

    explicit Gil(const StopToken &stop);

    bool acquire(LaneContext &lane); // false if stopped while waiting
    // The switch interval is over: if another thread waits, queue behind it and hand the GIL over
    // (GilWait is recorded while still holding it, so two lanes never look Running at once);
    // if none waits, keep it. False if stopped while waiting (the GIL is then not held).
    bool yield(LaneContext &lane);
    void release(LaneContext &lane);
    void wake();

private:
    const StopToken &m_stop;
    std::mutex m_mutex;
    std::condition_variable m_turn;
    uint64_t m_nextTicket = 0;
    uint64_t m_serving = 0;
};

} // namespace threadlab
