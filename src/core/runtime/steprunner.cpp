#include "runtime/steprunner.h"

#include "base/clock.h"
#include "base/coretext.h"
#include "base/lanecontext.h"
#include "base/stoptoken.h"
#include "runtime/cpuburner.h"
#include "runtime/downloadfile.h"
#include "runtime/runobjects.h"

#include <algorithm>

namespace threadlab {

namespace {
// Without a race window an update takes well under a microsecond: checking the stop flag every
// 256 updates keeps a stop prompt. With a window, every update checks it (and the window itself).
constexpr int64_t kStopCheckEvery = 256;

bool checkStop(int64_t done, int64_t window, const StopToken &stop)
{
    return (window > 0 || done % kStopCheckEvery == 0) && stop.stopRequested();
}

void spinFor(int64_t ns, const StopToken &stop)
{
    if (ns <= 0)
        return;
    const int64_t until = nowNs() + ns;
    while (nowNs() < until && !stop.stopRequested()) { }
}
} // namespace

StepRunner::StepRunner(const Scenario &scenario, RunObjects &objects, const CpuBurner &burner, StopToken &stop)
    : m_scenario(scenario)
    , m_objects(objects)
    , m_burner(burner)
    , m_stop(stop)
{ }

TaskOutcome StepRunner::runTask(LaneContext &lane, const TaskInstance &instance)
{
    const TaskSpec &spec = m_scenario.tasks[size_t(instance.spec)];
    lane.task = instance.id;
    lane.downloads = 0;
    lane.failure.clear();
    lane.buffer->record(EventKind::TaskBegin, uint32_t(instance.id));
    lane.setState(State::Running);
    bool completed = true;
    for (int round = 0; round < spec.repeat && completed; ++round)
        completed = runSteps(lane, spec.steps);
    const TaskOutcome outcome = !lane.failure.isEmpty() ? TaskOutcome::Failed
        : completed                                     ? TaskOutcome::Completed
                                                        : TaskOutcome::Cancelled;
    if (outcome == TaskOutcome::Failed && m_failureSink)
        m_failureSink(instance.id, lane.failure);
    lane.buffer->record(EventKind::TaskEnd, uint32_t(instance.id), int64_t(outcome));
    lane.task = -1;
    return outcome;
}

bool StepRunner::runSteps(LaneContext &lane, const std::vector<Step> &steps)
{
    for (const Step &step : steps) {
        if (m_stop.stopRequested() || !runStep(lane, step))
            return false;
    }
    return !m_stop.stopRequested();
}

bool StepRunner::runStep(LaneContext &lane, const Step &step)
{
    switch (step.kind) {
    case StepKind::Sleep:
        return sleep(lane, step.durationNs);
    case StepKind::Cpu:
        return cpu(lane, step.durationNs);
    case StepKind::Lock:
        return lock(lane, step);
    case StepKind::Add:
        return step.local ? addLocal(lane, step) : add(lane, step);
    case StepKind::Put:
        for (uint32_t item : step.items)
            m_objects.queue(step.object).put(lane, item, step.priority);
        return true;
    case StepKind::Get:
        return get(lane, step);
    case StepKind::Set:
        m_objects.event(step.object).set(lane);
        return true;
    case StepKind::Clear:
        m_objects.event(step.object).clear(lane);
        return true;
    case StepKind::Wait:
        return m_objects.event(step.object).wait(lane);
    case StepKind::WhileSet:
        while (m_objects.event(step.object).isSet()) {
            if (!runSteps(lane, step.steps))
                return false;
        }
        return true;
    case StepKind::Print:
        lane.buffer->record(EventKind::Mark, step.text);
        return true;
    case StepKind::Download:
        return download(lane, step);
    }
    return true;
}

bool StepRunner::download(LaneContext &lane, const Step &step)
{
    QString target = step.target;
    const TaskInstance *instance = lane.task >= 0 ? &m_scenario.instances[size_t(lane.task)] : nullptr;
    target.replace(QStringLiteral("{n}"), QString::number(instance ? instance->number : 1));
    target.replace(QStringLiteral("{item}"), m_scenario.objectName(lane.lastItem));
    if (!m_network.services) {
        lane.failure = Text::tr("cannot download %1: this program was built without network support").arg(target);
        return false;
    }
    QUrl url(target);
    if (step.embedded) {
        url = m_network.serverUrl.resolved(QUrl(target));
        url.setQuery(QStringLiteral("kb=%1").arg(step.kilobytes));
    }
    const Result<QString> path = DownloadFile::pathInside(
        m_network.directory, DownloadFile::name(lane.task, ++lane.downloads, url.fileName()));
    if (!path) {
        lane.failure = path.error().text();
        return false;
    }
    const Result<qint64> received = m_network.services->download(lane, url, *path, m_scenario.server.timeoutMs, m_stop);
    if (!received && !m_stop.stopRequested())
        lane.failure = received.error().text();
    return received.ok();
}

bool StepRunner::sleep(LaneContext &lane, int64_t ns)
{
    lane.setState(State::Sleeping);
    const bool completed = m_stop.sleepUntil(nowNs() + ns);
    lane.setState(State::Running);
    return completed;
}

bool StepRunner::cpu(LaneContext &lane, int64_t ns)
{
    if (!m_scenario.options.gil)
        return m_burner.burn(ns, m_stop);
    // With the GIL, CPU work runs under the process's GIL, offering it to waiting threads at every
    // switch interval, as CPython does.
    Gil &gil = m_objects.gil();
    if (!gil.acquire(lane))
        return false;
    for (int64_t left = ns;;) {
        const bool completed = m_burner.burn(std::min(left, Gil::kSwitchIntervalNs), m_stop);
        left -= Gil::kSwitchIntervalNs;
        if (!completed || left <= 0) {
            gil.release(lane);
            return completed;
        }
        if (!gil.yield(lane))
            return false;
    }
}

bool StepRunner::lock(LaneContext &lane, const Step &step)
{
    if (!m_scenario.options.lock)
        return runSteps(lane, step.steps);
    TracedMutex &mutex = m_objects.lock(step.object);
    if (!mutex.acquire(lane))
        return false;
    const bool completed = runSteps(lane, step.steps);
    mutex.release(lane);
    return completed;
}

bool StepRunner::add(LaneContext &lane, const Step &step)
{
    SharedCounter &counter = m_objects.counter(step.object);
    TracedMutex *guard = step.guard != kNoObject && m_scenario.options.lock ? &m_objects.lock(step.guard) : nullptr;
    const int64_t window = m_scenario.options.raceWindowNs;
    int64_t done = 0;
    bool completed = true;
    for (; done < step.times; ++done) {
        if (checkStop(done, window, m_stop)) {
            completed = false;
            break;
        }
        if (guard && !guard->acquire(lane)) {
            completed = false;
            break;
        }
        counter.add(lane, step.delta, window, m_stop);
        if (guard)
            guard->release(lane);
    }
    counter.addExpected(step.delta * done);
    return completed;
}

bool StepRunner::addLocal(LaneContext &lane, const Step &step)
{
    // threading.local(): each thread works on its own copy, so no lock is needed and none is lost.
    const int64_t window = m_scenario.options.raceWindowNs;
    int64_t &value = lane.localCounters[step.object];
    int64_t &expected = lane.localExpected[step.object];
    int64_t done = 0;
    for (; done < step.times; ++done) {
        if (checkStop(done, window, m_stop))
            break;
        // The same read-compute-write as a shared update (same window), on this thread's own copy.
        const int64_t read = value;
        spinFor(window, m_stop);
        value = read + step.delta;
    }
    expected += step.delta * done;
    m_objects.storeLocalCounter(step.object, int(lane.lane()), value, expected);
    return done == step.times;
}

bool StepRunner::get(LaneContext &lane, const Step &step)
{
    BlockingQueue &queue = m_objects.queue(step.object);
    for (;;) {
        const auto item = queue.get(lane);
        if (!item)
            return false;
        lane.lastItem = *item;
        if (step.item == kNoObject)
            return true;
        if (*item == step.item)
            return true;
        if (!runSteps(lane, step.steps))
            return false;
    }
}

} // namespace threadlab
