#pragma once

#include "base/event.h"
#include "base/state.h"

namespace threadlab::test {

// A recorded event, written out as the recorder would make it.
inline Event ev(int64_t t, uint32_t lane, EventKind kind, uint32_t object = kNoObject, int64_t arg = 0,
    State state = State::Running)
{
    return Event { t, arg, lane, object, kind, uint16_t(state), {} };
}

// A state change on a lane.
inline Event st(int64_t t, uint32_t lane, State state, uint32_t object = kNoObject, int64_t arg = -1)
{
    return ev(t, lane, EventKind::StateChange, object, arg, state);
}

} // namespace threadlab::test
