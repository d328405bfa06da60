#include "base/state.h"

namespace threadlab {

QString stateName(State state)
{
    switch (state) {
    case State::Running:
        return QStringLiteral("Running");
    case State::Sleeping:
        return QStringLiteral("Sleeping");
    case State::IoWait:
        return QStringLiteral("IoWait");
    case State::LockWait:
        return QStringLiteral("LockWait");
    case State::QueueWait:
        return QStringLiteral("QueueWait");
    case State::EventWait:
        return QStringLiteral("EventWait");
    case State::JoinWait:
        return QStringLiteral("JoinWait");
    case State::GilWait:
        return QStringLiteral("GilWait");
    case State::Idle:
        return QStringLiteral("Idle");
    case State::Runnable:
        return QStringLiteral("Runnable");
    case State::Starting:
        return QStringLiteral("Starting");
    case State::SemaphoreWait:
        return QStringLiteral("SemaphoreWait");
    case State::ConditionWait:
        return QStringLiteral("ConditionWait");
    case State::BarrierWait:
        return QStringLiteral("BarrierWait");
    }
    return QStringLiteral("Unknown");
}

std::optional<State> stateFromName(const QString &name)
{
    for (State state : allStates()) {
        if (stateName(state) == name)
            return state;
    }
    return std::nullopt;
}

QString outcomeName(TaskOutcome outcome)
{
    switch (outcome) {
    case TaskOutcome::Completed:
        return QStringLiteral("completed");
    case TaskOutcome::Cancelled:
        return QStringLiteral("cancelled");
    case TaskOutcome::Failed:
        return QStringLiteral("failed");
    case TaskOutcome::CutOff:
        return QStringLiteral("cut_off");
    }
    return QStringLiteral("failed");
}

} // namespace threadlab
