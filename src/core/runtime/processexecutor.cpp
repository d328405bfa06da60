#include "runtime/processexecutor.h"

#include "base/coretext.h"
#include "base/lanecontext.h"
#include "base/recorder.h"
#include "base/stoptoken.h"
#include "runtime/cpuburner.h"
#include "runtime/procfiles.h"
#include "runtime/runenvironment.h"
#include "runtime/runlog.h"
#include "runtime/steprunner.h"
#include "scenario/scenario.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QLocalSocket>
#include <QProcess>
#include <QTimer>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace threadlab {

namespace {
constexpr int kConnectTimeoutMs = 20'000;
constexpr int kStopGraceMs = 2'000;
constexpr int kShutdownTimeoutMs = 10'000;
} // namespace

ProcessExecutor::ProcessExecutor(RunEnvironment &env)
    : Executor(env)
    , m_context(std::make_unique<QObject>())
{ }

ProcessExecutor::~ProcessExecutor()
{
    finish();
}

QString ProcessExecutor::workerLabel(const Worker &worker) const
{
    return Text::tr("worker process ") + QString::number(worker.index + 1)
        + (worker.pid ? Text::tr(" (pid ") + QString::number(worker.pid) + u')' : QString());
}

QString ProcessExecutor::taskName(int instance) const
{
    return m_env.scenario.instances.at(size_t(instance)).name;
}

bool ProcessExecutor::anyWorkerAlive() const
{
    for (const auto &worker : m_workers) {
        if (!worker->exited)
            return true;
    }
    return false;
}

void ProcessExecutor::send(Worker &worker, const QByteArray &frame)
{
    if (worker.socket && worker.socket->state() == QLocalSocket::ConnectedState) {
        worker.socket->write(frame);
        worker.socket->flush();
    }
}

void ProcessExecutor::startWorker(int index)
{
    auto worker = std::make_unique<Worker>();
    worker->index = index;
    worker->spawnNs = nowNs();
    worker->lanes = std::make_unique<WorkerLanes>(m_env.scenario.instances.size(), m_env.scenario.objects.size());
    auto *process = new QProcess(m_context.get());
    worker->process = process;
    Worker *raw = worker.get();
    m_workers.push_back(std::move(worker));
    // The channel: a socket pair, both ends closed on exec; the child keeps its end open across
    // exec (in the child only), and finds its number in the environment.
    int ends[2] = { -1, -1 };
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0) {
        m_env.log.addError(Text::tr("cannot make a channel for worker process %1: %2")
                               .arg(index + 1)
                               .arg(QString::fromLocal8Bit(std::strerror(errno))));
        raw->exited = true;
        return;
    }
    const int childEnd = ends[1];
    raw->socket = new QLocalSocket(m_context.get());
    raw->socket->setSocketDescriptor(ends[0]);
    QObject::connect(raw->socket, &QLocalSocket::readyRead, m_context.get(), [this, raw] { onSocketData(*raw); });
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(kWorkerChannelVariable), QString::number(childEnd));
    process->setProcessEnvironment(environment);
    process->setChildProcessModifier([childEnd] { ::fcntl(childEnd, F_SETFD, 0); });
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->setStandardInputFile(QProcess::nullDevice()); // it talks over the socket pair only
    process->setStandardOutputFile(QProcess::nullDevice());
    QObject::connect(process, &QProcess::finished, m_context.get(), [this, raw](int code, QProcess::ExitStatus status) {
        onWorkerExited(*raw,
            status == QProcess::CrashExit ? QStringLiteral("crashed")
                                          : Text::tr("exited with code ") + QString::number(code));
    });
    QObject::connect(process, &QProcess::errorOccurred, m_context.get(), [this, raw](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            m_env.log.addError(Text::tr("cannot start worker process '") + m_env.workerPath + Text::tr("': ")
                + raw->process->errorString());
            onWorkerExited(*raw, QString());
        }
    });
    // Refused before QProcess tries: Qt 6.4 leaks a pipe each time exec fails.
    if (const QFileInfo program(m_env.workerPath); !program.isFile() || !program.isExecutable()) {
        ::close(childEnd);
        m_env.log.addError(
            Text::tr("cannot start worker process '") + m_env.workerPath + Text::tr("': not an executable file"));
        onWorkerExited(*raw, QString());
        return;
    }
    process->start(m_env.workerPath, { QStringLiteral("--index"), QString::number(index) });
    ::close(childEnd);
    QTimer::singleShot(kConnectTimeoutMs, m_context.get(), [this, raw] {
        if (!raw->ready && !raw->exited) {
            m_env.log.addError(workerLabel(*raw) + Text::tr(" did not report ready within ")
                + QString::number(kConnectTimeoutMs / 1000) + Text::tr(" s"));
            raw->process->kill();
        }
    });
}

void ProcessExecutor::onSocketData(Worker &worker)
{
    if (!worker.socket || worker.stopped)
        return;
    worker.reader.append(worker.socket->readAll());
    while (auto frame = worker.reader.next()) {
        handleFrame(worker, *frame);
        if (worker.stopped)
            return;
    }
    if (worker.reader.failed())
        protocolError(worker, Text::tr("sent a frame over the limit of %1 bytes").arg(WorkerMessages::kMaxFrameBytes));
}

void ProcessExecutor::protocolError(Worker &worker, const QString &what)
{
    if (worker.stopped)
        return;
    worker.stopped = true;
    m_env.log.addError(workerLabel(worker) + u' ' + what + Text::tr("; stopped it"));
    if (worker.socket)
        worker.socket->abort();
    if (worker.process)
        worker.process->kill();
}

void ProcessExecutor::onReady(Worker &worker, const QByteArray &payload)
{
    const auto ready = WorkerMessages::decodeReady(payload);
    if (!ready || worker.ready || ready->index != worker.index || ready->pid != worker.process->processId()) {
        protocolError(worker, Text::tr("introduced itself wrongly"));
        return;
    }
    worker.pid = ready->pid;
    worker.ready = true;
    const ScenarioOptions &options = m_env.scenario.options;
    HelloMessage hello { m_env.scenario.source, m_env.scenario.origin, options.lock, options.gil, options.ordering,
        options.raceWindowNs, m_env.burner.iterationsPerMs(), worker.index, m_env.runner.network().serverUrl.toString(),
        m_env.runner.network().directory };
    send(worker, WorkerMessages::frame(MessageType::Hello, WorkerMessages::encode(hello)));
    dispatch();
}

void ProcessExecutor::onLane(Worker &worker, const QByteArray &payload)
{
    const auto lane = WorkerMessages::decodeLane(payload);
    if (!lane) {
        protocolError(worker, Text::tr("sent a malformed lane"));
        return;
    }
    if (!worker.lanes->empty()) {
        // A worker runs its tasks on one lane: a second one is refused before it is made here.
        protocolError(worker, Text::tr("announced more than one lane"));
        return;
    }
    LaneInfo info = lane->info;
    info.parent = int(m_main->lane());
    info.pid = worker.pid;
    info.name = info.name + Text::tr(" (pid ") + QString::number(worker.pid) + u')';
    LaneBuffer *mirror = m_env.recorder.addLane(info);
    // Its start-up is its lane's first state: from the spawn (fork, exec, the worker's own start,
    // the hello) until the worker begins the lane itself.
    mirror->recordAt(worker.spawnNs, EventKind::LaneBegin);
    mirror->recordAt(worker.spawnNs, EventKind::StateChange, kNoObject, -1, uint16_t(State::Starting));
    worker.lanes->add(lane->info.id, mirror);
}

void ProcessExecutor::onEvents(Worker &worker, const QByteArray &payload)
{
    const auto events = WorkerMessages::decodeEvents(payload);
    if (!events) {
        protocolError(worker, Text::tr("sent malformed events"));
        return;
    }
    const int64_t now = nowNs();
    for (const Event &event : *events) {
        if (const QString problem = worker.lanes->mirror(event, worker.currentTask, now); !problem.isEmpty()) {
            protocolError(worker, problem);
            return;
        }
    }
}

void ProcessExecutor::onReport(Worker &worker, const QByteArray &payload)
{
    auto report = WorkerMessages::decodeReport(payload);
    if (!report || report->counters.size() > m_env.scenario.objects.size() * 2) {
        protocolError(worker, Text::tr("sent a malformed report"));
        return;
    }
    for (CounterReport &counter : report->counters) {
        counter.pid = worker.pid;
        if (counter.lane >= 0)
            counter.lane = worker.lanes->mirrorOf(counter.lane);
    }
    m_env.log.addCounters(report->counters);
    m_env.log.addRemoteEvents(report->recorded, report->dropped);
    worker.reported = true;
}

void ProcessExecutor::onDeadlock(Worker &worker, const QByteArray &payload)
{
    const auto objects = quint32(m_env.scenario.objects.size());
    auto deadlock = WorkerMessages::decodeDeadlock(payload, quint32(worker.lanes->size()), objects);
    if (!deadlock || deadlock->links.empty() || deadlock->detectedNs > nowNs()) {
        protocolError(worker, Text::tr("sent a malformed deadlock"));
        return;
    }
    // Its lane ids become the mirrors' here; it waits only on objects of its own process.
    for (DeadlockLink &link : deadlock->links) {
        const int lane = worker.lanes->mirrorOf(link.lane);
        const int heldBy = link.heldBy < 0 ? -1 : worker.lanes->mirrorOf(link.heldBy);
        const bool known = std::all_of(link.holds.begin(), link.holds.end(), [&](uint32_t o) { return o < objects; });
        if (lane < 0 || (link.heldBy >= 0 && heldBy < 0) || !known || link.waitsFor >= objects
            || link.waitState == State::JoinWait) {
            protocolError(worker, Text::tr("sent a deadlock naming lanes or objects it does not have"));
            return;
        }
        link.lane = uint32_t(lane);
        link.heldBy = heldBy;
    }
    if (m_env.deadlock)
        m_env.deadlock(*deadlock);
}

void ProcessExecutor::handleFrame(Worker &worker, const FrameReader::Frame &frame)
{
    worker.lastHeardNs = nowNs();
    if (frame.type == MessageType::Heartbeat)
        return;
    if (frame.type == MessageType::Ready) {
        onReady(worker, frame.payload);
        return;
    }
    if (!worker.ready) {
        protocolError(worker, Text::tr("sent a message before introducing itself"));
        return;
    }
    switch (frame.type) {
    case MessageType::Lane:
        onLane(worker, frame.payload);
        return;
    case MessageType::Events:
        onEvents(worker, frame.payload);
        return;
    case MessageType::TaskDone: {
        const auto done = WorkerMessages::decodeTaskDone(frame.payload);
        if (!done || done->instance != worker.currentTask) {
            protocolError(worker, Text::tr("reported a task it was not running"));
            return;
        }
        worker.currentTask = -1;
        if (done->outcome == TaskOutcome::Failed)
            m_env.runner.reportFailure(done->instance, done->failure);
        account(done->instance, done->outcome);
        dispatch();
        return;
    }
    case MessageType::Report:
        onReport(worker, frame.payload);
        return;
    case MessageType::Deadlock:
        onDeadlock(worker, frame.payload);
        return;
    default:
        protocolError(worker, Text::tr("sent an unexpected message type ") + QString::number(int(frame.type)));
        return;
    }
}

void ProcessExecutor::onWorkerExited(Worker &worker, const QString &why)
{
    if (worker.exited)
        return;
    // Take whatever it wrote before it ended (the exit may be noticed before the last bytes were
    // read), unless the recording is abandoned.
    const bool abandoned = m_env.stop.abandoned();
    while (!abandoned && !worker.stopped && worker.socket && worker.socket->waitForReadyRead(50))
        onSocketData(worker);
    if (!abandoned && !worker.stopped && worker.socket)
        onSocketData(worker);
    worker.exited = true;
    const bool expected = worker.toldToShutDown && worker.reported;
    const bool said = !worker.silence.isEmpty(); // checkSilence() said why it was killed
    if (!expected && !abandoned && !said && !why.isEmpty() && !worker.stopped
        && !(m_stopping && worker.currentTask < 0)) {
        QString message = workerLabel(worker) + u' ' + why;
        if (worker.currentTask >= 0)
            message += Text::tr(" while running task '") + taskName(worker.currentTask) + u'\'';
        else if (worker.toldToShutDown)
            message += Text::tr(" before reporting its counters");
        m_env.log.addError(message);
    }
    const int64_t now = nowNs();
    for (const auto &[id, lane] : *worker.lanes) {
        if (worker.currentTask >= 0 && id == worker.lanes->begin()->first)
            lane.mirror->recordAt(now, EventKind::TaskEnd, uint32_t(worker.currentTask), int64_t(TaskOutcome::Failed));
        if (!expected)
            lane.mirror->recordAt(now, EventKind::LaneEnd);
    }
    if (worker.currentTask >= 0) {
        const int task = worker.currentTask;
        worker.currentTask = -1;
        account(task, m_stopping ? TaskOutcome::Cancelled : TaskOutcome::Failed);
    }
    if (!anyWorkerAlive())
        failPending(Text::tr("no worker process is left to run it"));
    dispatch();
    if (m_shuttingDown && !anyWorkerAlive() && m_loop)
        m_loop->quit();
}

void ProcessExecutor::failPending(const QString &why)
{
    while (!m_pending.empty()) {
        const int task = m_pending.front();
        m_pending.pop_front();
        if (!m_stopping)
            m_env.log.addError(Text::tr("task '") + taskName(task) + Text::tr("' was not run: ") + why);
        account(task, m_stopping ? TaskOutcome::Cancelled : TaskOutcome::Failed);
    }
}

void ProcessExecutor::dispatch()
{
    for (auto &worker : m_workers) {
        if (!worker->ready || worker->exited || worker->stopped || worker->currentTask >= 0)
            continue;
        // An idle worker that will get no more work is told to end now: it exits while the others
        // finish, instead of after them (a stopped run ends sooner).
        if (m_stopping || m_shuttingDown || m_pending.empty()) {
            shutDown(*worker);
            continue;
        }
        // Worker N (lane process-N) takes task N while that is still waiting, whichever worker is
        // ready first: with a process per task, the task and the lane it runs on have one number.
        auto next = std::find(m_pending.begin(), m_pending.end(), worker->index);
        if (next == m_pending.end())
            next = m_pending.begin();
        worker->currentTask = *next;
        m_pending.erase(next);
        send(*worker, WorkerMessages::frame(MessageType::RunTask, WorkerMessages::encodeTask(worker->currentTask)));
    }
}

void ProcessExecutor::checkSilence()
{
    const int64_t limitNs = int64_t(WorkerMessages::kSilenceLimitMs) * 1'000'000;
    for (auto &each : m_workers) {
        Worker &worker = *each;
        if (!worker.ready || worker.exited || worker.stopped || !worker.silence.isEmpty())
            continue;
        onSocketData(worker); // what has arrived counts, even if this thread was slow to read it
        if (nowNs() - worker.lastHeardNs < limitNs || worker.exited || worker.stopped)
            continue;
        // Silent: say how it looks to the kernel, then end it (SIGKILL ends a stopped process too).
        const QByteArray stat = ProcFiles::read(QByteArray("/proc/") + QByteArray::number(worker.pid) + "/stat", 512);
        const char state = ProcFiles::statState(stat.constData(), size_t(stat.size()));
        const QString how = state == 'T' ? Text::tr("it is stopped (SIGSTOP or a job-control signal)")
            : state == 't'               ? Text::tr("it is stopped by a debugger")
                           : Text::tr("it does not answer (state %1)").arg(QChar::fromLatin1(state ? state : '?'));
        worker.silence = Text::tr("stopped answering: nothing heard from it for %1 s, %2; killed it")
                             .arg(WorkerMessages::kSilenceLimitMs / 1000.0, 0, 'f', 1)
                             .arg(how);
        // Said once: as its task's failure (the task's tooltip and the summary name it), or alone.
        const QString message = workerLabel(worker) + u' ' + worker.silence;
        if (worker.currentTask >= 0)
            m_env.runner.reportFailure(worker.currentTask, message);
        else if (!m_stopping)
            m_env.log.addError(message);
        if (worker.process)
            worker.process->kill();
    }
}

void ProcessExecutor::shutDown(Worker &worker)
{
    if (worker.toldToShutDown || !worker.ready || worker.exited)
        return;
    worker.toldToShutDown = true;
    send(worker, WorkerMessages::frame(MessageType::Shutdown));
}

void ProcessExecutor::account(int instance, TaskOutcome outcome)
{
    if (m_sequencer)
        m_sequencer->recordDelivery(*m_main, m_sequencer->complete(instance, outcome));
    ++m_accounted;
    quitWhen(m_accounted >= m_env.scenario.instances.size());
}

void ProcessExecutor::quitWhen(bool done)
{
    if (done && m_loop && !m_shuttingDown)
        m_loop->quit();
}

void ProcessExecutor::onStop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    failPending(QString());
    if (m_env.stop.abandoned()) {
        // The recording is discarded: the workers are killed rather than asked to send what they hold.
        for (auto &worker : m_workers) {
            if (worker->process && !worker->exited)
                worker->process->kill();
        }
        return;
    }
    for (auto &worker : m_workers) {
        if (worker->ready && !worker->exited)
            send(*worker, WorkerMessages::frame(MessageType::Stop));
    }
    dispatch(); // idle workers end now
    QTimer::singleShot(kStopGraceMs, m_context.get(), [this] {
        for (auto &worker : m_workers) {
            if (worker->currentTask >= 0 && worker->process && !worker->exited)
                worker->process->kill();
        }
    });
}

void ProcessExecutor::runMain(LaneContext &main)
{
    // The main lane is a plain thread: the loop gives it the event dispatcher that the server,
    // sockets, processes and timers below need.
    QEventLoop loop;
    m_main = &main;
    std::vector<int> submitted;
    for (const TaskInstance &instance : m_env.scenario.instances) {
        submitted.push_back(instance.id);
        m_pending.push_back(instance.id);
    }
    m_sequencer = std::make_unique<ResultSequencer>(m_env.scenario.executor.results, submitted);
    // More workers than tasks would only start processes that get no work: as many as tasks.
    const int workers = std::min(m_env.scenario.executor.workers, int(m_env.scenario.instances.size()));
    for (int i = 0; i < workers; ++i)
        startWorker(i);
    m_loop = &loop;
    // The loop polls the stop flag: a stop is seen within 5 ms without crossing threads.
    QTimer stopWatch;
    QObject::connect(&stopWatch, &QTimer::timeout, m_context.get(), [this] {
        if (m_env.stop.stopRequested())
            onStop();
    });
    stopWatch.start(5);
    QTimer silenceWatch;
    QObject::connect(&silenceWatch, &QTimer::timeout, m_context.get(), [this] { checkSilence(); });
    silenceWatch.start(WorkerMessages::kHeartbeatMs);
    main.setState(State::JoinWait, m_sequencer->awaited());
    if (m_accounted < m_env.scenario.instances.size())
        loop.exec();
    m_loop = nullptr;
    main.setState(State::Running);
}

void ProcessExecutor::finish()
{
    if (m_finished || !m_context)
        return;
    m_finished = true;
    m_shuttingDown = true;
    for (auto &worker : m_workers)
        shutDown(*worker);
    if (anyWorkerAlive()) {
        QEventLoop loop;
        m_loop = &loop;
        QTimer::singleShot(kShutdownTimeoutMs, &loop, [this] {
            for (auto &worker : m_workers) {
                if (!worker->exited)
                    m_env.log.addError(workerLabel(*worker) + Text::tr(" did not exit; killed it"));
            }
            killAll();
        });
        loop.exec();
        m_loop = nullptr;
    }
    killAll();
}

void ProcessExecutor::killAll()
{
    for (auto &worker : m_workers) {
        if (worker->process && worker->process->state() != QProcess::NotRunning) {
            worker->process->kill();
            worker->process->waitForFinished(5000);
        }
    }
}

} // namespace threadlab
