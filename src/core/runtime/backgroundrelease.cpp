#include "runtime/backgroundrelease.h"

namespace threadlab {

BackgroundRelease::~BackgroundRelease()
{
    {
        const std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

BackgroundRelease &BackgroundRelease::shared()
{
    static BackgroundRelease release;
    return release;
}

void BackgroundRelease::post(std::function<void()> job)
{
    {
        const std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
        if (!m_thread.joinable())
            m_thread = std::thread([this] { loop(); });
    }
    m_changed.notify_all();
}

void BackgroundRelease::waitUntilDone(std::chrono::milliseconds patience, const std::function<void()> &slow)
{
    std::unique_lock lock(m_mutex);
    const auto done = [this] { return m_jobs.empty() && !m_running; };
    if (m_changed.wait_for(lock, patience, done))
        return;
    lock.unlock();
    if (slow)
        slow();
    lock.lock();
    m_changed.wait(lock, done);
}

void BackgroundRelease::loop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_closing || !m_jobs.empty(); });
        if (m_jobs.empty())
            return; // closing, and nothing is left
        std::function<void()> job = std::move(m_jobs.front());
        m_jobs.pop_front();
        m_running = true;
        lock.unlock();
        job();
        job = nullptr; // what it held goes before it counts as done
        lock.lock();
        m_running = false;
        m_changed.notify_all();
    }
}

} // namespace threadlab
