#pragma once

#include "base/event.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace threadlab {

class StopToken;

// Task completions handed from worker threads to the main lane.
class CompletionQueue
{
public:
    explicit CompletionQueue(StopToken &stop);
    ~CompletionQueue();
    CompletionQueue(const CompletionQueue &) = delete;
    CompletionQueue &operator=(const CompletionQueue &) = delete;

    void push(int instance, TaskOutcome outcome);
    // Blocks until a completion arrives; nullopt if the run was stopped first.
    std::optional<std::pair<int, TaskOutcome>> pop();

private:
    StopToken &m_stop;
    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<std::pair<int, TaskOutcome>> m_items;
    int m_waker = 0;
};

} // namespace threadlab
