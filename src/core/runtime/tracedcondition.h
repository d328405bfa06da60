#pragma once

#include "runtime/waitgraph.h"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>

namespace threadlab {

struct LaneContext;
class StopToken;
class TracedMutex;

// threading.Condition over a named lock. wait() gives the lock up, waits for a notify
// (ConditionWait), takes the lock again (LockWait if another lane has it) and records which lane's
// notify woke it. notify(n) wakes the n longest waiting, in the order they began to wait, as
// CPython's does; notify_all wakes them all. Both need the lock held, as in Python.
class TracedCondition : public WaitTarget
{
public:
    TracedCondition(uint32_t id, TracedMutex &lock, const StopToken &stop, WaitGraph &graph);

    TracedMutex &lock() { return m_lock; }
    // wait() or, with a predicate, wait_for(predicate): Done once notified (and the predicate holds);
    // TimedOut when the timeout passed first. Either way the lock is held again, unless the run was
    // stopped. Needs the lock held: otherwise nothing happens and `*notHeld` is set.
    WaitResult wait(LaneContext &lane, const std::function<bool()> &predicate, int64_t timeoutNs, bool *notHeld);
    // Wakes up to n waiters (n < 0: all). False if the lane does not hold the lock.
    bool notify(LaneContext &lane, int64_t n);
    void wake();

    bool ready(uint32_t lane) const override;
    std::vector<uint32_t> enders() const override { return {}; }

private:
    struct Waiter
    {
        uint32_t lane = 0;
        bool notified = false;
        int64_t notifier = -1;
    };
    WaitResult waitOnce(LaneContext &lane, int64_t deadlineNs);

    const uint32_t m_id;
    TracedMutex &m_lock;
    const StopToken &m_stop;
    WaitGraph &m_graph;
    mutable std::mutex m_mutex;
    std::condition_variable m_notified;
    std::list<Waiter> m_waiters; // in the order they began to wait
    Waiters m_blocked; // those of them in a blocking wait
};

} // namespace threadlab
