#include "runtime/executor.h"

#include "runtime/poolexecutor.h"
#include "runtime/processexecutor.h"
#include "runtime/runenvironment.h"
#include "runtime/sequentialexecutor.h"
#include "runtime/threadexecutor.h"
#include "scenario/scenario.h"

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
