#pragma once

#include "lane.h"
#include "lanebuffer.h"

#include <QList>
#include <deque>
#include <memory>
#include <mutex>

namespace threadlab {

// Owns one LaneBuffer per lane. Lanes are added from any thread (not a hot path); each lane's
// thread then records into its own buffer without locks. One consumer drains all lanes.
class Recorder
{
public:
    // Events written but not yet drained, across all lanes (32 bytes each: 128 MiB).
    static constexpr int64_t kDefaultMaxBufferedEvents = int64_t(4) * 1024 * 1024;

    explicit Recorder(int64_t maxBufferedEvents = kDefaultMaxBufferedEvents);
    ~Recorder();
    Recorder(const Recorder &) = delete;
    Recorder &operator=(const Recorder &) = delete;

    // Registers a lane; info.id is assigned here. The buffer lives as long as the recorder.
    LaneBuffer *addLane(LaneInfo info);

    QList<LaneInfo> lanes() const;
    int laneCount() const;

    // Consumer: calls onLane(const LaneInfo &) for every lane not yet reported, then
    // onEvents(const Event *, size_t) for every event written since the last drain.
    template <typename OnLane, typename OnEvents> size_t drain(OnLane &&onLane, OnEvents &&onEvents)
    {
        std::lock_guard consumer(m_consumerMutex);
        std::vector<LaneBuffer *> buffers;
        {
            std::lock_guard lock(m_lanesMutex);
            for (; m_reportedLanes < m_infos.size(); ++m_reportedLanes)
                onLane(m_infos[m_reportedLanes]);
            buffers.reserve(m_buffers.size());
            for (auto &buffer : m_buffers)
                buffers.push_back(buffer.get());
        }
        size_t total = 0;
        for (LaneBuffer *buffer : buffers)
            total += buffer->drain(onEvents);
        m_drained += total;
        return total;
    }

    uint64_t dropped() const;
    uint64_t drained() const;

private:
    ChunkBudget m_budget;
    mutable std::mutex m_lanesMutex;
    std::deque<LaneInfo> m_infos;
    std::deque<std::unique_ptr<LaneBuffer>> m_buffers;
    size_t m_reportedLanes = 0;
    mutable std::mutex m_consumerMutex;
    uint64_t m_drained = 0;
};

} // namespace threadlab
