#pragma once

#include "runtime/waitgraph.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace threadlab {

struct LaneContext;
class StopToken;

// threading.Event: a flag that lanes set, clear and wait for (recorded as EventWait).
class TracedEvent : public WaitTarget
{
public:
    TracedEvent(uint32_t id, const StopToken &stop, WaitGraph &graph);

    void set(LaneContext &lane);
    void clear(LaneContext &lane);
    WaitResult wait(LaneContext &lane, int64_t timeoutNs = -1);
    bool isSet() const;
    void wake();

    bool ready(uint32_t lane) const override;
    std::vector<uint32_t> enders() const override { return {}; }

private:
    const uint32_t m_id;
    const StopToken &m_stop;
    WaitGraph &m_graph;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_set = false;
    Waiters m_waiters;
};

} // namespace threadlab
