#include "runtime/sequentialexecutor.h"

#include "base/lanecontext.h"
#include "runtime/runenvironment.h"
#include "runtime/steprunner.h"
#include "scenario/scenario.h"

namespace threadlab {

void SequentialExecutor::runMain(LaneContext &main)
{
    for (const TaskInstance &instance : m_env.scenario.instances) {
        const TaskOutcome outcome = m_env.runner.runTask(main, instance);
        if (outcome == TaskOutcome::Cancelled)
            return; // stopped; a task that failed lets the others run
        if (outcome == TaskOutcome::Completed)
            main.buffer->record(EventKind::Result, uint32_t(instance.id));
    }
}

} // namespace threadlab
