#pragma once

#include "base/event.h"
#include "base/lane.h"
#include "trace/counterreport.h"
#include "trace/deadlock.h"

#include <QByteArray>
#include <QString>
#include <optional>
#include <vector>

namespace threadlab {

// Messages between the parent (the process executor) and a worker process. Each travels as one
// frame: quint32 length, quint8 type, payload. Events travel as raw 32-byte records: both ends
// are the same build on the same machine.
enum class MessageType : quint8 {
    Hello = 1, // parent -> worker: the scenario and the run's options
    RunTask = 2, // parent -> worker: run one task instance
    Stop = 3, // parent -> worker: the run was stopped
    Shutdown = 4, // parent -> worker: report and exit
    Ready = 16, // worker -> parent: connected, with its index and pid
    Lane = 17, // worker -> parent: a new lane in the worker
    Events = 18, // worker -> parent: a batch of events
    TaskDone = 19, // worker -> parent: a task instance ended
    Report = 20, // worker -> parent: final counters and event counts
    Deadlock = 21, // worker -> parent: its lanes deadlocked (its wait-for graph found it)
    Heartbeat = 22, // worker -> parent: it is alive (every kHeartbeatMs, whatever else it sends)
};

struct HelloMessage
{
    QByteArray scenarioJson;
    QString origin;
    bool lock = true;
    bool gil = false;
    bool ordering = false;
    qint64 raceWindowNs = 0;
    double iterationsPerMs = 0;
    qint32 index = 0;
    QString serverUrl; // the parent's embedded image server, if the scenario downloads from it
    QString downloadDirectory;
};

struct ReadyMessage
{
    qint32 index = 0;
    qint64 pid = 0;
};

struct LaneMessage
{
    LaneInfo info; // info.id is the worker's own lane id
};

struct TaskDoneMessage
{
    qint32 instance = 0;
    TaskOutcome outcome = TaskOutcome::Completed;
    QString failure; // why it failed
};

struct ReportMessage
{
    std::vector<CounterReport> counters; // lane: the worker's own lane ids
    quint64 recorded = 0;
    quint64 dropped = 0;
};

namespace WorkerMessages {

// The largest frame either side accepts (README, "Security"): a scenario of the largest allowed
// size, or 64 Ki events, fit in one.
constexpr quint32 kMaxFrameBytes = 8u * 1024 * 1024;
// A worker says it is alive this often; one not heard from for kSilenceLimitMs is stuck (stopped
// by SIGSTOP or a debugger, or hung): the parent kills it and fails its task (README, "Workers").
constexpr int kHeartbeatMs = 250;
constexpr int kSilenceLimitMs = 3'000;

QByteArray frame(MessageType type, const QByteArray &payload = {});

QByteArray encode(const HelloMessage &message);
QByteArray encode(const ReadyMessage &message);
QByteArray encode(const LaneMessage &message);
QByteArray encode(const TaskDoneMessage &message);
QByteArray encode(const ReportMessage &message);
QByteArray encode(const Deadlock &deadlock); // lanes: the worker's own lane ids
QByteArray encodeEvents(const Event *events, size_t count);
QByteArray encodeTask(qint32 instance);

std::optional<HelloMessage> decodeHello(const QByteArray &payload);
std::optional<ReadyMessage> decodeReady(const QByteArray &payload);
std::optional<LaneMessage> decodeLane(const QByteArray &payload);
std::optional<TaskDoneMessage> decodeTaskDone(const QByteArray &payload);
std::optional<ReportMessage> decodeReport(const QByteArray &payload);
// At most maxLinks lanes, each holding at most maxHolds objects.
std::optional<Deadlock> decodeDeadlock(const QByteArray &payload, quint32 maxLinks, quint32 maxHolds);
std::optional<std::vector<Event>> decodeEvents(const QByteArray &payload);
std::optional<qint32> decodeTask(const QByteArray &payload);

} // namespace WorkerMessages

} // namespace threadlab
