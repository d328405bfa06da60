#pragma once

#include "runtime/blockingqueue.h"
#include "runtime/gil.h"
#include "runtime/sharedcounter.h"
#include "runtime/tracedevent.h"
#include "runtime/tracedmutex.h"
#include "scenario/scenario.h"
#include "trace/counterreport.h"

#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace threadlab {

class StopToken;

// The named primitives of one process of a run (locks, counters, queues, events, the GIL),
// indexed by the scenario's object ids. Each child process has its own: processes share nothing.
class RunObjects
{
public:
    RunObjects(const Scenario &scenario, StopToken &stop);
    ~RunObjects();
    RunObjects(const RunObjects &) = delete;
    RunObjects &operator=(const RunObjects &) = delete;

    TracedMutex &lock(uint32_t id) { return *m_locks[id]; }
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
    std::vector<std::unique_ptr<TracedMutex>> m_locks;
    std::vector<std::unique_ptr<SharedCounter>> m_counters;
    std::vector<std::unique_ptr<BlockingQueue>> m_queues;
    std::vector<std::unique_ptr<TracedEvent>> m_events;
    Gil m_gil;
    mutable std::mutex m_localMutex;
    std::map<std::pair<uint32_t, int>, std::pair<int64_t, int64_t>>
        m_localCounters; // (counter, lane) -> (value, expected)
};

} // namespace threadlab
