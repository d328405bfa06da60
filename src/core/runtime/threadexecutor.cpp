#include "runtime/threadexecutor.h"

#include "base/lanecontext.h"
#include "base/osids.h"
#include "base/recorder.h"
#include "runtime/runenvironment.h"
#include "runtime/steprunner.h"
#include "scenario/scenario.h"

namespace threadlab {

ThreadExecutor::~ThreadExecutor()
{
    finish();
}

void ThreadExecutor::runMain(LaneContext &main)
{
    const Scenario &scenario = m_env.scenario;
    const int parent = int(main.lane());
    for (const TaskInstance &instance : scenario.instances) {
        m_threads.emplace_back([this, instance, parent] {
            LaneBuffer *buffer = m_env.recorder.addLane(
                LaneInfo { 0, LaneKind::Thread, currentPid(), currentTid(), instance.name, parent });
            buffer->record(EventKind::LaneBegin);
            LaneContext lane(buffer);
            m_env.runner.runTask(lane, instance);
            buffer->record(EventKind::LaneEnd);
        });
    }
    for (const TaskInstance &instance : scenario.instances) {
        const ExecutorSpec &executor = scenario.executor;
        const bool joins = executor.join == JoinMode::All
            || (executor.join == JoinMode::Listed && executor.joinTasks.contains(instance.name));
        if (!joins)
            continue;
        main.setState(State::JoinWait, uint32_t(instance.id));
        m_threads[size_t(instance.id)].join();
        main.setState(State::Running);
        main.buffer->record(EventKind::Result, uint32_t(instance.id));
    }
}

void ThreadExecutor::finish()
{
    for (std::thread &thread : m_threads) {
        if (thread.joinable())
            thread.join();
    }
}

} // namespace threadlab
