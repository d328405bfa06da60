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
    WaitGraph &graph = m_objects.waitGraph();
    graph.enter(lane.lane(), true);
    if (spec.daemon)
        graph.markDaemon(lane.lane());
    bool completed = true;
    for (int round = 0; round < spec.repeat && completed; ++round)
        completed = runSteps(lane, spec.steps);
    const bool cutOff = m_stop.reason() == StopToken::Reason::DaemonsCutOff;
    const TaskOutcome outcome = !lane.failure.isEmpty() ? TaskOutcome::Failed
        : completed                                     ? TaskOutcome::Completed
        : cutOff                                        ? TaskOutcome::CutOff
                                                        : TaskOutcome::Cancelled;
    if (outcome == TaskOutcome::Failed && m_failureSink)
        m_failureSink(instance.id, lane.failure);
    graph.leave(lane.lane());
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
    case StepKind::RLock:
        return lock(lane, step);
    case StepKind::Semaphore:
        return semaphore(lane, step);
    case StepKind::Release:
        return release(lane, step);
    case StepKind::Condition:
        return condition(lane, step);
    case StepKind::ConditionWait:
        return conditionWait(lane, step);
    case StepKind::Notify:
    case StepKind::NotifyAll:
        return notify(lane, step);
    case StepKind::Barrier:
        return m_objects.barrier(step.object).wait(lane, step.timeoutNs) != WaitResult::Stopped;
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
        return m_objects.event(step.object).wait(lane, step.timeoutNs) != WaitResult::Stopped;
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
    std::vector<uint32_t> &inAdvance = lane.takenInAdvance;
    if (std::find(inAdvance.begin(), inAdvance.end(), step.object) != inAdvance.end())
        return runSteps(lane, step.steps); // an outer step took it already, in the global order
    // With lock ordering on, a lock step takes the locks its steps will need too, all in name order
    // (as `with first, second:` over sorted locks), so no two lanes can wait for each other.
    std::vector<uint32_t> locks { step.object };
    if (m_scenario.options.ordering) {
        for (uint32_t nested : step.nestedLocks) {
            if (nested != step.object && std::find(inAdvance.begin(), inAdvance.end(), nested) == inAdvance.end())
                locks.push_back(nested);
        }
        std::sort(locks.begin(), locks.end(),
            [&](uint32_t a, uint32_t b) { return m_scenario.objectName(a) < m_scenario.objectName(b); });
    }
    size_t taken = 0;
    WaitResult result = WaitResult::Done;
    for (; taken < locks.size(); ++taken) {
        if ((result = m_objects.lock(locks[taken]).acquire(lane, step.timeoutNs)) != WaitResult::Done)
            break;
    }
    // A lock that timed out skips the steps it guards; the task goes on.
    bool completed = result != WaitResult::Stopped;
    if (result == WaitResult::Done) {
        const size_t before = inAdvance.size();
        for (uint32_t lock : locks) {
            if (lock != step.object)
                inAdvance.push_back(lock);
        }
        completed = runSteps(lane, step.steps);
        inAdvance.resize(before);
    }
    while (taken > 0)
        m_objects.lock(locks[--taken]).release(lane);
    return completed;
}

bool StepRunner::semaphore(LaneContext &lane, const Step &step)
{
    TracedSemaphore &semaphore = m_objects.semaphore(step.object);
    const WaitResult result = semaphore.acquire(lane, step.timeoutNs);
    if (result != WaitResult::Done)
        return result == WaitResult::TimedOut;
    const bool completed = runSteps(lane, step.steps);
    semaphore.release(lane, true);
    return completed;
}

bool StepRunner::release(LaneContext &lane, const Step &step)
{
    TracedSemaphore &semaphore = m_objects.semaphore(step.object);
    if (semaphore.release(lane, false))
        return true;
    return fail(lane,
        Text::tr("released bounded semaphore '%1' more often than it was acquired (it holds at most %2; Python "
                 "raises ValueError)")
            .arg(m_scenario.objectName(step.object))
            .arg(semaphore.initialValue()));
}

bool StepRunner::condition(LaneContext &lane, const Step &step)
{
    TracedMutex &lock = m_objects.condition(step.object).lock();
    if (lock.acquire(lane) != WaitResult::Done)
        return false;
    const bool completed = runSteps(lane, step.steps);
    if (lock.heldBy(lane.lane()))
        lock.release(lane);
    return completed;
}

bool StepRunner::conditionWait(LaneContext &lane, const Step &step)
{
    std::function<bool()> predicate;
    if (step.counter != kNoObject) {
        const SharedCounter &counter = m_objects.counter(step.counter);
        predicate = [&counter, atLeast = step.atLeast] { return counter.value() >= atLeast; };
    }
    bool notHeld = false;
    const WaitResult result = m_objects.condition(step.object).wait(lane, predicate, step.timeoutNs, &notHeld);
    if (notHeld)
        return fail(lane, conditionLockMissing(step.object, QStringLiteral("wait")));
    return result != WaitResult::Stopped;
}

bool StepRunner::notify(LaneContext &lane, const Step &step)
{
    const int64_t n = step.kind == StepKind::NotifyAll ? -1 : step.times;
    if (m_objects.condition(step.object).notify(lane, n))
        return true;
    return fail(lane,
        conditionLockMissing(
            step.object, step.kind == StepKind::NotifyAll ? QStringLiteral("notify_all") : QStringLiteral("notify")));
}

QString StepRunner::conditionLockMissing(uint32_t condition, const QString &call) const
{
    const ObjectSpec &spec = m_scenario.objects[condition];
    return Text::tr("%1 on condition '%2' without holding its lock '%3' (Python raises RuntimeError): put the step "
                    "inside {\"condition\": \"%2\", \"steps\": [...]}")
        .arg(call, spec.name, m_scenario.objectName(spec.lock));
}

bool StepRunner::fail(LaneContext &lane, const QString &why)
{
    lane.failure = why;
    return false;
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
        if (guard && guard->acquire(lane) != WaitResult::Done) {
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
        WaitResult result = WaitResult::Done;
        const auto item = queue.get(lane, step.timeoutNs, &result);
        if (!item) {
            lane.lastItem = kNoObject;
            return result == WaitResult::TimedOut; // a get that timed out ends; the task goes on
        }
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
