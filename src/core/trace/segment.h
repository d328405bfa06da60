#pragma once

#include "base/event.h"
#include "base/state.h"

#include <cstdint>

namespace threadlab {

// What one lane did from startNs to endNs (absolute steady-clock times).
struct Segment
{
    int64_t startNs = 0;
    int64_t endNs = 0;
    int32_t task = -1; // task instance, -1 outside a task
    uint32_t object = kNoObject; // what a wait waits on (lock, queue, event, task)
    int32_t arg = -1; // LockWait: the lane that held the lock when the wait began; see SegmentDetail
    State state = State::Running;

    int64_t durationNs() const noexcept { return endNs - startNs; }
};

static_assert(sizeof(Segment) == 32, "Segment must stay 32 bytes");

// What a segment's arg adds to some states: the runtime records it, the views show it.
namespace SegmentDetail {
constexpr int64_t kWaitingForFirstByte = 0; // IoWait of a download: connecting, waiting for the first byte
constexpr int64_t kReceiving = 1; // IoWait of a download: the response is arriving
constexpr int64_t kHoldingGil = 1; // Running while holding the simulated GIL
} // namespace SegmentDetail

} // namespace threadlab
