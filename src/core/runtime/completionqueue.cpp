#include "runtime/completionqueue.h"

#include "base/stoptoken.h"

namespace threadlab {

CompletionQueue::CompletionQueue(StopToken &stop)
    : m_stop(stop)
{
    m_waker = stop.addWaker([this] {
        std::lock_guard lock(m_mutex);
        m_ready.notify_all();
    });
}

CompletionQueue::~CompletionQueue()
{
    m_stop.removeWaker(m_waker);
}

void CompletionQueue::push(int instance, TaskOutcome outcome)
{
    {
        std::lock_guard lock(m_mutex);
        m_items.emplace_back(instance, outcome);
    }
    m_ready.notify_one();
}

std::optional<std::pair<int, TaskOutcome>> CompletionQueue::pop(WaitGraph &graph, uint32_t lane, uint32_t awaited)
{
    std::unique_lock lock(m_mutex);
    if (m_items.empty() && !m_stop.stopRequested()) {
        m_waiters.add(lane);
        lock.unlock(); // the graph may look at this queue
        graph.block(lane, { this, State::JoinWait, awaited });
        lock.lock();
        m_ready.wait(lock, [this] { return !m_items.empty() || m_stop.stopRequested(); });
        m_waiters.remove(lane);
        lock.unlock();
        graph.unblock(lane);
        lock.lock();
    }
    if (m_items.empty())
        return std::nullopt;
    auto item = m_items.front();
    m_items.pop_front();
    return item;
}

bool CompletionQueue::ready(uint32_t lane) const
{
    std::lock_guard lock(m_mutex);
    return !m_waiters.contains(lane) || !m_items.empty();
}

} // namespace threadlab
