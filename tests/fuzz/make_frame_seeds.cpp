// Writes the seed corpus of fuzz_workerframes: streams a worker really sends (hello, ready, its
// lane, batches of events with locks and tasks, task done, a report, a deadlock, heartbeats), made
// with the same encoders as the worker. Each file starts with the target's piece-size byte.
#include "runtime/framereader.h"
#include "runtime/workermessages.h"
#include "scenario/scenariolibrary.h"

#include <QDir>
#include <QFile>
#include <cstdio>

namespace {

using namespace threadlab;
namespace M = WorkerMessages;

Event event(int64_t timeNs, EventKind kind, uint32_t object = kNoObject, int64_t arg = -1, uint16_t aux = 0)
{
    Event e;
    e.timeNs = timeNs;
    e.kind = kind;
    e.object = object;
    e.arg = arg;
    e.aux = aux;
    e.lane = 7; // the worker's own lane id
    return e;
}

QByteArray introduction()
{
    QFile lesson(QStringLiteral(":/scenarios/deadlock-two-locks.json"));
    lesson.open(QIODevice::ReadOnly);
    HelloMessage hello;
    hello.scenarioJson = lesson.readAll();
    hello.origin = QStringLiteral("deadlock-two-locks");
    hello.iterationsPerMs = 1000;
    return M::frame(MessageType::Hello, M::encode(hello)) + M::frame(MessageType::RunTask, M::encodeTask(0))
        + M::frame(MessageType::Ready, M::encode(ReadyMessage { 0, 4242 }))
        + M::frame(MessageType::Lane,
            M::encode(LaneMessage { LaneInfo { 7, LaneKind::Process, 4242, 4242, QStringLiteral("worker"), -1 } }));
}

QByteArray taskEvents(bool deadlock)
{
    const std::vector<Event> events {
        event(1000, EventKind::LaneBegin),
        event(1000, EventKind::StateChange, kNoObject, -1, uint16_t(State::Running)),
        event(2000, EventKind::TaskBegin, 0),
        event(3000, EventKind::LockAcquire, 0, -1),
        event(4000, EventKind::StateChange, 1, 3, uint16_t(State::LockWait)),
        event(5000, EventKind::LockAcquire, 1, 3),
        event(6000, EventKind::StateChange, kNoObject, -1, uint16_t(State::Sleeping)),
        event(7000, EventKind::Mark, 0),
        event(8000, EventKind::LockRelease, 1),
        event(8500, EventKind::LockRelease, 0),
        event(9000, EventKind::TaskEnd, 0, int64_t(TaskOutcome::Completed)),
        event(9500, EventKind::LaneEnd),
    };
    QByteArray stream = M::frame(MessageType::Events, M::encodeEvents(events.data(), deadlock ? 5 : events.size()));
    if (deadlock) {
        Deadlock found { true, true, 6000, { DeadlockLink { 7, { 0 }, State::LockWait, 1, 3 } } };
        return stream + M::frame(MessageType::Deadlock, M::encode(found));
    }
    return stream + M::frame(MessageType::TaskDone, M::encode(TaskDoneMessage { 0, TaskOutcome::Completed, {} }))
        + M::frame(MessageType::Heartbeat)
        + M::frame(MessageType::Report,
            M::encode(ReportMessage { { CounterReport { QStringLiteral("counter"), 0, 7, 10, 8, 2, 2 } }, 12, 0 }));
}

bool write(const QDir &dir, const QString &name, char piece, const QByteArray &stream)
{
    QFile file(dir.filePath(name));
    return file.open(QIODevice::WriteOnly) && file.write(QByteArray(1, piece) + stream) == stream.size() + 1;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_frame_seeds DIR\n");
        return 2;
    }
    const QDir dir(QString::fromLocal8Bit(argv[1]));
    if (!dir.mkpath(QStringLiteral("."))) {
        std::fprintf(stderr, "make_frame_seeds: cannot make %s\n", argv[1]);
        return 1;
    }
    const bool ok = write(dir, QStringLiteral("run"), char(255), introduction() + taskEvents(false))
        && write(dir, QStringLiteral("run-in-small-pieces"), 3, introduction() + taskEvents(false))
        && write(dir, QStringLiteral("deadlock"), char(63), introduction() + taskEvents(true));
    if (!ok)
        std::fprintf(stderr, "make_frame_seeds: cannot write into %s\n", argv[1]);
    return ok ? 0 : 1;
}
