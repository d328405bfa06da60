#include "processexecutor.h"

#include "cpuburner.h"
#include "lanecontext.h"
#include "recorder.h"
#include "runenvironment.h"
#include "runlog.h"
#include "scenario.h"
#include "steprunner.h"
#include "stoptoken.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QTimer>
#include <QUuid>

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
    return QStringLiteral("worker process ") + QString::number(worker.index + 1)
        + (worker.pid ? QStringLiteral(" (pid ") + QString::number(worker.pid) + u')' : QString());
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

ProcessExecutor::Worker *ProcessExecutor::workerOf(QLocalSocket *socket)
{
    for (auto &worker : m_workers) {
        if (worker->socket == socket)
            return worker.get();
    }
    return nullptr;
}

void ProcessExecutor::send(Worker &worker, const QByteArray &frame)
{
    if (worker.socket && worker.socket->state() == QLocalSocket::ConnectedState) {
        worker.socket->write(frame);
        worker.socket->flush();
    }
}

bool ProcessExecutor::listen()
{
    m_server = new QLocalServer(m_context.get());
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    const QString name = QStringLiteral("threadlab-") + QString::number(QCoreApplication::applicationPid()) + u'-'
        + QUuid::createUuid().toString(QUuid::Id128).left(12);
    if (!m_server->listen(name)) {
        m_env.log.addError(QStringLiteral("cannot listen for worker processes on local socket '") + name
            + QStringLiteral("': ") + m_server->errorString());
        return false;
    }
    QObject::connect(m_server, &QLocalServer::newConnection, m_context.get(), [this] { onConnection(); });
    return true;
}

void ProcessExecutor::startWorker(int index)
{
    auto worker = std::make_unique<Worker>();
    worker->index = index;
    auto *process = new QProcess(m_context.get());
    worker->process = process;
    Worker *raw = worker.get();
    m_workers.push_back(std::move(worker));
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->setStandardOutputFile(QProcess::nullDevice());
    QObject::connect(process, &QProcess::finished, m_context.get(), [this, raw](int code, QProcess::ExitStatus status) {
        onWorkerExited(*raw,
            status == QProcess::CrashExit ? QStringLiteral("crashed")
                                          : QStringLiteral("exited with code ") + QString::number(code));
    });
    QObject::connect(process, &QProcess::errorOccurred, m_context.get(), [this, raw](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            m_env.log.addError(QStringLiteral("cannot start worker process '") + m_env.workerPath
                + QStringLiteral("': ") + raw->process->errorString());
            onWorkerExited(*raw, QString());
        }
    });
    process->start(m_env.workerPath,
        { QStringLiteral("--connect"), m_server->fullServerName(), QStringLiteral("--index"), QString::number(index) });
    QTimer::singleShot(kConnectTimeoutMs, m_context.get(), [this, raw] {
        if (!raw->ready && !raw->exited) {
            m_env.log.addError(workerLabel(*raw) + QStringLiteral(" did not connect within ")
                + QString::number(kConnectTimeoutMs / 1000) + QStringLiteral(" s"));
            raw->process->kill();
        }
    });
}

void ProcessExecutor::onConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(m_context.get());
        QObject::connect(socket, &QLocalSocket::readyRead, m_context.get(), [this, socket] { onSocketData(socket); });
        // The worker is not known until its Ready message; keep the bytes until then.
        auto pending = std::make_unique<Worker>();
        pending->index = -1;
        pending->socket = socket;
        pending->exited = true; // not a worker of ours until it says which one it is
        m_workers.push_back(std::move(pending));
        onSocketData(socket);
    }
}

void ProcessExecutor::onSocketData(QLocalSocket *socket)
{
    Worker *worker = workerOf(socket);
    if (!worker)
        return;
    worker->reader.append(socket->readAll());
    while (auto frame = worker->reader.next()) {
        handleFrame(socket, *frame);
        worker = workerOf(socket);
        if (!worker)
            return;
    }
    if (worker->reader.failed())
        protocolError(*worker, QStringLiteral("sent a malformed frame"));
}

void ProcessExecutor::protocolError(Worker &worker, const QString &what)
{
    m_env.log.addError(workerLabel(worker) + u' ' + what + QStringLiteral("; stopping it"));
    if (worker.process)
        worker.process->kill();
    else if (worker.socket)
        worker.socket->abort();
}

void ProcessExecutor::handleFrame(QLocalSocket *socket, const FrameReader::Frame &frame)
{
    Worker *worker = workerOf(socket);
    if (frame.type == MessageType::Ready) {
        const auto ready = WorkerMessages::decodeReady(frame.payload);
        auto isSlot = [&](const auto &w) { return ready && w->index == ready->index && w->process && !w->ready; };
        auto slot = std::find_if(m_workers.begin(), m_workers.end(), isSlot);
        if (!ready || slot == m_workers.end()) {
            protocolError(*worker, QStringLiteral("introduced itself wrongly"));
            return;
        }
        Worker &target = **slot;
        target.socket = socket;
        target.pid = ready->pid;
        target.ready = true;
        target.reader = std::move(worker->reader);
        std::erase_if(m_workers, [worker](const auto &w) { return w.get() == worker; });
        const ScenarioOptions &options = m_env.scenario.options;
        HelloMessage hello { m_env.scenario.source, m_env.scenario.origin, options.lock, options.gil,
            options.raceWindowNs, m_env.burner.iterationsPerMs(), target.index,
            m_env.runner.network().serverUrl.toString(), m_env.runner.network().directory };
        send(target, WorkerMessages::frame(MessageType::Hello, WorkerMessages::encode(hello)));
        dispatch();
        return;
    }
    if (!worker || !worker->ready) {
        if (worker)
            protocolError(*worker, QStringLiteral("sent a message before introducing itself"));
        return;
    }
    switch (frame.type) {
    case MessageType::Lane: {
        const auto lane = WorkerMessages::decodeLane(frame.payload);
        if (!lane) {
            protocolError(*worker, QStringLiteral("sent a malformed lane"));
            return;
        }
        LaneInfo info = lane->info;
        info.parent = int(m_main->lane());
        info.name = info.name + QStringLiteral(" (pid ") + QString::number(info.pid) + u')';
        worker->lanes[lane->info.id] = m_env.recorder.addLane(info);
        return;
    }
    case MessageType::Events: {
        const auto events = WorkerMessages::decodeEvents(frame.payload);
        if (!events) {
            protocolError(*worker, QStringLiteral("sent malformed events"));
            return;
        }
        for (Event event : *events) {
            const auto lane = worker->lanes.find(event.lane);
            if (lane == worker->lanes.end()) {
                protocolError(*worker, QStringLiteral("sent events for an unknown lane"));
                return;
            }
            event.lane = lane->second->lane();
            lane->second->push(event);
        }
        return;
    }
    case MessageType::TaskDone: {
        const auto done = WorkerMessages::decodeTaskDone(frame.payload);
        if (!done || done->instance != worker->currentTask) {
            protocolError(*worker, QStringLiteral("reported a task it was not running"));
            return;
        }
        worker->currentTask = -1;
        if (done->outcome == TaskOutcome::Failed)
            m_env.runner.reportFailure(done->instance, done->failure);
        account(done->instance, done->outcome);
        dispatch();
        return;
    }
    case MessageType::Report: {
        auto report = WorkerMessages::decodeReport(frame.payload);
        if (!report) {
            protocolError(*worker, QStringLiteral("sent a malformed report"));
            return;
        }
        for (CounterReport &counter : report->counters) {
            if (counter.lane >= 0) {
                const auto lane = worker->lanes.find(uint32_t(counter.lane));
                counter.lane = lane == worker->lanes.end() ? -1 : int(lane->second->lane());
            }
        }
        m_env.log.addCounters(report->counters);
        m_env.log.addRemoteEvents(report->recorded, report->dropped);
        worker->reported = true;
        return;
    }
    default:
        protocolError(*worker, QStringLiteral("sent an unexpected message type ") + QString::number(int(frame.type)));
        return;
    }
}

void ProcessExecutor::onWorkerExited(Worker &worker, const QString &why)
{
    if (worker.exited)
        return;
    // Take whatever it wrote before it ended (the exit may be noticed before the last bytes were read).
    while (worker.socket && worker.socket->waitForReadyRead(50))
        onSocketData(worker.socket);
    if (worker.socket)
        onSocketData(worker.socket);
    worker.exited = true;
    const bool expected = m_shuttingDown && worker.reported;
    if (!expected && !why.isEmpty() && !(m_stopping && worker.currentTask < 0)) {
        QString message = workerLabel(worker) + u' ' + why;
        if (worker.currentTask >= 0)
            message += QStringLiteral(" while running task '") + taskName(worker.currentTask) + u'\'';
        else if (m_shuttingDown)
            message += QStringLiteral(" before reporting its counters");
        m_env.log.addError(message);
    }
    const int64_t now = nowNs();
    for (auto &[id, mirror] : worker.lanes) {
        if (worker.currentTask >= 0 && id == worker.lanes.begin()->first)
            mirror->recordAt(now, EventKind::TaskEnd, uint32_t(worker.currentTask), int64_t(TaskOutcome::Failed));
        if (!expected)
            mirror->recordAt(now, EventKind::LaneEnd);
    }
    if (worker.currentTask >= 0) {
        const int task = worker.currentTask;
        worker.currentTask = -1;
        account(task, m_stopping ? TaskOutcome::Cancelled : TaskOutcome::Failed);
    }
    if (!anyWorkerAlive())
        failPending(QStringLiteral("no worker process is left to run it"));
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
            m_env.log.addError(QStringLiteral("task '") + taskName(task) + QStringLiteral("' was not run: ") + why);
        account(task, m_stopping ? TaskOutcome::Cancelled : TaskOutcome::Failed);
    }
}

void ProcessExecutor::dispatch()
{
    if (m_stopping || m_shuttingDown)
        return;
    for (auto &worker : m_workers) {
        if (m_pending.empty())
            return;
        if (!worker->ready || worker->exited || worker->currentTask >= 0)
            continue;
        worker->currentTask = m_pending.front();
        m_pending.pop_front();
        send(*worker, WorkerMessages::frame(MessageType::RunTask, WorkerMessages::encodeTask(worker->currentTask)));
    }
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
    for (auto &worker : m_workers) {
        if (worker->ready && !worker->exited)
            send(*worker, WorkerMessages::frame(MessageType::Stop));
    }
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
    if (!listen()) {
        failPending(QStringLiteral("the worker processes could not be reached"));
        return;
    }
    for (int i = 0; i < m_env.scenario.executor.workers; ++i)
        startWorker(i);
    m_loop = &loop;
    // The loop polls the stop flag: a stop is seen within 20 ms without crossing threads.
    QTimer stopWatch;
    QObject::connect(&stopWatch, &QTimer::timeout, m_context.get(), [this] {
        if (m_env.stop.stopRequested())
            onStop();
    });
    stopWatch.start(20);
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
    for (auto &worker : m_workers) {
        if (worker->ready && !worker->exited)
            send(*worker, WorkerMessages::frame(MessageType::Shutdown));
    }
    if (anyWorkerAlive()) {
        QEventLoop loop;
        m_loop = &loop;
        QTimer::singleShot(kShutdownTimeoutMs, &loop, [this] {
            for (auto &worker : m_workers) {
                if (!worker->exited)
                    m_env.log.addError(workerLabel(*worker) + QStringLiteral(" did not exit; killed it"));
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
