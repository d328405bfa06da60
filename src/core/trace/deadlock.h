#pragma once

#include "base/event.h"
#include "base/state.h"

#include <cstdint>
#include <vector>

namespace threadlab {

// One lane of a deadlock: what it holds and what it waits for, when the run was found stuck.
struct DeadlockLink
{
    uint32_t lane = 0;
    std::vector<uint32_t> holds; // locks, rlocks and semaphores it holds
    State waitState = State::LockWait; // how it waits (JoinWait: waitsFor is a task instance)
    uint32_t waitsFor = kNoObject; // the object (or task) it waits for
    int64_t heldBy = -1; // the lane that holds what it waits for (a lock's holder, a joined thread), or -1
};

// A deadlock found while the run went on: either a cycle (each lane waits for what the next one
// holds) or lanes that wait forever for what no live lane can still do (an event nobody will set).
struct Deadlock
{
    bool found = false;
    bool cycle = false;
    int64_t detectedNs = 0; // steady-clock time
    std::vector<DeadlockLink> links; // a cycle in its order; otherwise every lane that waits forever
};

} // namespace threadlab
