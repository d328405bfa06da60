#pragma once

#include "runtime/completionqueue.h"
#include "runtime/executor.h"

#include <QThreadPool>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace threadlab {

// concurrent.futures.ThreadPoolExecutor on a QThreadPool of `workers` threads: every task is
// submitted, results reach the main lane as completed or in submission order.
class PoolExecutor : public Executor
{
public:
    explicit PoolExecutor(RunEnvironment &env);
    ~PoolExecutor() override;

    void runMain(LaneContext &main) override;
    void finish() override;

private:
    LaneContext &laneOfCurrentThread(int parent);
    void runOnPool(int instance, int parent);

    QThreadPool m_pool;
    CompletionQueue m_done;
    std::mutex m_lanesMutex;
    std::map<std::thread::id, std::unique_ptr<LaneContext>> m_lanes;
    bool m_finished = false;
};

} // namespace threadlab
