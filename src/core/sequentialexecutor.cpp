#include "sequentialexecutor.h"

#include "lanecontext.h"
#include "runenvironment.h"
#include "scenario.h"
#include "steprunner.h"

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
