#include "base/lanebuffer.h"

#include <algorithm>
#include <new>

namespace threadlab {

bool ChunkBudget::take() noexcept
{
    // A plain load first: producers that find the budget empty do not write to the shared counter.
    if (m_left.load(std::memory_order_relaxed) <= 0)
        return false;
    if (m_left.fetch_sub(1, std::memory_order_relaxed) > 0)
        return true;
    m_left.fetch_add(1, std::memory_order_relaxed);
    return false;
}

ChunkBudget::~ChunkBudget()
{
    for (void *memory : m_spares)
        ::operator delete(memory);
}

void *ChunkBudget::reuse() noexcept
{
    std::lock_guard lock(m_sparesMutex);
    if (m_spares.empty())
        return nullptr;
    void *memory = m_spares.back();
    m_spares.pop_back();
    return memory;
}

bool ChunkBudget::keep(void *memory) noexcept
{
    std::lock_guard lock(m_sparesMutex);
    if (m_spares.size() >= kMaxSpares)
        return false;
    if (m_spares.capacity() < kMaxSpares)
        m_spares.reserve(kMaxSpares); // at most once: keep() never allocates after that
    m_spares.push_back(memory);
    return true;
}

LaneBuffer::Chunk *LaneBuffer::newChunk() noexcept
{
    void *memory = m_budget.reuse();
    if (!memory)
        memory = ::operator new(sizeof(Chunk), std::nothrow);
    return memory ? new (memory) Chunk : nullptr;
}

void LaneBuffer::freeChunk(Chunk *chunk) noexcept
{
    chunk->~Chunk();
    if (!m_budget.keep(chunk))
        ::operator delete(chunk);
}

LaneBuffer::LaneBuffer(uint32_t lane, ChunkBudget &budget)
    : m_lane(lane)
    , m_budget(budget)
{
    // The first chunk is always there (it does not count against the budget), so a lane can
    // record at least kChunkEvents events whatever else is buffered.
    m_tail = newChunk();
    if (!m_tail)
        throw std::bad_alloc();
    m_head = m_tail;
}

LaneBuffer::~LaneBuffer()
{
    Chunk *chunk = m_head;
    while (chunk) {
        Chunk *next = chunk->next.load(std::memory_order_relaxed);
        freeChunk(chunk);
        chunk = next;
    }
}

void LaneBuffer::pushSlow(const Event &event) noexcept
{
    const bool structural = isStructural(event.kind);
    if (m_fill == kChunkEvents) {
        if (!grow(structural)) {
            m_dropped.fetch_add(1, std::memory_order_relaxed);
            return;
        }
    } else if (m_tail->reserve && !structural) {
        // In a reserve chunk: other events wait for the budget to have room again.
        if (!m_budget.take()) {
            m_dropped.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        m_tail->budgeted = true;
        m_tail->reserve = false;
    }
    m_tail->events[m_fill] = event;
    ++m_fill;
    m_tail->count.store(m_fill, std::memory_order_release);
    m_limit = m_tail->reserve ? m_fill : kChunkEvents;
}

bool LaneBuffer::grow(bool structural) noexcept
{
    const bool fromBudget = m_budget.take();
    if (!fromBudget && !structural)
        return false;
    Chunk *chunk = newChunk();
    if (!chunk) {
        if (fromBudget)
            m_budget.give();
        return false;
    }
    chunk->budgeted = fromBudget;
    chunk->reserve = !fromBudget;
    m_tail->next.store(chunk, std::memory_order_release);
    m_tail = chunk;
    m_fill = 0;
    return true;
}

void LaneBuffer::toSteadyClock(const TickClock::Map &ticks, Event *events, uint32_t count) noexcept
{
    for (uint32_t i = 0; i < count; ++i) {
        Event &event = events[i];
        if (event.clock != EventClock::Ticks)
            continue;
        event.timeNs = std::max(ticks.toNs(event.timeNs), m_lastTickNs);
        event.clock = EventClock::SteadyNs;
        m_lastTickNs = event.timeNs;
    }
}

void LaneBuffer::releaseChunk(Chunk *chunk) noexcept
{
    if (chunk->budgeted)
        m_budget.give();
    freeChunk(chunk);
}

} // namespace threadlab
