#pragma once

#include "base/lanebuffer.h"
#include "base/state.h"

#include <QString>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace threadlab {

// What a running thread carries through the step interpreter: its lane's buffer and its
// thread-local data (the copies of thread-local counters).
struct LaneContext
{
    explicit LaneContext(LaneBuffer *buffer)
        : buffer(buffer)
    { }

    void setState(State state, uint32_t object = kNoObject, int64_t arg = -1) noexcept
    {
        buffer->record(EventKind::StateChange, object, arg, static_cast<uint16_t>(state));
    }
    uint32_t lane() const noexcept { return buffer->lane(); }

    LaneBuffer *buffer;
    int task = -1;
    int downloads = 0; // download steps of the current task so far (names their files)
    uint32_t lastItem = kNoObject; // the item this lane last got from a queue
    QString failure; // why the current task failed (empty: it did not)
    std::unordered_map<uint32_t, int64_t> localCounters;
    std::unordered_map<uint32_t, int64_t> localExpected;
    // Locks an outer lock step took in advance, in the global order (the lock-ordering option):
    // the inner steps that name them run without taking them again.
    std::vector<uint32_t> takenInAdvance;
};

} // namespace threadlab
