#include "base/lanebuffer.h"

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

LaneBuffer::LaneBuffer(uint32_t lane, ChunkBudget &budget)
    : m_lane(lane)
    , m_budget(budget)
{
    // The first chunk is always there (it does not count against the budget), so a lane can
    // record at least kChunkEvents events whatever else is buffered.
    m_tail = new Chunk;
    m_head = m_tail;
}

LaneBuffer::~LaneBuffer()
{
    Chunk *chunk = m_head;
    while (chunk) {
        Chunk *next = chunk->next.load(std::memory_order_relaxed);
        delete chunk;
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
    Chunk *chunk = new (std::nothrow) Chunk;
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

void LaneBuffer::releaseChunk(Chunk *chunk) noexcept
{
    if (chunk->budgeted)
        m_budget.give();
    delete chunk;
}

} // namespace threadlab
