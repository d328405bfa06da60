#include "sequentialexecutor.h"

#include "lanecontext.h"
#include "runenvironment.h"
#include "scenario.h"
#include "steprunner.h"

namespace threadlab {

void SequentialExecutor::runMain(LaneContext &main)
{
    for (const TaskInstance &instance : m_env.scenario.instances) {
        if (m_env.runner.runTask(main, instance) != TaskOutcome::Completed)
            return;
        main.buffer->record(EventKind::Result, uint32_t(instance.id));
    }
}

} // namespace threadlab
