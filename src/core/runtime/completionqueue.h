#pragma once

#include "base/event.h"
#include "runtime/waitgraph.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace threadlab {

class StopToken;

// Task completions handed from worker threads to the main lane.
class CompletionQueue : public WaitTarget
{
public:
    explicit CompletionQueue(StopToken &stop);
    ~CompletionQueue() override;
    CompletionQueue(const CompletionQueue &) = delete;
    CompletionQueue &operator=(const CompletionQueue &) = delete;

    void push(int instance, TaskOutcome outcome);
    // Blocks until a completion arrives; nullopt if the run was stopped first. The wait is in the
    // wait-for graph as `lane`'s wait for the results of `awaited` (a task instance).
    std::optional<std::pair<int, TaskOutcome>> pop(WaitGraph &graph, uint32_t lane, uint32_t awaited);

    bool ready(uint32_t lane) const override;
    std::vector<uint32_t> enders() const override { return {}; }

private:
    StopToken &m_stop;
    mutable std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<std::pair<int, TaskOutcome>> m_items;
    int m_waker = 0;
    Waiters m_waiters;
};

} // namespace threadlab
