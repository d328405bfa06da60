#pragma once

#include "base/lane.h"
#include "base/lanebuffer.h"

#include <QList>
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>

namespace threadlab {

// Owns one LaneBuffer per lane. Lanes are added from any thread (not a hot path); each lane's
// thread then records into its own buffer without locks. One consumer drains all lanes.
class Recorder
{
public:
    // Events written but not yet drained, across all lanes (32 bytes each: 32 MiB): 40 ms of
    // 25 M events/s, so the racing-counter lesson drops nothing even on a loaded 2-core machine
    // (half of it did: 512 Ki events dropped lock events there). Not more: a stopped run's
    // consumer still builds all of them into the trace before the run ends (50-80 ms here).
    static constexpr int64_t kDefaultMaxBufferedEvents = int64_t(1) * 1024 * 1024;

    explicit Recorder(int64_t maxBufferedEvents = kDefaultMaxBufferedEvents);
    ~Recorder();
    Recorder(const Recorder &) = delete;
    Recorder &operator=(const Recorder &) = delete;

    // Registers a lane; info.id is assigned here. The buffer lives as long as the recorder.
    LaneBuffer *addLane(LaneInfo info);

    QList<LaneInfo> lanes() const;
    int laneCount() const;

    // Consumer: calls onLane(const LaneInfo &) for every lane not yet reported, then
    // onEvents(const Event *, size_t) for the events written since the last drain (on the steady
    // clock, whichever clock recorded them: base/tickclock.h): at most
    // maxEvents of them, shared out among the lanes from a starting lane that moves on each call.
    // Returns how many; fewer than maxEvents means every lane was drained.
    template <typename OnLane, typename OnEvents>
    size_t drain(OnLane &&onLane, OnEvents &&onEvents, size_t maxEvents = SIZE_MAX)
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
        // Passes over the lanes, each lane taking an equal share of what is left so that one busy
        // lane cannot starve the others, until the limit is reached or a pass finds nothing: a
        // total under maxEvents means every lane was drained.
        size_t total = 0;
        const size_t lanes = buffers.size();
        const TickClock::Map ticks = TickClock::map();
        for (size_t pass = 1; pass > 0 && total < maxEvents;) {
            pass = 0;
            for (size_t i = 0; i < lanes && total + pass < maxEvents; ++i) {
                const size_t left = maxEvents - total - pass;
                const size_t share = maxEvents == SIZE_MAX ? SIZE_MAX : std::max<size_t>(1, left / (lanes - i));
                pass += buffers[(m_nextLane + i) % lanes]->drain(ticks, onEvents, share);
            }
            total += pass;
        }
        m_nextLane = lanes ? (m_nextLane + 1) % lanes : 0;
        m_drained.fetch_add(total, std::memory_order_relaxed);
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
    size_t m_nextLane = 0;
    mutable std::mutex m_consumerMutex;
    std::atomic<uint64_t> m_drained { 0 }; // read by anyone without waiting for a drain
};

} // namespace threadlab
