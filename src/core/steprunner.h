#pragma once

#include "event.h"
#include "scenario.h"

#include <vector>

namespace threadlab {

class CpuBurner;
class RunObjects;
class StopToken;
struct LaneContext;

// Interprets a task's steps on the calling thread, recording what it does into the lane.
class StepRunner
{
public:
    StepRunner(const Scenario &scenario, RunObjects &objects, const CpuBurner &burner, StopToken &stop);

    // Records TaskBegin/TaskEnd around the task's steps (run `repeat` times).
    TaskOutcome runTask(LaneContext &lane, const TaskInstance &instance);
    // Returns false if the run was stopped.
    bool runSteps(LaneContext &lane, const std::vector<Step> &steps);

private:
    bool runStep(LaneContext &lane, const Step &step);
    bool sleep(LaneContext &lane, int64_t ns);
    bool cpu(LaneContext &lane, int64_t ns);
    bool lock(LaneContext &lane, const Step &step);
    bool add(LaneContext &lane, const Step &step);
    bool addLocal(LaneContext &lane, const Step &step);
    bool get(LaneContext &lane, const Step &step);

    const Scenario &m_scenario;
    RunObjects &m_objects;
    const CpuBurner &m_burner;
    StopToken &m_stop;
};

} // namespace threadlab
