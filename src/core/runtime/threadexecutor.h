#pragma once

#include "runtime/executor.h"

#include <thread>
#include <vector>

namespace threadlab {

// threading.Thread: one thread per task, started in order; the main lane joins all, none, or the
// listed tasks. A task whose thread the main lane joined delivers its result at the join.
class ThreadExecutor : public Executor
{
public:
    using Executor::Executor;
    ~ThreadExecutor() override;

    void runMain(LaneContext &main) override;
    void finish() override;

private:
    std::vector<std::thread> m_threads;
};

} // namespace threadlab
