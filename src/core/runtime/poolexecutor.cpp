#include "runtime/poolexecutor.h"

#include "base/lanecontext.h"
#include "base/osids.h"
#include "base/recorder.h"
#include "base/stoptoken.h"
#include "runtime/resultsequencer.h"
#include "runtime/runenvironment.h"
#include "runtime/runobjects.h"
#include "runtime/steprunner.h"
#include "scenario/scenario.h"

namespace threadlab {

PoolExecutor::PoolExecutor(RunEnvironment &env)
    : Executor(env)
    , m_done(env.stop)
{
    m_pool.setMaxThreadCount(env.scenario.executor.workers);
    m_pool.setExpiryTimeout(-1);
}

PoolExecutor::~PoolExecutor()
{
    finish();
}

LaneContext &PoolExecutor::laneOfCurrentThread(int parent)
{
    std::lock_guard lock(m_lanesMutex);
    auto &lane = m_lanes[std::this_thread::get_id()];
    if (!lane) {
        const QString name = QStringLiteral("pool-") + QString::number(m_lanes.size());
        LaneBuffer *buffer
            = m_env.recorder.addLane(LaneInfo { 0, LaneKind::Thread, currentPid(), currentTid(), name, parent });
        buffer->record(EventKind::LaneBegin);
        lane = std::make_unique<LaneContext>(buffer);
    }
    return *lane;
}

void PoolExecutor::runOnPool(int instance, int parent)
{
    if (m_env.stop.stopRequested()) {
        m_done.push(instance, TaskOutcome::Cancelled);
        return;
    }
    LaneContext &lane = laneOfCurrentThread(parent);
    // The lane takes part in the wait-for graph until its result is out: the main lane waits for it.
    WaitGraph &graph = m_env.objects.waitGraph();
    graph.enter(lane.lane(), true);
    const TaskOutcome outcome = m_env.runner.runTask(lane, m_env.scenario.instances[size_t(instance)]);
    lane.setState(State::Idle);
    m_done.push(instance, outcome);
    graph.leave(lane.lane());
}

void PoolExecutor::runMain(LaneContext &main)
{
    std::vector<int> submitted;
    const int parent = int(main.lane());
    WaitGraph &graph = m_env.objects.waitGraph();
    graph.expect(int(m_env.scenario.instances.size()));
    for (const TaskInstance &instance : m_env.scenario.instances) {
        const int id = instance.id;
        m_pool.start([this, id, parent] { runOnPool(id, parent); });
        submitted.push_back(id);
    }
    ResultSequencer sequencer(m_env.scenario.executor.results, submitted);
    main.setState(State::JoinWait, sequencer.awaited());
    while (!sequencer.finished()) {
        const auto done = m_done.pop(graph, main.lane(), sequencer.awaited());
        if (!done)
            break;
        sequencer.recordDelivery(main, sequencer.complete(done->first, done->second));
    }
    main.setState(State::Running);
}

void PoolExecutor::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_pool.waitForDone();
    // The pool threads are idle now: their lanes end here (handing the buffers' producer role over).
    std::lock_guard lock(m_lanesMutex);
    for (auto &[thread, lane] : m_lanes)
        lane->buffer->record(EventKind::LaneEnd);
}

} // namespace threadlab
