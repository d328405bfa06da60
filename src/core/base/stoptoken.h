#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

namespace threadlab {

// Shared by everything that can block in a run. requestStop() wakes every sleeper and every
// primitive that registered a waker, so a stopped run ends promptly whatever its lanes wait on.
class StopToken
{
public:
    // Why lanes were told to stop: the first request names it.
    enum class Reason : uint8_t { None, User, Deadlock, DaemonsCutOff };

    bool stopRequested() const noexcept { return m_stopped.load(std::memory_order_relaxed); }
    void requestStop(Reason reason = Reason::User);
    Reason reason() const noexcept { return m_reason.load(std::memory_order_relaxed); }
    // A stop whose recording nobody will look at (the window closes): what is still on its way
    // from worker processes may be dropped, so the run ends at once.
    void requestAbandon();
    bool abandoned() const noexcept { return m_abandoned.load(std::memory_order_relaxed); }

    // Sleeps until deadlineNs (steady clock); returns false if the run was stopped first.
    bool sleepUntil(int64_t deadlineNs);

    // Wakers run on requestStop(); remove yours before the object it touches is destroyed.
    int addWaker(std::function<void()> waker);
    void removeWaker(int id);

private:
    std::atomic<bool> m_stopped { false };
    std::atomic<bool> m_abandoned { false };
    std::atomic<Reason> m_reason { Reason::None };
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<std::pair<int, std::function<void()>>> m_wakers;
    int m_nextWaker = 0;
};

} // namespace threadlab
