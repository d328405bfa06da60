#pragma once

#include "scenario/scenario.h"

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

namespace threadlab {

struct LaneContext;
class StopToken;

// A named queue (FIFO, LIFO or priority — lowest priority number first, ties in put order)
// whose get blocks while it is empty, recorded as QueueWait.
class BlockingQueue
{
public:
    BlockingQueue(uint32_t id, QueueKind kind, const StopToken &stop);

    void put(LaneContext &lane, uint32_t item, int64_t priority);
    std::optional<uint32_t> get(LaneContext &lane); // nullopt if stopped while waiting
    void wake();
    size_t size() const;

private:
    const uint32_t m_id;
    const QueueKind m_kind;
    const StopToken &m_stop;
    mutable std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::map<std::pair<int64_t, int64_t>, uint32_t> m_items; // (priority, order) -> item
    int64_t m_sequence = 0;
};

} // namespace threadlab
