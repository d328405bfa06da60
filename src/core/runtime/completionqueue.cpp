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

std::optional<std::pair<int, TaskOutcome>> CompletionQueue::pop()
{
    std::unique_lock lock(m_mutex);
    m_ready.wait(lock, [this] { return !m_items.empty() || m_stop.stopRequested(); });
    if (m_items.empty())
        return std::nullopt;
    auto item = m_items.front();
    m_items.pop_front();
    return item;
}

} // namespace threadlab
