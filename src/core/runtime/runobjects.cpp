#include "runtime/runobjects.h"

#include "base/stoptoken.h"

#include <functional>

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
    m_semaphores.resize(count);
    m_conditions.resize(count);
    m_barriers.resize(count);
    // A semaphore that some step releases without holding it may be released by any lane.
    std::vector<bool> releasedWithoutHolding(count, false);
    std::function<void(const std::vector<Step> &)> scan = [&](const std::vector<Step> &steps) {
        for (const Step &step : steps) {
            if (step.kind == StepKind::Release && step.object < count)
                releasedWithoutHolding[step.object] = true;
            scan(step.steps);
        }
    };
    scan(scenario.mainSteps);
    for (const TaskSpec &task : scenario.tasks)
        scan(task.steps);
    for (size_t i = 0; i < count; ++i) {
        const auto id = static_cast<uint32_t>(i);
        const ObjectSpec &object = scenario.objects[i];
        switch (object.kind) {
        case ObjectKind::Lock:
        case ObjectKind::RLock:
            m_locks[i] = std::make_unique<TracedMutex>(id, object.kind == ObjectKind::RLock, stop, m_graph);
            break;
        case ObjectKind::Semaphore:
            m_semaphores[i] = std::make_unique<TracedSemaphore>(
                id, object.value, object.bounded, releasedWithoutHolding[i], stop, m_graph);
            break;
        case ObjectKind::Barrier:
            m_barriers[i] = std::make_unique<TracedBarrier>(id, object.value, object.timeoutNs, stop, m_graph);
            break;
        case ObjectKind::Condition: // made below, once its lock exists
        case ObjectKind::Counter:
            m_counters[i] = std::make_unique<SharedCounter>(id);
            break;
        case ObjectKind::Queue:
            m_queues[i] = std::make_unique<BlockingQueue>(id, object.queueKind, stop, m_graph);
            break;
        case ObjectKind::Event:
            m_events[i] = std::make_unique<TracedEvent>(id, stop, m_graph);
            break;
        case ObjectKind::Text:
        case ObjectKind::KernelWait:
            break;
        }
    }
    for (size_t i = 0; i < count; ++i) {
        const ObjectSpec &object = scenario.objects[i];
        if (object.kind == ObjectKind::Condition && object.lock < count && m_locks[object.lock])
            m_conditions[i] = std::make_unique<TracedCondition>(uint32_t(i), *m_locks[object.lock], stop, m_graph);
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
    for (auto &semaphore : m_semaphores) {
        if (semaphore)
            semaphore->wake();
    }
    for (auto &condition : m_conditions) {
        if (condition)
            condition->wake();
    }
    for (auto &barrier : m_barriers) {
        if (barrier)
            barrier->wake();
    }
    m_gil.wake();
}

std::vector<uint32_t> RunObjects::heldBy(uint32_t lane) const
{
    std::vector<uint32_t> held;
    for (size_t i = 0; i < m_locks.size(); ++i) {
        if ((m_locks[i] && m_locks[i]->heldBy(lane)) || (m_semaphores[i] && m_semaphores[i]->heldBy(lane)))
            held.push_back(uint32_t(i));
    }
    return held;
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
