#pragma once

#include "base/clock.h"
#include "base/event.h"
#include "base/tickclock.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <mutex>
#include <vector>

namespace threadlab {

// How many chunks of events may be buffered (written, not yet drained) across all lanes of a
// recorder, and a few drained chunks kept for reuse: a lane that writes fast takes back memory
// already paged in instead of faulting in fresh pages for every chunk.
class ChunkBudget
{
public:
    // 16 MiB: what one lane recording at full speed fills between two of the collector's drains
    // (5 ms), so that such a lane faults in no fresh pages (32 spares cost it 3 ns an event).
    static constexpr size_t kMaxSpares = 128;

    explicit ChunkBudget(int64_t chunks)
        : m_left(chunks)
    { }
    ~ChunkBudget();
    ChunkBudget(const ChunkBudget &) = delete;
    ChunkBudget &operator=(const ChunkBudget &) = delete;

    bool take() noexcept;
    void give() noexcept { m_left.fetch_add(1, std::memory_order_relaxed); }

    // Raw chunk memory (allocated with ::operator new): a spare, or nullptr.
    void *reuse() noexcept;
    // Keeps a drained chunk's memory as a spare; false (the caller frees it) when enough are kept.
    bool keep(void *memory) noexcept;

private:
    std::atomic<int64_t> m_left;
    std::mutex m_sparesMutex;
    std::vector<void *> m_spares;
};

// A single-producer / single-consumer buffer of one lane's events. The producer (the lane's own
// thread) writes without locks; a chunk is allocated once per kChunkEvents events. When the budget
// is exhausted events are counted as dropped, never silently lost — except structural ones (see
// isStructural()), which take a reserve chunk beyond the budget.
class LaneBuffer
{
public:
    static constexpr uint32_t kChunkEvents = 4096;

    LaneBuffer(uint32_t lane, ChunkBudget &budget);
    ~LaneBuffer();
    LaneBuffer(const LaneBuffer &) = delete;
    LaneBuffer &operator=(const LaneBuffer &) = delete;

    uint32_t lane() const noexcept { return m_lane; }

    // Producer side: costs one tick read (TickClock::now()) and one store.
    void record(EventKind kind, uint32_t object = kNoObject, int64_t arg = 0, uint16_t aux = 0) noexcept
    {
        write(TickClock::now(), arg, object, kind, aux, EventClock::Ticks);
    }
    // At a steady-clock time read earlier (nowNs()).
    void recordAt(
        int64_t timeNs, EventKind kind, uint32_t object = kNoObject, int64_t arg = 0, uint16_t aux = 0) noexcept
    {
        write(timeNs, arg, object, kind, aux, EventClock::SteadyNs);
    }
    // An event recorded elsewhere (a worker's), on the steady clock whatever it says.
    void push(Event event) noexcept
    {
        write(event.timeNs, event.arg, event.object, event.kind, event.aux, EventClock::SteadyNs);
    }

    // Consumer side: hands the events written since the last call, at most maxEvents of them, to
    // sink(const Event *, size_t), each on the steady clock (ticks are converted by the map, which the
    // caller reads once for all its lanes). The limit keeps a consumer responsive while a producer
    // writes faster than it reads.
    template <typename Sink> size_t drain(const TickClock::Map &ticks, Sink &&sink, size_t maxEvents = SIZE_MAX)
    {
        size_t total = 0;
        while (total < maxEvents) {
            const uint32_t count = m_head->count.load(std::memory_order_acquire);
            if (m_read < count) {
                const auto n = static_cast<uint32_t>(std::min<size_t>(count - m_read, maxEvents - total));
                toSteadyClock(ticks, &m_head->events[m_read], n);
                sink(&m_head->events[m_read], static_cast<size_t>(n));
                total += n;
                m_read += n;
                continue;
            }
            // A chunk with a successor is finished (a reserve chunk may end before it is full):
            // once its final count is read, move on.
            Chunk *next = m_head->next.load(std::memory_order_acquire);
            if (!next)
                break;
            if (m_read < m_head->count.load(std::memory_order_acquire))
                continue;
            releaseChunk(m_head);
            m_head = next;
            m_read = 0;
        }
        return total;
    }

    // Events that begin or end a lane or a task, or deliver a result: never dropped, so that a
    // trace whose budget ran out still shows every lane and task ending.
    static constexpr bool isStructural(EventKind kind) noexcept
    {
        return kind == EventKind::LaneBegin || kind == EventKind::LaneEnd || kind == EventKind::TaskBegin
            || kind == EventKind::TaskEnd || kind == EventKind::Result;
    }

    uint64_t dropped() const noexcept { return m_dropped.load(std::memory_order_relaxed); }

private:
    struct Chunk
    {
        std::atomic<uint32_t> count { 0 };
        std::atomic<Chunk *> next { nullptr };
        // Written by the producer before it links the next chunk:
        bool budgeted = false; // took a unit of the budget, given back when released
        bool reserve = false; // taken beyond the budget: holds structural events only
        Event events[kChunkEvents];
    };

    Chunk *newChunk() noexcept; // a spare of the budget's, or new memory; nullptr if none
    void freeChunk(Chunk *chunk) noexcept; // back to the budget's spares, or freed
    // Field by field into its slot: an Event built first and copied is written twice, and its
    // copy reads back what was just stored in pieces (a stalled store-to-load forward: ~5 ns).
    void write(int64_t timeNs, int64_t arg, uint32_t object, EventKind kind, uint16_t aux, EventClock clock) noexcept
    {
        const uint32_t fill = m_fill;
        Chunk *const tail = m_tail;
        if (fill == m_limit) [[unlikely]] {
            pushSlow(Event { timeNs, arg, m_lane, object, kind, aux, clock });
            return;
        }
        Event &slot = tail->events[fill];
        slot.timeNs = timeNs;
        slot.arg = arg;
        slot.lane = m_lane;
        slot.object = object;
        slot.kind = kind;
        slot.aux = aux;
        slot.clock = clock;
        m_fill = fill + 1;
        tail->count.store(fill + 1, std::memory_order_release);
    }
    void pushSlow(const Event &event) noexcept;
    // In place, before the consumer hands them out (the producer never writes them again). Ticks
    // never go back on a lane: two readings of the map may differ by a few nanoseconds.
    void toSteadyClock(const TickClock::Map &ticks, Event *events, uint32_t count) noexcept;
    bool grow(bool structural) noexcept;
    void releaseChunk(Chunk *chunk) noexcept;

    const uint32_t m_lane;
    ChunkBudget &m_budget;
    // producer
    Chunk *m_tail = nullptr;
    uint32_t m_fill = 0;
    // Where the fast path stops: kChunkEvents, but m_fill in a reserve chunk, so that every event
    // goes through pushSlow() there.
    uint32_t m_limit = kChunkEvents;
    // consumer
    Chunk *m_head = nullptr;
    uint32_t m_read = 0;
    int64_t m_lastTickNs = INT64_MIN; // the last ticks converted
    std::atomic<uint64_t> m_dropped { 0 };
};

} // namespace threadlab
