#pragma once

#include "base/event.h"
#include "runtime/networkservices.h"
#include "scenario/scenario.h"

#include <QUrl>
#include <functional>
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

    // Where download steps go: the network services, the embedded server's base URL, the folder
    // the files are written to, and who hears why a task failed.
    struct Network
    {
        NetworkServices *services = nullptr;
        QUrl serverUrl;
        QString directory;
    };
    void setNetwork(Network network) { m_network = std::move(network); }
    const Network &network() const { return m_network; }
    void setFailureSink(std::function<void(int task, const QString &why)> sink) { m_failureSink = std::move(sink); }
    // A task that failed elsewhere (in a worker process) is reported like one that failed here.
    void reportFailure(int task, const QString &why)
    {
        if (m_failureSink)
            m_failureSink(task, why);
    }

    // Records TaskBegin/TaskEnd around the task's steps (run `repeat` times).
    TaskOutcome runTask(LaneContext &lane, const TaskInstance &instance);
    // Returns false if the run was stopped.
    bool runSteps(LaneContext &lane, const std::vector<Step> &steps);

private:
    bool runStep(LaneContext &lane, const Step &step);
    bool sleep(LaneContext &lane, int64_t ns);
    bool cpu(LaneContext &lane, int64_t ns);
    bool lock(LaneContext &lane, const Step &step);
    bool semaphore(LaneContext &lane, const Step &step);
    bool release(LaneContext &lane, const Step &step);
    bool condition(LaneContext &lane, const Step &step);
    bool conditionWait(LaneContext &lane, const Step &step);
    bool notify(LaneContext &lane, const Step &step);
    bool fail(LaneContext &lane, const QString &why);
    QString conditionLockMissing(uint32_t condition, const QString &call) const;
    bool add(LaneContext &lane, const Step &step);
    bool addLocal(LaneContext &lane, const Step &step);
    bool get(LaneContext &lane, const Step &step);
    bool download(LaneContext &lane, const Step &step);

    const Scenario &m_scenario;
    RunObjects &m_objects;
    const CpuBurner &m_burner;
    StopToken &m_stop;
    Network m_network;
    std::function<void(int task, const QString &why)> m_failureSink;
};

} // namespace threadlab
