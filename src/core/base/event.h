#pragma once

#include <cstdint>
#include <type_traits>

namespace threadlab {

enum class EventKind : uint16_t {
    LaneBegin, // a lane starts to exist
    LaneEnd, // a lane ends (thread joined / process exited)
    TaskBegin, // object = task instance
    TaskEnd, // object = task instance, arg = TaskOutcome
    StateChange, // aux = State, object = what is waited on (or kNoObject), arg = holder lane or -1
    // object = lock, rlock or semaphore, arg = lane whose release handed it over, or -1 if uncontended;
    // aux = an rlock's depth after the acquire (0 for a plain lock or semaphore)
    LockAcquire,
    LockRelease, // object = lock, rlock or semaphore; aux = an rlock's depth before the release
    CounterRead, // object = counter, arg = value read
    CounterWrite, // object = counter, arg = value written
    LostUpdate, // object = counter, arg = amount of other lanes' updates this write overwrote
    QueuePut, // object = queue, arg = item (name id)
    QueueGet, // object = queue, arg = item (name id)
    EventSet, // object = event
    EventClear, // object = event
    Result, // on the main lane: object = task instance whose result arrived
    Mark, // object = text (name id) of a print step
    WaitTimeout, // object = what was waited on, aux = the wait's State, arg = 1 if a barrier broke, else 0
    Notify, // object = condition, arg = waiters it woke
    Woken, // object = condition or barrier, arg = the lane whose notify or arrival ended the wait
};

// CutOff: a daemon task still running when the last other lane ended (Python stops it there).
enum class TaskOutcome : int64_t { Completed = 0, Cancelled = 1, Failed = 2, CutOff = 3 };

constexpr uint32_t kNoObject = 0xffffffffu;

// How an event's time is written (Event::clock).
enum class EventClock : uint32_t {
    SteadyNs = 0, // steady-clock nanoseconds: every event a lane buffer hands out, a file or a frame holds
    Ticks = 1, // TickClock ticks: only inside a lane buffer, until it is drained
};

// A fixed-size record written on the hot path: one clock read, one store into a per-lane buffer.
struct Event
{
    int64_t timeNs = 0; // absolute steady-clock time (see clock)
    int64_t arg = 0;
    uint32_t lane = 0;
    uint32_t object = kNoObject;
    EventKind kind = EventKind::Mark;
    uint16_t aux = 0;
    EventClock clock = EventClock::SteadyNs;
};

static_assert(sizeof(Event) == 32, "Event must stay 32 bytes");
static_assert(std::is_trivially_copyable_v<Event>, "Events are copied as raw bytes between processes");

} // namespace threadlab
