#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <pthread.h>
#include <sched.h>
#include <thread>

namespace threadlab {

// A thread that runs `turn` again and again until stop(), then `last` once: what the scheduler
// captures run on. Each turn says how long to wait before the next. stop() returns when the thread
// has ended.
class PeriodicThread
{
public:
    PeriodicThread() = default;
    PeriodicThread(const PeriodicThread &) = delete;
    PeriodicThread &operator=(const PeriodicThread &) = delete;
    ~PeriodicThread() { stop(); }

    void start(std::function<std::chrono::nanoseconds()> turn, std::function<void()> last)
    {
        m_thread = std::thread([this, turn = std::move(turn), last = std::move(last)] {
            for (;;) {
                const std::chrono::nanoseconds wait = turn();
                std::unique_lock lock(m_mutex);
                if (m_wake.wait_for(lock, wait, [this] { return m_stopping; }))
                    break;
            }
            last();
        });
    }
    void start(std::chrono::nanoseconds period, std::function<void()> turn, std::function<void()> last)
    {
        start(
            [period, turn = std::move(turn)] {
                turn();
                return period;
            },
            std::move(last));
    }

    // Real-time priority (SCHED_FIFO, the lowest level): the thread runs as soon as its wait
    // ends, before any normal thread. False where this user may not (then nothing changes).
    bool runBeforeOtherWork()
    {
        sched_param param {};
        param.sched_priority = 1;
        return m_thread.joinable() && pthread_setschedparam(m_thread.native_handle(), SCHED_FIFO, &param) == 0;
    }

    void stop()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace threadlab
