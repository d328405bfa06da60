#include "workersession.h"

#include "base/clock.h"
#include "base/lanecontext.h"
#include "base/osids.h"
#include "base/recorder.h"
#include "base/stoptoken.h"
#include "netservices.h"
#include "runtime/cpuburner.h"
#include "runtime/processexecutor.h"
#include "runtime/runobjects.h"
#include "runtime/steprunner.h"
#include "scenario/scenarioparser.h"

#include <QElapsedTimer>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace threadlab {

namespace {
constexpr int kPollMs = 10;
constexpr int kHelloTimeoutMs = 30'000;
constexpr size_t kMaxEventsPerFrame = 64 * 1024;
constexpr size_t kMaxEventsPerFlush = 4 * kMaxEventsPerFrame; // keeps the loop reading the parent's orders
constexpr qint64 kMaxUnsentBytes = 1024 * 1024;
constexpr int64_t kMaxBufferedEvents = 64 * 1024;
} // namespace

WorkerSession::WorkerSession(int index)
    : m_index(index)
{ }

void WorkerSession::fail(const QString &message)
{
    std::fprintf(stderr, "threadlab-worker %d: %s\n", m_index + 1, qPrintable(message));
}

void WorkerSession::send(MessageType type, const QByteArray &payload)
{
    m_socket.write(WorkerMessages::frame(type, payload));
}

bool WorkerSession::connectToParent()
{
    // The parent passes one end of a socket pair as an inherited descriptor, named in the
    // environment; nothing else can reach it. The variable is removed so that programs this worker
    // might start do not see it, and the descriptor is not passed on to them.
    const QByteArray variable = qgetenv(ProcessExecutor::kWorkerChannelVariable);
    qunsetenv(ProcessExecutor::kWorkerChannelVariable);
    bool ok = false;
    const int fd = variable.toInt(&ok);
    struct stat info
    { };
    if (!ok || fd < 0 || ::fstat(fd, &info) != 0 || !S_ISSOCK(info.st_mode)) {
        fail(QStringLiteral("no channel to the parent (this program is started by threadlab, not by hand)"));
        return false;
    }
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    if (!m_socket.setSocketDescriptor(fd)) {
        fail(QStringLiteral("cannot use the channel to the parent: ") + m_socket.errorString());
        return false;
    }
    send(MessageType::Ready, WorkerMessages::encode(ReadyMessage { m_index, currentPid() }));
    m_socket.flush();
    return true;
}

bool WorkerSession::pump()
{
    if (m_socket.state() != QLocalSocket::ConnectedState)
        return false;
    // While events wait to be written, wait for the parent to take them (it wakes this loop to send
    // more at once); otherwise for the parent's next order.
    if (m_socket.bytesToWrite() > 0)
        m_socket.waitForBytesWritten(kPollMs);
    else
        m_socket.waitForReadyRead(kPollMs);
    m_reader.append(m_socket.readAll());
    while (auto frame = m_reader.next())
        handleFrame(*frame);
    if (m_reader.failed()) {
        fail(QStringLiteral("malformed frame from the parent"));
        return false;
    }
    return m_socket.state() == QLocalSocket::ConnectedState;
}

void WorkerSession::handleFrame(const FrameReader::Frame &frame)
{
    std::lock_guard lock(m_mutex);
    switch (frame.type) {
    case MessageType::Hello:
        m_hello = WorkerMessages::decodeHello(frame.payload);
        break;
    case MessageType::RunTask:
        if (const auto task = WorkerMessages::decodeTask(frame.payload))
            m_tasks.push_back(*task);
        break;
    case MessageType::Stop:
        m_stopRequested = true;
        break;
    case MessageType::Shutdown:
        m_shutdown = true;
        break;
    default:
        fail(QStringLiteral("unexpected message type ") + QString::number(int(frame.type)));
        break;
    }
    m_work.notify_all();
}

std::optional<HelloMessage> WorkerSession::waitForHello()
{
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < kHelloTimeoutMs) {
        if (!pump())
            return std::nullopt;
        std::lock_guard lock(m_mutex);
        if (m_hello)
            return m_hello;
    }
    return std::nullopt;
}

size_t WorkerSession::flush(Recorder &recorder)
{
    // Back-pressure: while the parent has not taken what was sent, nothing more is drained, so the
    // events wait in the recorder (whose budget counts the excess as dropped) instead of piling up
    // unbounded in the socket, and a stop reaches the parent's chart promptly.
    m_socket.flush();
    if (m_socket.bytesToWrite() > kMaxUnsentBytes)
        return 0;
    std::vector<TaskDoneMessage> done;
    QByteArray deadlock;
    {
        std::lock_guard lock(m_mutex);
        done.swap(m_done);
        deadlock.swap(m_deadlock);
    }
    // Events first, then completions: the parent has a task's events before it hears it ended.
    std::vector<Event> batch;
    const size_t drained = recorder.drain(
        [this](const LaneInfo &info) { send(MessageType::Lane, WorkerMessages::encode(LaneMessage { info })); },
        [&](const Event *events, size_t count) { batch.insert(batch.end(), events, events + count); },
        kMaxEventsPerFlush);
    for (size_t offset = 0; offset < batch.size(); offset += kMaxEventsPerFrame) {
        const size_t count = std::min(kMaxEventsPerFrame, batch.size() - offset);
        send(MessageType::Events, WorkerMessages::encodeEvents(batch.data() + offset, count));
    }
    if (drained < kMaxEventsPerFlush) {
        if (!deadlock.isEmpty())
            send(MessageType::Deadlock, deadlock);
        for (const TaskDoneMessage &message : done)
            send(MessageType::TaskDone, WorkerMessages::encode(message));
    } else {
        // Events recorded before these completions may still wait: the completions wait with them.
        std::lock_guard lock(m_mutex);
        m_done.insert(m_done.begin(), done.begin(), done.end());
        if (!deadlock.isEmpty())
            m_deadlock = deadlock;
    }
    m_socket.flush();
    return drained;
}

int WorkerSession::exec()
{
    // Die with the parent, whatever happens to it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // Ctrl+C in a terminal (and a SIGTERM to the whole group) reaches the workers too. The parent
    // stops them in order and keeps what they recorded; left to the default, they would die at
    // once and look crashed. If the parent itself dies, PR_SET_PDEATHSIG above still ends them.
    std::signal(SIGINT, SIG_IGN);
    std::signal(SIGTERM, SIG_IGN);
    if (!connectToParent())
        return 2;
    const auto hello = waitForHello();
    if (!hello) {
        fail(QStringLiteral("the parent sent no scenario"));
        return 3;
    }
    Result<Scenario> parsed = ScenarioParser::parse(hello->scenarioJson, hello->origin);
    if (!parsed.ok()) {
        fail(parsed.error().text());
        return 4;
    }
    Scenario scenario = std::move(*parsed);
    scenario.options.lock = hello->lock;
    scenario.options.gil = hello->gil;
    scenario.options.ordering = hello->ordering;
    scenario.options.raceWindowNs = hello->raceWindowNs;

    StopToken stop;
    // A smaller buffer than the parent's: it is drained as fast as the parent reads, and what it holds
    // at a stop still has to cross to the parent before the run ends.
    Recorder recorder(kMaxBufferedEvents);
    RunObjects objects(scenario, stop);
    // A deadlock among this process's lanes goes to the parent, which stops the run: nothing in
    // another process can end it, since processes share no locks, queues or events.
    objects.waitGraph().setSink(
        [this](const Deadlock &deadlock) {
            std::lock_guard lock(m_mutex);
            m_deadlock = WorkerMessages::encode(deadlock);
        },
        [&objects](uint32_t lane) { return objects.heldBy(lane); });
    const CpuBurner burner(hello->iterationsPerMs);
    StepRunner runner(scenario, objects, burner, stop);
    const auto network = std::make_shared<NetServices>();
    runner.setNetwork(StepRunner::Network { network.get(), QUrl(hello->serverUrl), hello->downloadDirectory });
    const QString laneName = QStringLiteral("process-") + QString::number(m_index + 1);

    std::thread tasks([&] {
        LaneBuffer *buffer
            = recorder.addLane(LaneInfo { 0, LaneKind::Process, currentPid(), currentTid(), laneName, -1 });
        buffer->record(EventKind::LaneBegin);
        LaneContext lane(buffer);
        lane.setState(State::Idle);
        for (;;) {
            qint32 task = -1;
            {
                std::unique_lock lock(m_mutex);
                m_work.wait(lock, [&] { return !m_tasks.empty() || m_shutdown; });
                if (m_tasks.empty())
                    break;
                task = m_tasks.front();
                m_tasks.pop_front();
            }
            TaskOutcome outcome = TaskOutcome::Failed;
            if (task >= 0 && size_t(task) < scenario.instances.size())
                outcome = runner.runTask(lane, scenario.instances[size_t(task)]);
            lane.setState(State::Idle);
            std::lock_guard lock(m_mutex);
            m_done.push_back(TaskDoneMessage { task, outcome, lane.failure });
        }
        buffer->record(EventKind::LaneEnd);
    });

    bool connected = true;
    int64_t lastHeartbeat = nowNs();
    for (;;) {
        connected = pump();
        bool stopNow = false;
        bool shutdown = false;
        {
            std::lock_guard lock(m_mutex);
            stopNow = m_stopRequested || !connected;
            shutdown = m_shutdown || !connected;
            if (!connected)
                m_shutdown = true;
        }
        if (stopNow && !stop.stopRequested())
            stop.requestStop();
        if (shutdown) {
            m_work.notify_all();
            break;
        }
        flush(recorder);
        // Alive, even while a task sleeps or burns for long: a stopped or hung worker goes silent.
        if (const int64_t now = nowNs(); now - lastHeartbeat >= int64_t(WorkerMessages::kHeartbeatMs) * 1'000'000) {
            send(MessageType::Heartbeat, {});
            lastHeartbeat = now;
        }
    }
    tasks.join();
    if (!connected)
        return 5;
    // Everything left, at the pace the parent takes it (it is gone if nothing moves for 5 s).
    for (;;) {
        if (m_socket.bytesToWrite() > kMaxUnsentBytes && !m_socket.waitForBytesWritten(5'000))
            break;
        if (m_socket.bytesToWrite() <= kMaxUnsentBytes && flush(recorder) < kMaxEventsPerFlush)
            break;
    }
    ReportMessage report { objects.counterReports(currentPid()), recorder.drained(), recorder.dropped() };
    send(MessageType::Report, WorkerMessages::encode(report));
    m_socket.flush();
    m_socket.waitForBytesWritten(5'000);
    m_socket.disconnectFromServer();
    return 0;
}

} // namespace threadlab
