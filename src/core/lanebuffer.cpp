#include "lanebuffer.h"

#include <new>

namespace threadlab {

bool ChunkBudget::take() noexcept
{
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

bool LaneBuffer::grow() noexcept
{
    if (!m_budget.take())
        return false;
    Chunk *chunk = new (std::nothrow) Chunk;
    if (!chunk) {
        m_budget.give();
        return false;
    }
    m_tail->next.store(chunk, std::memory_order_release);
    m_tail = chunk;
    m_fill = 0;
    return true;
}

void LaneBuffer::releaseChunk(Chunk *chunk) noexcept
{
    delete chunk;
    m_budget.give();
}

} // namespace threadlab
