#include "runtime/run.h"

#include "base/coretext.h"
#include "base/lanecontext.h"
#include "base/osids.h"
#include "runtime/executor.h"
#include "runtime/runenvironment.h"
#include "trace/schedmodel.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace threadlab {

namespace {
std::function<std::shared_ptr<NetworkServices>()> &networkFactory()
{
    static std::function<std::shared_ptr<NetworkServices>()> factory;
    return factory;
}

double calibratedRate()
{
    static const double rate = CpuBurner::calibrate().iterationsPerMs();
    return rate;
}
} // namespace

void Run::setNetworkFactory(std::function<std::shared_ptr<NetworkServices>()> factory)
{
    networkFactory() = std::move(factory);
}

QString Run::defaultWorkerPath()
{
    QString fromEnvironment = qEnvironmentVariable("THREADLAB_WORKER");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    if (QCoreApplication::instance()) {
        // In the build tree the worker is beside threadlab; installed, it is in libexec, found
        // relative to the binary so that an installed tree can move.
        const QString binDir = QCoreApplication::applicationDirPath();
        const QStringList candidates { binDir + QStringLiteral("/threadlab-worker"),
            binDir + QStringLiteral("/" THREADLAB_WORKER_FROM_BINDIR) };
        for (const QString &candidate : candidates) {
            if (QFileInfo(candidate).isExecutable())
                return QFileInfo(candidate).canonicalFilePath();
        }
    }
#ifdef THREADLAB_WORKER_BUILD_PATH
    return QStringLiteral(THREADLAB_WORKER_BUILD_PATH);
#else
    return QStringLiteral("threadlab-worker");
#endif
}

Run::Run(Scenario scenario, RunSettings settings)
    : m_scenario(std::move(scenario))
    , m_settings(std::move(settings))
    , m_recorder(m_settings.maxBufferedEvents)
    , m_burner(m_settings.iterationsPerMs > 0 ? m_settings.iterationsPerMs : calibratedRate())
    , m_objects(m_scenario, m_stop)
    , m_runner(m_scenario, m_objects, m_burner, m_stop)
    , m_builder(m_trace)
{
    if (m_settings.workerPath.isEmpty())
        m_settings.workerPath = defaultWorkerPath();
    m_objects.waitGraph().setSink([this](const Deadlock &deadlock) { onDeadlock(deadlock); },
        [this](uint32_t lane) { return m_objects.heldBy(lane); });
    m_runner.setFailureSink([this](int task, const QString &why) {
        m_log.addTaskFailure(task, why);
        m_log.addError(Text::tr("task '%1' failed: %2").arg(m_scenario.instances[size_t(task)].name, why));
    });
}

bool Run::prepareNetwork()
{
    bool downloads = m_scenario.server.used;
    std::function<void(const std::vector<Step> &)> scan = [&](const std::vector<Step> &steps) {
        for (const Step &step : steps) {
            downloads = downloads || step.kind == StepKind::Download;
            scan(step.steps);
        }
    };
    scan(m_scenario.mainSteps);
    for (const TaskSpec &task : m_scenario.tasks)
        scan(task.steps);
    if (!downloads)
        return true;
    if (!m_settings.network && networkFactory())
        m_settings.network = networkFactory()();
    StepRunner::Network network { m_settings.network.get(), {}, m_settings.downloadDirectory };
    if (network.directory.isEmpty()) {
        m_downloads = std::make_unique<QTemporaryDir>();
        network.directory = m_downloads->path();
    }
    if (m_scenario.server.used && network.services) {
        const Result<QUrl> server = network.services->startServer(m_scenario.server);
        if (!server) {
            m_log.addError(Text::tr("cannot start the embedded image server: ") + server.error().text());
            return false;
        }
        network.serverUrl = *server;
    }
    m_runner.setNetwork(network);
    return true;
}

void Run::onDeadlock(const Deadlock &deadlock)
{
    // Called on the lane that closed it: everything is recorded so far, so the run stops here and
    // keeps it all (the cycle goes into the trace at the collector's next look).
    {
        std::lock_guard lock(m_deadlockMutex);
        m_deadlock = deadlock;
    }
    m_stop.requestStop(StopToken::Reason::Deadlock);
}

void Run::showDeadlock()
{
    std::lock_guard lock(m_deadlockMutex);
    if (m_deadlock.found && !m_trace.deadlock.found)
        m_trace.deadlock = m_deadlock;
}

void Run::applyTaskFailures()
{
    for (const auto &[task, why] : m_log.taskFailures()) {
        if (size_t(task) < m_trace.tasks.size())
            m_trace.tasks[size_t(task)].error = why;
    }
}

Run::~Run()
{
    abandon(); // nobody will read this recording any more
    if (m_thread.joinable())
        m_thread.join();
    if (m_collector.joinable())
        m_collector.join();
}

void Run::start()
{
    if (m_started)
        return;
    m_started = true;
    m_builder.start(m_scenario, nowNs());
    m_builder.setRecordBudget(m_settings.maxTraceRecords);
    m_thread = std::thread([this] { runMainLane(); });
    m_collector = std::thread([this] { collectLoop(); });
}

void Run::stop()
{
    m_stop.requestStop();
}

void Run::abandon()
{
    m_stop.requestAbandon();
}

bool Run::waitForFinished(int timeoutMs)
{
    if (!m_started)
        return false;
    std::unique_lock lock(m_finishedMutex);
    auto finished = [this] { return m_finished.load(); };
    if (timeoutMs < 0)
        m_finishedChanged.wait(lock, finished);
    else if (!m_finishedChanged.wait_for(lock, std::chrono::milliseconds(timeoutMs), finished))
        return false;
    return true;
}

void Run::collectLoop()
{
    // Every few milliseconds, or as soon as the lanes end, the collector takes all that has been
    // recorded. Lanes that record faster than the trace grows keep it busy: the recorder then drops
    // events and counts them, and a reader still waits for one batch at most.
    // An abandoned run's trace is read by nobody: the collector stops building it and only waits
    // for the lanes to end.
    int64_t nextSnapshotNs = nowNs() + kSchedSnapshotNs;
    for (;;) {
        const bool lanesEnded = m_lanesEnded.load(); // read first: what they recorded before is all there
        while (!m_stop.abandoned() && collectBatch() == kCollectBatch) { }
        if (!m_stop.abandoned()) {
            // The shared counters' values over time, for what has surely all arrived.
            std::lock_guard lock(m_traceMutex);
            m_trace.counters.update(m_trace, nowNs() - kSchedSettledNs);
            m_trace.queueStays.update(m_trace, nowNs() - kSchedSettledNs);
            showDeadlock();
        }
        if (!lanesEnded && !m_stop.abandoned() && nowNs() >= nextSnapshotNs) {
            // A snapshot rebuilds from everything captured so far: as a run grows long, they come
            // less often, so that they never take more than a fifth of the collector's time.
            const int64_t started = nowNs();
            showSchedSoFar();
            const int64_t took = nowNs() - started;
            nextSnapshotNs = nowNs() + std::max(kSchedSnapshotNs, 4 * took);
        }
        if (lanesEnded) {
            if (!m_stop.abandoned())
                completeTrace();
            break;
        }
        std::unique_lock lock(m_finishedMutex);
        m_finishedChanged.wait_for(
            lock, std::chrono::milliseconds(kCollectPeriodMs), [this] { return m_lanesEnded.load(); });
    }
    {
        std::lock_guard lock(m_finishedMutex);
        m_finished.store(true);
    }
    m_finishedChanged.notify_all();
}

size_t Run::collectBatch()
{
    std::lock_guard lock(m_traceMutex);
    const size_t taken = m_recorder.drain([this](const LaneInfo &info) { m_builder.addLane(info); },
        [this](const Event *events, size_t count) { m_builder.addEvents(events, count); }, kCollectBatch);
    m_traceDropped.store(m_builder.dropped());
    if (m_builder.budgetReachedNs() >= 0 && !m_budgetReported) {
        m_budgetReported = true;
        m_log.addError(QStringLiteral("the trace reached its memory budget of %1 records at %2 s: later events "
                                      "are counted as dropped, and the chart ends there")
                           .arg(m_settings.maxTraceRecords)
                           .arg(double(m_builder.budgetReachedNs() - m_trace.originNs) / 1e9, 0, 'f', 3));
    }
    return taken;
}

void Run::showSchedSoFar()
{
    // Built aside from the lanes' thread ids, then swapped in: the trace's lock is held only to
    // copy those and to swap.
    std::lock_guard capture(m_schedMutex);
    if (!m_sched)
        return;
    Trace scratch;
    {
        std::lock_guard lock(m_traceMutex);
        scratch.lanes.resize(m_trace.lanes.size());
        for (size_t i = 0; i < m_trace.lanes.size(); ++i)
            scratch.lanes[i].info = m_trace.lanes[i].info;
    }
    const int64_t now = nowNs();
    m_sched->snapshot(scratch, now);
    std::lock_guard lock(m_traceMutex);
    for (size_t i = 0; i < scratch.lanes.size() && i < m_trace.lanes.size(); ++i) {
        m_trace.lanes[i].os.swap(scratch.lanes[i].os);
        m_trace.lanes[i].sched = scratch.lanes[i].sched;
    }
    m_trace.cpus.swap(scratch.cpus);
    m_trace.sched = scratch.sched;
    // The Threads view shows Runnable while the run goes: segments old enough for the scheduler's
    // data about them to be complete are refined now, the rest at the next snapshot or the end.
    SchedModel::refineSegmentsSoFar(m_trace, now - kSchedSettledNs);
    m_trace.sched.movedEvents = m_builder.movedEvents();
}

void Run::completeTrace()
{
    // Nothing more will arrive: the failures' reasons join their tasks, and the trace gives its
    // growth slack back. That copies the trace once; a stopped run's user is waiting to get out, so
    // it keeps its slack (at most the size of the trace) instead.
    std::lock_guard lock(m_traceMutex);
    applyTaskFailures();
    showDeadlock();
    m_trace.counters.update(m_trace, INT64_MAX);
    m_trace.queueStays.update(m_trace, INT64_MAX);
    if (m_sched) {
        m_sched->apply(m_trace, m_trace.lastEventNs);
        m_trace.sched.movedEvents = m_builder.movedEvents();
        // Where every switch is known, no more lanes run at once than there are CPUs; a trace that
        // says otherwise is reported, not shown as if it were true.
        if (m_trace.sched.source == SchedSource::Exact && m_trace.eventCount <= kCheckedEvents) {
            if (const int most = SchedModel::maxRunningLanes(m_trace); most > m_trace.sched.cpuCount)
                m_log.addError(Text::tr("the OS scheduler's data do not add up: %1 lanes are drawn running at once "
                                        "on %2 CPUs (%3 scheduler records were lost)")
                                   .arg(most)
                                   .arg(m_trace.sched.cpuCount)
                                   .arg(m_trace.sched.lost));
        }
    }
    if (!m_stop.stopRequested())
        m_trace.shrinkToFit();
}

std::shared_ptr<RecordedRun> Run::takeRecording()
{
    waitForFinished();
    auto recording = std::make_shared<RecordedRun>();
    recording->scenario = m_scenario;
    {
        std::lock_guard lock(m_traceMutex);
        recording->trace = std::move(m_trace);
        m_trace = Trace {};
    }
    recording->counters = counters();
    recording->errors = errors();
    recording->eventsRecorded = recordedEvents();
    recording->eventsDropped = droppedEvents();
    recording->pid = currentPid();
    recording->stopped = m_stop.reason() == StopToken::Reason::User;
    return recording;
}

std::vector<CounterReport> Run::counters() const
{
    std::lock_guard lock(m_countersMutex);
    return m_counters;
}

void Run::runMainLane()
{
    // The scheduler's view is captured from before the first lane until the last one has ended.
    if (Result<std::unique_ptr<SchedCapture>> capture = SchedCapture::start(m_settings.sched, m_recorder)) {
        std::lock_guard lock(m_schedMutex);
        m_sched = std::move(*capture);
    } else
        m_log.addError(Text::tr("no scheduler data: ") + capture.error().text());
    LaneBuffer *buffer
        = m_recorder.addLane(LaneInfo { 0, LaneKind::Main, currentPid(), currentTid(), QStringLiteral("main"), -1 });
    buffer->record(EventKind::LaneBegin);
    LaneContext main(buffer);
    m_objects.waitGraph().enter(main.lane(), false);
    RunEnvironment env { m_scenario, m_recorder, m_objects, m_runner, m_stop, m_burner, m_log, m_settings.workerPath,
        [this](const Deadlock &deadlock) { onDeadlock(deadlock); } };
    {
        // The executor lives and dies on this thread: the process executor's Qt objects belong here.
        const std::unique_ptr<Executor> executor = Executor::create(env);
        if (prepareNetwork() && m_runner.runSteps(main, m_scenario.mainSteps))
            executor->runMain(main);
        m_objects.waitGraph().leave(main.lane());
        buffer->record(EventKind::LaneEnd);
        executor->finish();
    }
    if (m_sched)
        m_sched->stop();
    std::vector<CounterReport> counters = m_objects.counterReports(currentPid());
    const std::vector<CounterReport> remote = m_log.counters();
    counters.insert(counters.end(), remote.begin(), remote.end());
    {
        std::lock_guard lock(m_countersMutex);
        m_counters = std::move(counters);
    }
    {
        std::lock_guard lock(m_finishedMutex);
        m_lanesEnded.store(true);
    }
    m_finishedChanged.notify_all();
}

} // namespace threadlab
