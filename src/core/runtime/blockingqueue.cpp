#include "runtime/blockingqueue.h"

#include "base/lanecontext.h"
#include "base/stoptoken.h"
#include "runtime/timedwait.h"

namespace threadlab {

BlockingQueue::BlockingQueue(uint32_t id, QueueKind kind, const StopToken &stop, WaitGraph &graph)
    : m_id(id)
    , m_kind(kind)
    , m_stop(stop)
    , m_graph(graph)
{ }

void BlockingQueue::put(LaneContext &lane, uint32_t item, int64_t priority)
{
    {
        std::lock_guard lock(m_mutex);
        const int64_t sequence = ++m_sequence;
        switch (m_kind) {
        case QueueKind::Fifo:
            m_items.emplace(std::pair { int64_t(0), sequence }, item);
            break;
        case QueueKind::Lifo:
            m_items.emplace(std::pair { int64_t(0), -sequence }, item);
            break;
        case QueueKind::Priority:
            m_items.emplace(std::pair { priority, sequence }, item);
            break;
        }
        lane.buffer->record(EventKind::QueuePut, m_id, item);
    }
    m_notEmpty.notify_one();
}

std::optional<uint32_t> BlockingQueue::get(LaneContext &lane, int64_t timeoutNs, WaitResult *result)
{
    std::unique_lock lock(m_mutex);
    if (m_items.empty()) {
        lock.unlock();
        lane.setState(State::QueueWait, m_id);
        lock.lock();
        const TimedWait wait(m_graph, lane.lane(), { this, State::QueueWait, m_id }, timeoutNs);
        const WaitResult waited = wait.until(lock, m_notEmpty, m_stop, m_waiters, [this] { return !m_items.empty(); });
        if (result)
            *result = waited;
        std::optional<uint32_t> item;
        if (waited == WaitResult::Done) {
            item = m_items.begin()->second;
            m_items.erase(m_items.begin());
            lane.buffer->record(EventKind::QueueGet, m_id, *item);
        }
        lock.unlock();
        wait.end(lane, waited);
        return item;
    }
    if (result)
        *result = WaitResult::Done;
    const uint32_t item = m_items.begin()->second;
    m_items.erase(m_items.begin());
    lane.buffer->record(EventKind::QueueGet, m_id, item);
    return item;
}

void BlockingQueue::wake()
{
    std::lock_guard lock(m_mutex);
    m_notEmpty.notify_all();
}

bool BlockingQueue::ready(uint32_t lane) const
{
    std::lock_guard lock(m_mutex);
    return !m_waiters.contains(lane) || !m_items.empty();
}

size_t BlockingQueue::size() const
{
    std::lock_guard lock(m_mutex);
    return m_items.size();
}

} // namespace threadlab
