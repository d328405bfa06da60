#pragma once

#include "base/event.h"
#include "runtime/executor.h"
#include "runtime/waitgraph.h"

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace threadlab {

// threading.Thread: one thread per task, started in order; the main lane joins all, none, or the
// listed tasks (daemon tasks are not joined unless listed; see finish()). A task whose thread the
// main lane joined delivers its result at the join.
class ThreadExecutor : public Executor
{
public:
    using Executor::Executor;
    ~ThreadExecutor() override;

    void runMain(LaneContext &main) override;
    void finish() override;

private:
    // A task's thread as the main lane's join waits for it (in the wait-for graph).
    struct Joinable : WaitTarget
    {
        std::atomic<int64_t> lane { -1 }; // its lane, once the thread runs
        std::atomic<bool> ended { false };
        std::atomic<TaskOutcome> outcome { TaskOutcome::Cancelled };
        bool ready(uint32_t lane) const override;
        std::vector<uint32_t> enders() const override;
    };
    std::vector<std::thread> m_threads;
    std::vector<std::unique_ptr<Joinable>> m_joinables; // by task instance
};

} // namespace threadlab
