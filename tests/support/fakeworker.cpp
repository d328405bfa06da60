// A stand-in for threadlab-worker that misbehaves on purpose, for tests of the parent's checks.
// It takes its channel as the real worker does (THREADLAB_CHANNEL_FD), does what
// THREADLAB_FAKE_WORKER says, and then waits until the parent closes the channel or kills it.
#include "base/event.h"
#include "base/lane.h"
#include "runtime/workermessages.h"

#include <QByteArray>
#include <QCoreApplication>
#include <cstdlib>
#include <unistd.h>

using namespace threadlab;

namespace {

int g_fd = -1;

void send(const QByteArray &bytes)
{
    for (qsizetype sent = 0; sent < bytes.size();) {
        const ssize_t n = ::write(g_fd, bytes.constData() + sent, size_t(bytes.size() - sent));
        if (n <= 0)
            return;
        sent += n;
    }
}

void sendFrame(MessageType type, const QByteArray &payload = {})
{
    send(WorkerMessages::frame(type, payload));
}

Event event(EventKind kind, uint32_t lane, uint32_t object = kNoObject, int64_t arg = 0)
{
    Event e;
    e.timeNs = 0;
    e.kind = kind;
    e.lane = lane;
    e.object = object;
    e.arg = arg;
    return e;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    g_fd = std::atoi(qgetenv("THREADLAB_CHANNEL_FD").constData());
    const QByteArray mode = qgetenv("THREADLAB_FAKE_WORKER");
    const int index = argc > 2 ? std::atoi(argv[2]) : 0;
    const qint64 pid = mode == "wrong-pid" ? 1 : qint64(::getpid());
    sendFrame(MessageType::Ready, WorkerMessages::encode(ReadyMessage { index, pid }));
    sendFrame(MessageType::Lane,
        WorkerMessages::encode(
            LaneMessage { LaneInfo { 0, LaneKind::Process, pid, pid, QStringLiteral("fake"), -1 } }));
    if (mode == "result") {
        const Event bad = event(EventKind::Result, 0, 1'000'000);
        sendFrame(MessageType::Events, WorkerMessages::encodeEvents(&bad, 1));
    } else if (mode == "unknown-lane") {
        const Event bad = event(EventKind::LaneBegin, 7);
        sendFrame(MessageType::Events, WorkerMessages::encodeEvents(&bad, 1));
    } else if (mode == "foreign-task") {
        const Event bad = event(EventKind::TaskBegin, 0, 5); // it is given task 0
        sendFrame(MessageType::Events, WorkerMessages::encodeEvents(&bad, 1));
    } else if (mode == "huge-frame") {
        // Says 60 MB follow, sends a part of it and stalls.
        const quint32 length = 60u * 1024 * 1024;
        send(QByteArray(reinterpret_cast<const char *>(&length), sizeof length) + QByteArray(1024 * 1024, 'x'));
    } else if (mode == "bad-report") {
        QByteArray payload(4, '\xff'); // four billion counters in four bytes
        sendFrame(MessageType::Report, payload);
    }
    // Wait until the parent closes the channel or kills this process.
    char buffer[4096];
    while (::read(g_fd, buffer, sizeof buffer) > 0) { }
    return 0;
}
