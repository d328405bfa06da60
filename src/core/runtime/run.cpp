#include "runtime/run.h"

#include "base/coretext.h"
#include "base/lanecontext.h"
#include "base/osids.h"
#include "runtime/executor.h"
#include "runtime/runenvironment.h"

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
    , m_collector(m_recorder, m_log, m_stop)
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

void Run::showDeadlock(Trace &trace)
{
    std::lock_guard lock(m_deadlockMutex);
    if (m_deadlock.found && !trace.deadlock.found)
        trace.deadlock = m_deadlock;
}

void Run::applyTaskFailures(Trace &trace)
{
    for (const auto &[task, why] : m_log.taskFailures()) {
        if (size_t(task) < trace.tasks.size())
            trace.tasks[size_t(task)].error = why;
    }
}

Run::~Run()
{
    abandon(); // nobody will read this recording any more
    if (m_thread.joinable())
        m_thread.join();
    m_collector.join(); // its hooks use this run's members
}

void Run::start()
{
    if (m_started)
        return;
    m_started = true;
    TraceCollector::Hooks hooks;
    hooks.eachPass = [this](Trace &trace, int64_t settledNs) {
        // The shared counters' values over time, and the queues' contents, for what has surely all
        // arrived.
        trace.counters.update(trace, settledNs);
        trace.queueStays.update(trace, settledNs);
        showDeadlock(trace);
    };
    hooks.beforeComplete = [this](Trace &trace) {
        // Nothing more will arrive: the failures' reasons join their tasks.
        applyTaskFailures(trace);
        showDeadlock(trace);
        trace.counters.update(trace, INT64_MAX);
        trace.queueStays.update(trace, INT64_MAX);
    };
    m_collector.start(m_scenario, nowNs(), m_settings.maxTraceRecords, std::move(hooks));
    m_thread = std::thread([this] { runMainLane(); });
}

void Run::stop()
{
    m_stop.requestStop();
}

void Run::abandon()
{
    m_stop.requestAbandon();
}

qint64 Run::mainPid() const
{
    return currentPid();
}

bool Run::waitForFinished(int timeoutMs)
{
    return m_started && m_collector.waitForFinished(timeoutMs);
}

std::shared_ptr<RecordedRun> Run::takeRecording()
{
    waitForFinished();
    auto recording = std::make_shared<RecordedRun>();
    recording->scenario = m_scenario;
    recording->trace = m_collector.takeTrace();
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
    if (Result<std::unique_ptr<SchedCapture>> capture = SchedCapture::start(m_settings.sched, m_recorder))
        m_collector.setSched(std::move(*capture));
    else
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
    m_collector.stopSched();
    std::vector<CounterReport> counters = m_objects.counterReports(currentPid());
    const std::vector<CounterReport> remote = m_log.counters();
    counters.insert(counters.end(), remote.begin(), remote.end());
    {
        std::lock_guard lock(m_countersMutex);
        m_counters = std::move(counters);
    }
    m_collector.lanesEnded();
}

} // namespace threadlab
