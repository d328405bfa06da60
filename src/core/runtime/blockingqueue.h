#pragma once

#include "runtime/waitgraph.h"
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
class BlockingQueue : public WaitTarget
{
public:
    BlockingQueue(uint32_t id, QueueKind kind, const StopToken &stop, WaitGraph &graph);

    void put(LaneContext &lane, uint32_t item, int64_t priority);
    // nullopt if it timed out (result TimedOut) or the run was stopped while waiting.
    std::optional<uint32_t> get(LaneContext &lane, int64_t timeoutNs = -1, WaitResult *result = nullptr);
    void wake();
    size_t size() const;

    bool ready(uint32_t lane) const override;
    std::vector<uint32_t> enders() const override { return {}; }

private:
    const uint32_t m_id;
    const QueueKind m_kind;
    const StopToken &m_stop;
    WaitGraph &m_graph;
    mutable std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::map<std::pair<int64_t, int64_t>, uint32_t> m_items; // (priority, order) -> item
    int64_t m_sequence = 0;
    Waiters m_waiters;
};

} // namespace threadlab
