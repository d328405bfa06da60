#pragma once

#include "base/state.h"
#include "trace/deadlock.h"

#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace threadlab {

// How a wait ended.
enum class WaitResult : uint8_t { Done, TimedOut, Stopped };

// Something a lane can wait for (a lock, a queue, a joined thread…), as the wait-for graph sees it.
// Both calls may take the object's own mutex; the object never calls the graph while holding it.
class WaitTarget
{
public:
    virtual ~WaitTarget() = default;
    // The wait of `lane` would end now (the lock is free, the event set, the waiter notified…).
    virtual bool ready(uint32_t lane) const = 0;
    // The lanes whose steps can end the wait (a lock's holder, the joined thread); empty: any lane's.
    virtual std::vector<uint32_t> enders() const = 0;
};

// The lanes inside a blocking wait on one primitive, kept under the primitive's own mutex: a lane
// leaves it in the same hold of the mutex in which its wait ends (it got the lock, the item…), so
// the graph never takes a lane that is done waiting, but has not said so yet, as still waiting.
class Waiters
{
public:
    void add(uint32_t lane) { m_lanes.push_back(lane); }
    void remove(uint32_t lane)
    {
        for (size_t i = 0; i < m_lanes.size(); ++i) {
            if (m_lanes[i] == lane) {
                m_lanes[i] = m_lanes.back();
                m_lanes.pop_back();
                return;
            }
        }
    }
    bool contains(uint32_t lane) const
    {
        for (uint32_t each : m_lanes) {
            if (each == lane)
                return true;
        }
        return false;
    }

private:
    std::vector<uint32_t> m_lanes;
};

// The wait-for graph of one process: which lanes take part (the main lane and every running task),
// which of them wait without a timeout and for what. When a lane starts to wait or a task ends, it
// looks for a set of waiting lanes that no other lane can ever wake: each waits for a lane of the
// set (a cycle: add_2 holds A and waits for B, sub_4 holds B and waits for A) or for anything, while
// every lane is in the set and no task is still to start. The first one found goes to the sink.
// Cost: nothing on an uncontended acquire; a look at the holder chain on a contended one.
class WaitGraph
{
public:
    struct Wait
    {
        const WaitTarget *target = nullptr;
        State state = State::LockWait;
        uint32_t object = kNoObject; // the object, or the task instance of a join
    };
    // Called once, on the lane that closed the deadlock, without the graph's lock held.
    using Sink = std::function<void(const Deadlock &deadlock)>;
    // Which locks a lane holds (for the report).
    using Holdings = std::function<std::vector<uint32_t>(uint32_t lane)>;

    void setSink(Sink sink, Holdings holdings);

    // Tasks that will start later (a thread not yet running, a task queued on a pool): while any
    // is pending, a wait that anyone could end is not taken as forever.
    void expect(int tasks);
    void enter(uint32_t lane, bool wasExpected); // a lane takes part (a task starts on it)
    // The lane runs a daemon task: lanes that wait forever are no deadlock when they all are
    // daemons (the program ends and cuts them off, as Python does).
    void markDaemon(uint32_t lane);
    void leave(uint32_t lane); // its task ended (its waits are over)
    void block(uint32_t lane, Wait wait); // waits without a timeout
    void unblock(uint32_t lane);

    bool reported() const;

private:
    bool mayCloseDeadlock(uint32_t lane, const Wait &wait) const;
    std::vector<uint32_t> stuckLanes() const; // the largest set of waiting lanes nobody can wake
    Deadlock describe(std::vector<uint32_t> stuck, uint32_t start) const;
    void check(std::unique_lock<std::mutex> &lock, uint32_t lane);

    mutable std::mutex m_mutex;
    struct Participant
    {
        int depth = 0; // a sequential executor runs tasks on the main lane, which takes part already
        bool blocked = false;
        bool daemon = false;
        Wait wait;
    };
    std::unordered_map<uint32_t, Participant> m_lanes;
    int m_pending = 0;
    int m_blocked = 0;
    bool m_reported = false;
    Sink m_sink;
    Holdings m_holdings;
};

} // namespace threadlab
