#pragma once

#include "trace/trace.h"

namespace threadlab {

// Turns recorded events into the Trace: one call per batch, in each lane's time order.
class TraceBuilder
{
public:
    explicit TraceBuilder(Trace &trace);

    void start(const Scenario &scenario, int64_t originNs);
    // The trace keeps at most this many records (segments and point events). Past it, the lanes'
    // states end where the budget was reached; later events are counted as dropped, except those
    // that end lanes and tasks, which still complete the task and lane records.
    void setRecordBudget(uint64_t records) { m_budget = records; }
    uint64_t dropped() const { return m_dropped; }
    int64_t budgetReachedNs() const { return m_budgetReachedNs; } // -1: not reached
    // Lane state changes that came after the live scheduler refinement had passed their time
    // (SchedModel::refineSegmentsSoFar), drawn at the time it had reached.
    uint64_t movedEvents() const { return m_movedEvents; }
    // Tasks not in the scenario (a traced program's threads) begin with ids up to `most`: the
    // trace's task list grows to take them, unnamed until their owner names them.
    void allowNewTasks(uint32_t most) { m_maxNewTasks = most; }
    void addLane(const LaneInfo &info);
    void addEvents(const Event *events, size_t count);

private:
    void apply(const Event &event);
    void applyOverBudget(LaneTrack &lane, const Event &event);
    void recordTaskBoundary(const Event &event);
    template <typename Records, typename T> void keep(Records &records, const T &record)
    {
        records.push_back(record);
        ++m_records;
    }
    void switchSegment(LaneTrack &lane, int64_t timeNs, State state, uint32_t object, int32_t arg);
    void closeSegment(LaneTrack &lane, int64_t timeNs);
    LockRecord &lockRecord(uint32_t lock);
    bool isLockWait(State state, uint32_t object) const;

    Trace &m_trace;
    uint64_t m_budget = UINT64_MAX;
    uint64_t m_records = 0;
    uint64_t m_dropped = 0;
    int64_t m_budgetReachedNs = -1;
    uint64_t m_movedEvents = 0;
    uint32_t m_maxNewTasks = 0;
};

} // namespace threadlab
