#include "runtime/workermessages.h"

#include "base/boundedreader.h"
#include "scenario/jsonreader.h"
#include "scenario/scenarioparser.h"
#include "trace/deadlocks.h"

#include <QDataStream>
#include <QIODevice>
#include <cstring>

namespace threadlab::WorkerMessages {

namespace {

template <typename Write> QByteArray write(Write &&fill)
{
    QByteArray bytes;
    QDataStream stream(&bytes, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    fill(stream);
    return bytes;
}

// Decodes what QDataStream wrote with every length checked (a peer's payload is not trusted);
// the payload must be used up exactly.
template <typename T, typename Read> std::optional<T> read(const QByteArray &payload, Read &&fill)
{
    BoundedReader in(payload.constData(), payload.size());
    T message {};
    fill(in, message);
    if (!in.ok() || in.left() != 0)
        return std::nullopt;
    return message;
}

constexpr qsizetype kMaxPathChars = 4096;
constexpr qsizetype kMaxMessageChars = 10'000;
constexpr quint32 kMaxCounters = 1'000'000;

} // namespace

QByteArray frame(MessageType type, const QByteArray &payload)
{
    QByteArray bytes;
    bytes.reserve(payload.size() + 5);
    const quint32 length = quint32(payload.size() + 1);
    bytes.append(reinterpret_cast<const char *>(&length), sizeof length);
    bytes.append(char(type));
    bytes.append(payload);
    return bytes;
}

QByteArray encode(const HelloMessage &m)
{
    return write([&](QDataStream &s) {
        s << m.scenarioJson << m.origin << m.lock << m.gil << m.ordering << m.raceWindowNs << m.iterationsPerMs
          << m.index << m.serverUrl << m.downloadDirectory;
    });
}

std::optional<HelloMessage> decodeHello(const QByteArray &payload)
{
    return read<HelloMessage>(payload, [](BoundedReader &in, HelloMessage &m) {
        in.bytes(m.scenarioJson, ScenarioParser::kMaxFileBytes, "the scenario");
        in.string(m.origin, kMaxPathChars, "the scenario's origin");
        in.boolean(m.lock);
        in.boolean(m.gil);
        in.boolean(m.ordering);
        in.integer(m.raceWindowNs);
        quint64 rate = 0;
        in.integer(rate);
        std::memcpy(&m.iterationsPerMs, &rate, sizeof rate);
        in.integer(m.index);
        in.string(m.serverUrl, kMaxPathChars, "the server's URL");
        in.string(m.downloadDirectory, kMaxPathChars, "the download folder");
    });
}

QByteArray encode(const ReadyMessage &m)
{
    return write([&](QDataStream &s) { s << m.index << m.pid; });
}

std::optional<ReadyMessage> decodeReady(const QByteArray &payload)
{
    return read<ReadyMessage>(payload, [](BoundedReader &in, ReadyMessage &m) {
        in.integer(m.index);
        in.integer(m.pid);
    });
}

QByteArray encode(const LaneMessage &m)
{
    return write([&](QDataStream &s) {
        s << m.info.id << quint8(m.info.kind) << m.info.pid << m.info.tid << m.info.name << qint32(m.info.parent);
    });
}

std::optional<LaneMessage> decodeLane(const QByteArray &payload)
{
    return read<LaneMessage>(payload, [](BoundedReader &in, LaneMessage &m) {
        quint8 kind = 0;
        qint32 parent = -1;
        in.integer(m.info.id);
        in.integer(kind);
        in.integer(m.info.pid);
        in.integer(m.info.tid);
        in.string(m.info.name, JsonReader::kMaxNameLength, "a lane's name");
        in.integer(parent);
        if (kind > quint8(LaneKind::Process))
            in.fail(QStringLiteral("lane kind %1").arg(kind));
        m.info.kind = LaneKind(kind);
        m.info.parent = parent;
    });
}

QByteArray encode(const TaskDoneMessage &m)
{
    return write([&](QDataStream &s) { s << m.instance << qint64(m.outcome) << m.failure; });
}

std::optional<TaskDoneMessage> decodeTaskDone(const QByteArray &payload)
{
    return read<TaskDoneMessage>(payload, [](BoundedReader &in, TaskDoneMessage &m) {
        qint64 outcome = 0;
        in.integer(m.instance);
        in.integer(outcome);
        in.string(m.failure, kMaxMessageChars, "the failure");
        if (outcome < 0 || outcome > qint64(TaskOutcome::CutOff))
            in.fail(QStringLiteral("outcome %1").arg(outcome));
        m.outcome = TaskOutcome(outcome);
    });
}

QByteArray encode(const Deadlock &d)
{
    return write([&](QDataStream &s) { Deadlocks::write(s, d); });
}

std::optional<Deadlock> decodeDeadlock(const QByteArray &payload, quint32 maxLinks, quint32 maxHolds)
{
    return read<Deadlock>(payload, [&](BoundedReader &in, Deadlock &d) {
        Deadlocks::read(in, d, maxLinks, maxHolds);
        d.found = true;
    });
}

QByteArray encode(const ReportMessage &m)
{
    return write([&](QDataStream &s) {
        s << quint32(m.counters.size());
        for (const CounterReport &c : m.counters)
            s << c.name << c.pid << qint32(c.lane) << qint64(c.expected) << qint64(c.actual) << qint64(c.lostUpdates)
              << qint64(c.lostAmount);
        s << m.recorded << m.dropped;
    });
}

std::optional<ReportMessage> decodeReport(const QByteArray &payload)
{
    return read<ReportMessage>(payload, [](BoundedReader &in, ReportMessage &m) {
        quint32 count = 0;
        in.count(count, kMaxCounters, 4 + 8 + 4 + 4 * 8, "the number of counters");
        for (quint32 i = 0; i < count && in.ok(); ++i) {
            CounterReport c;
            qint32 lane = -1;
            qint64 expected = 0, actual = 0, lost = 0, amount = 0;
            in.string(c.name, JsonReader::kMaxNameLength, "a counter's name");
            in.integer(c.pid);
            in.integer(lane);
            in.integer(expected);
            in.integer(actual);
            in.integer(lost);
            in.integer(amount);
            m.counters.push_back(CounterReport { c.name, c.pid, lane, expected, actual, lost, amount });
        }
        in.integer(m.recorded);
        in.integer(m.dropped);
    });
}

QByteArray encodeEvents(const Event *events, size_t count)
{
    return QByteArray(reinterpret_cast<const char *>(events), qsizetype(count * sizeof(Event)));
}

std::optional<std::vector<Event>> decodeEvents(const QByteArray &payload)
{
    if (payload.size() % qsizetype(sizeof(Event)) != 0)
        return std::nullopt;
    std::vector<Event> events(size_t(payload.size()) / sizeof(Event));
    if (!events.empty()) // an empty frame has no data to copy (and memcpy from null is undefined)
        std::memcpy(events.data(), payload.constData(), size_t(payload.size()));
    return events;
}

QByteArray encodeTask(qint32 instance)
{
    return write([&](QDataStream &s) { s << instance; });
}

std::optional<qint32> decodeTask(const QByteArray &payload)
{
    return read<qint32>(payload, [](BoundedReader &in, qint32 &m) { in.integer(m); });
}

} // namespace threadlab::WorkerMessages
