#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace threadlab {

struct LaneContext;
class StopToken;

// threading.Event: a flag that lanes set, clear and wait for (recorded as EventWait).
class TracedEvent
{
public:
    TracedEvent(uint32_t id, const StopToken &stop);

    void set(LaneContext &lane);
    void clear(LaneContext &lane);
    bool wait(LaneContext &lane); // false if stopped while waiting
    bool isSet() const;
    void wake();

private:
    const uint32_t m_id;
    const StopToken &m_stop;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_set = false;
};

} // namespace threadlab
