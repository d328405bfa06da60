#include "runtime/threadexecutor.h"

#include "base/lanecontext.h"
#include "base/osids.h"
#include "base/recorder.h"
#include "base/stoptoken.h"
#include "runtime/runenvironment.h"
#include "runtime/runobjects.h"
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
    WaitGraph &graph = m_env.objects.waitGraph();
    graph.expect(int(scenario.instances.size()));
    m_joinables.clear();
    for (size_t i = 0; i < scenario.instances.size(); ++i)
        m_joinables.push_back(std::make_unique<Joinable>());
    for (const TaskInstance &instance : scenario.instances) {
        Joinable *joinable = m_joinables[size_t(instance.id)].get();
        m_threads.emplace_back([this, instance, parent, joinable] {
            LaneBuffer *buffer = m_env.recorder.addLane(
                LaneInfo { 0, LaneKind::Thread, currentPid(), currentTid(), instance.name, parent });
            buffer->record(EventKind::LaneBegin);
            joinable->lane.store(buffer->lane());
            LaneContext lane(buffer);
            // In the wait-for graph until a join of it can see that it ended.
            WaitGraph &graph = m_env.objects.waitGraph();
            graph.enter(lane.lane(), true);
            joinable->outcome.store(m_env.runner.runTask(lane, instance));
            joinable->ended.store(true);
            graph.leave(lane.lane());
            buffer->record(EventKind::LaneEnd);
        });
    }
    for (const TaskInstance &instance : scenario.instances) {
        const ExecutorSpec &executor = scenario.executor;
        const TaskSpec &spec = scenario.tasks[size_t(instance.spec)];
        // Python's join(): a daemon thread is waited for only when it is named.
        const bool joins = (executor.join == JoinMode::All && !spec.daemon)
            || (executor.join == JoinMode::Listed && executor.joinTasks.contains(instance.name));
        if (!joins)
            continue;
        main.setState(State::JoinWait, uint32_t(instance.id));
        const Joinable &joinable = *m_joinables[size_t(instance.id)];
        graph.block(main.lane(), { &joinable, State::JoinWait, uint32_t(instance.id) });
        m_threads[size_t(instance.id)].join();
        graph.unblock(main.lane());
        main.setState(State::Running);
        // A result arrives with a task that completed, as on a pool (a stopped one brings none).
        if (joinable.outcome.load() == TaskOutcome::Completed)
            main.buffer->record(EventKind::Result, uint32_t(instance.id));
    }
}

void ThreadExecutor::finish()
{
    // Python ends the program once every non-daemon thread has ended; the daemons still running
    // then are cut off where they are.
    const Scenario &scenario = m_env.scenario;
    auto daemon = [&](size_t i) {
        return i < scenario.instances.size() && scenario.tasks[size_t(scenario.instances[i].spec)].daemon;
    };
    bool daemonsRun = false;
    for (size_t i = 0; i < m_threads.size(); ++i) {
        if (!daemon(i) && m_threads[i].joinable())
            m_threads[i].join();
        daemonsRun = daemonsRun || (daemon(i) && !m_joinables[i]->ended.load());
    }
    if (daemonsRun)
        m_env.stop.requestStop(StopToken::Reason::DaemonsCutOff);
    for (std::thread &thread : m_threads) {
        if (thread.joinable())
            thread.join();
    }
}

bool ThreadExecutor::Joinable::ready(uint32_t) const
{
    return lane.load() < 0 || ended.load();
}

std::vector<uint32_t> ThreadExecutor::Joinable::enders() const
{
    const int64_t id = lane.load();
    if (id < 0)
        return {};
    return { uint32_t(id) };
}

} // namespace threadlab
