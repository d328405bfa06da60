#include "base/stoptoken.h"

#include <chrono>

namespace threadlab {

void StopToken::requestStop(Reason reason)
{
    std::lock_guard lock(m_mutex);
    Reason none = Reason::None;
    m_reason.compare_exchange_strong(none, reason, std::memory_order_relaxed);
    m_stopped.store(true, std::memory_order_relaxed);
    m_wake.notify_all();
    // Called under the lock, so a waker is never called after removeWaker() returned.
    for (const auto &waker : m_wakers)
        waker.second();
}

void StopToken::requestAbandon()
{
    m_abandoned.store(true, std::memory_order_relaxed);
    requestStop();
}

bool StopToken::sleepUntil(int64_t deadlineNs)
{
    const auto deadline = std::chrono::steady_clock::time_point(std::chrono::nanoseconds(deadlineNs));
    std::unique_lock lock(m_mutex);
    return !m_wake.wait_until(lock, deadline, [this] { return stopRequested(); });
}

int StopToken::addWaker(std::function<void()> waker)
{
    std::lock_guard lock(m_mutex);
    m_wakers.emplace_back(++m_nextWaker, std::move(waker));
    return m_nextWaker;
}

void StopToken::removeWaker(int id)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_wakers, [id](const auto &waker) { return waker.first == id; });
}

} // namespace threadlab
