#pragma once

#include "runtime/blockingqueue.h"
#include "runtime/gil.h"
#include "runtime/sharedcounter.h"
#include "runtime/tracedbarrier.h"
#include "runtime/tracedcondition.h"
#include "runtime/tracedevent.h"
#include "runtime/tracedmutex.h"
#include "runtime/tracedsemaphore.h"
#include "runtime/waitgraph.h"
#include "scenario/scenario.h"
#include "trace/counterreport.h"

#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace threadlab {

class StopToken;

// The named primitives of one process of a run (locks, rlocks, semaphores, conditions, barriers,
// counters, queues, events, the GIL), indexed by the scenario's object ids, and the wait-for graph
// over them. Each child process has its own: processes share nothing.
class RunObjects
{
public:
    RunObjects(const Scenario &scenario, StopToken &stop);
    ~RunObjects();
    RunObjects(const RunObjects &) = delete;
    RunObjects &operator=(const RunObjects &) = delete;

    TracedMutex &lock(uint32_t id) { return *m_locks[id]; } // a lock or an rlock
    TracedSemaphore &semaphore(uint32_t id) { return *m_semaphores[id]; }
    TracedCondition &condition(uint32_t id) { return *m_conditions[id]; }
    TracedBarrier &barrier(uint32_t id) { return *m_barriers[id]; }
    WaitGraph &waitGraph() { return m_graph; }
    // The locks, rlocks and semaphores a lane holds now.
    std::vector<uint32_t> heldBy(uint32_t lane) const;
    SharedCounter &counter(uint32_t id) { return *m_counters[id]; }
    BlockingQueue &queue(uint32_t id) { return *m_queues[id]; }
    TracedEvent &event(uint32_t id) { return *m_events[id]; }
    Gil &gil() { return m_gil; }

    void storeLocalCounter(uint32_t counter, int lane, int64_t value, int64_t expected);
    std::vector<CounterReport> counterReports(qint64 pid) const;

private:
    void wakeAll();

    const Scenario &m_scenario;
    StopToken &m_stop;
    int m_waker = 0;
    WaitGraph m_graph; // before the primitives, which refer to it
    std::vector<std::unique_ptr<TracedMutex>> m_locks;
    std::vector<std::unique_ptr<SharedCounter>> m_counters;
    std::vector<std::unique_ptr<BlockingQueue>> m_queues;
    std::vector<std::unique_ptr<TracedEvent>> m_events;
    std::vector<std::unique_ptr<TracedSemaphore>> m_semaphores;
    std::vector<std::unique_ptr<TracedCondition>> m_conditions;
    std::vector<std::unique_ptr<TracedBarrier>> m_barriers;
    Gil m_gil;
    mutable std::mutex m_localMutex;
    std::map<std::pair<uint32_t, int>, std::pair<int64_t, int64_t>>
        m_localCounters; // (counter, lane) -> (value, expected)
};

} // namespace threadlab
