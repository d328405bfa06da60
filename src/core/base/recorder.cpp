#include "base/recorder.h"

namespace threadlab {

Recorder::Recorder(int64_t maxBufferedEvents)
    : m_budget(std::max<int64_t>(1, maxBufferedEvents / LaneBuffer::kChunkEvents))
{ }

Recorder::~Recorder() = default;

LaneBuffer *Recorder::addLane(LaneInfo info)
{
    std::lock_guard lock(m_lanesMutex);
    info.id = static_cast<uint32_t>(m_infos.size());
    m_infos.push_back(info);
    m_buffers.push_back(std::make_unique<LaneBuffer>(info.id, m_budget));
    return m_buffers.back().get();
}

QList<LaneInfo> Recorder::lanes() const
{
    std::lock_guard lock(m_lanesMutex);
    return QList<LaneInfo>(m_infos.begin(), m_infos.end());
}

int Recorder::laneCount() const
{
    std::lock_guard lock(m_lanesMutex);
    return static_cast<int>(m_infos.size());
}

uint64_t Recorder::dropped() const
{
    std::lock_guard lock(m_lanesMutex);
    uint64_t total = 0;
    for (const auto &buffer : m_buffers)
        total += buffer->dropped();
    return total;
}

uint64_t Recorder::drained() const
{
    return m_drained.load(std::memory_order_relaxed);
}

} // namespace threadlab
