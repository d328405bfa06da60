#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace threadlab {

// Letting go of something the kernel may take seconds to release, on a thread of its own: closing
// the exact capture's perf events waits, for each tracepoint's last event, for an RCU grace period,
// and under very fast switching one lasts seconds (perf_trace_event_unreg). The window does not
// freeze for it; the CLI waits for it before it exits (the process's exit would wait the same) and
// says why when it takes long. Jobs run one at a time, in the order they were posted.
class BackgroundRelease
{
public:
    BackgroundRelease() = default;
    BackgroundRelease(const BackgroundRelease &) = delete;
    BackgroundRelease &operator=(const BackgroundRelease &) = delete;
    ~BackgroundRelease(); // runs what is still posted

    // The process's own: the one the capture posts to.
    static BackgroundRelease &shared();

    void post(std::function<void()> job);
    // Returns when every job posted so far has run. If that takes longer than `patience`, calls
    // `slow` once first (on the calling thread), so that a wait can be explained.
    void waitUntilDone(std::chrono::milliseconds patience, const std::function<void()> &slow);

private:
    void loop();

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::function<void()>> m_jobs;
    bool m_running = false; // a job is out of the queue and running
    bool m_closing = false;
    std::thread m_thread; // started by the first post
};

} // namespace threadlab
