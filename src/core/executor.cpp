#include "executor.h"

#include "poolexecutor.h"
#include "processexecutor.h"
#include "runenvironment.h"
#include "scenario.h"
#include "sequentialexecutor.h"
#include "threadexecutor.h"

namespace threadlab {

std::unique_ptr<Executor> Executor::create(RunEnvironment &env)
{
    switch (env.scenario.executor.kind) {
    case ExecutorKind::Sequential:
        return std::make_unique<SequentialExecutor>(env);
    case ExecutorKind::Threads:
        return std::make_unique<ThreadExecutor>(env);
    case ExecutorKind::Pool:
        return std::make_unique<PoolExecutor>(env);
    case ExecutorKind::Processes:
        return std::make_unique<ProcessExecutor>(env);
    }
    return std::make_unique<SequentialExecutor>(env);
}

} // namespace threadlab
