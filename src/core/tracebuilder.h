#pragma once

#include "trace.h"

namespace threadlab {

// Turns recorded events into the Trace: one call per batch, in each lane's time order.
class TraceBuilder
{
public:
    explicit TraceBuilder(Trace &trace);

    void start(const Scenario &scenario, int64_t originNs);
    void addLane(const LaneInfo &info);
    void addEvents(const Event *events, size_t count);

private:
    void apply(const Event &event);
    void switchSegment(LaneTrack &lane, int64_t timeNs, State state, uint32_t object, int32_t arg);
    void closeSegment(LaneTrack &lane, int64_t timeNs);
    LockRecord &lockRecord(uint32_t lock);

    Trace &m_trace;
};

} // namespace threadlab
