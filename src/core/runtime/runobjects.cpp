#include "runtime/runobjects.h"

#include "base/stoptoken.h"

namespace threadlab {

RunObjects::RunObjects(const Scenario &scenario, StopToken &stop)
    : m_scenario(scenario)
    , m_stop(stop)
    , m_gil(stop)
{
    const size_t count = scenario.objects.size();
    m_locks.resize(count);
    m_counters.resize(count);
    m_queues.resize(count);
    m_events.resize(count);
    for (size_t i = 0; i < count; ++i) {
        const auto id = static_cast<uint32_t>(i);
        const ObjectSpec &object = scenario.objects[i];
        switch (object.kind) {
        case ObjectKind::Lock:
            m_locks[i] = std::make_unique<TracedMutex>(id, stop);
            break;
        case ObjectKind::Counter:
            m_counters[i] = std::make_unique<SharedCounter>(id);
            break;
        case ObjectKind::Queue:
            m_queues[i] = std::make_unique<BlockingQueue>(id, object.queueKind, stop);
            break;
        case ObjectKind::Event:
            m_events[i] = std::make_unique<TracedEvent>(id, stop);
            break;
        case ObjectKind::Text:
            break;
        }
    }
    m_waker = stop.addWaker([this] { wakeAll(); });
}

RunObjects::~RunObjects()
{
    m_stop.removeWaker(m_waker);
}

void RunObjects::wakeAll()
{
    for (auto &lock : m_locks) {
        if (lock)
            lock->wake();
    }
    for (auto &queue : m_queues) {
        if (queue)
            queue->wake();
    }
    for (auto &event : m_events) {
        if (event)
            event->wake();
    }
    m_gil.wake();
}

void RunObjects::storeLocalCounter(uint32_t counter, int lane, int64_t value, int64_t expected)
{
    std::lock_guard lock(m_localMutex);
    m_localCounters[{ counter, lane }] = { value, expected };
}

std::vector<CounterReport> RunObjects::counterReports(qint64 pid) const
{
    std::vector<CounterReport> reports;
    for (size_t i = 0; i < m_counters.size(); ++i) {
        const SharedCounter *counter = m_counters[i].get();
        if (!counter || !counter->touched())
            continue;
        reports.push_back(CounterReport { m_scenario.objects[i].name, pid, -1, counter->expected(), counter->value(),
            counter->lostUpdates(), counter->lostAmount() });
    }
    std::lock_guard lock(m_localMutex);
    for (const auto &[key, values] : m_localCounters)
        reports.push_back(
            CounterReport { m_scenario.objects[key.first].name, pid, key.second, values.second, values.first, 0, 0 });
    return reports;
}

} // namespace threadlab
