#pragma once

#include "base/event.h"

#include <QString>
#include <array>
#include <cstdint>
#include <optional>

namespace threadlab {

// What a lane does between two events. Colours and names are fixed per state.
enum class State : uint8_t {
    Running,
    Sleeping,
    IoWait,
    LockWait,
    QueueWait,
    EventWait,
    JoinWait,
    GilWait,
    Idle,
    Runnable,
    Starting, // a worker process being started: from its spawn until its lane begins
    SemaphoreWait, // object = the semaphore
    ConditionWait, // object = the condition (waiting for a notify; re-taking its lock is LockWait)
    BarrierWait, // object = the barrier
};

constexpr int kStateCount = 14;
constexpr int kStateCountV3 = 11; // states in trace files of version 3 and older

constexpr std::array<State, kStateCount> allStates()
{
    return { State::Running, State::Sleeping, State::IoWait, State::LockWait, State::QueueWait, State::EventWait,
        State::JoinWait, State::GilWait, State::Idle, State::Runnable, State::Starting, State::SemaphoreWait,
        State::ConditionWait, State::BarrierWait };
}

QString stateName(State state);
// How a task ended, as summaries and exports write it: completed, cancelled, failed, cut_off.
QString outcomeName(TaskOutcome outcome);
std::optional<State> stateFromName(const QString &name);

} // namespace threadlab
