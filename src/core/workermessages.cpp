#include "workermessages.h"

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

template <typename T, typename Read> std::optional<T> read(const QByteArray &payload, Read &&fill)
{
    QDataStream stream(payload);
    stream.setVersion(QDataStream::Qt_6_4);
    T message;
    fill(stream, message);
    if (stream.status() != QDataStream::Ok)
        return std::nullopt;
    return message;
}

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
        s << m.scenarioJson << m.origin << m.lock << m.gil << m.raceWindowNs << m.iterationsPerMs << m.index
          << m.serverUrl << m.downloadDirectory;
    });
}

std::optional<HelloMessage> decodeHello(const QByteArray &payload)
{
    return read<HelloMessage>(payload, [](QDataStream &s, HelloMessage &m) {
        s >> m.scenarioJson >> m.origin >> m.lock >> m.gil >> m.raceWindowNs >> m.iterationsPerMs >> m.index
            >> m.serverUrl >> m.downloadDirectory;
    });
}

QByteArray encode(const ReadyMessage &m)
{
    return write([&](QDataStream &s) { s << m.index << m.pid; });
}

std::optional<ReadyMessage> decodeReady(const QByteArray &payload)
{
    return read<ReadyMessage>(payload, [](QDataStream &s, ReadyMessage &m) { s >> m.index >> m.pid; });
}

QByteArray encode(const LaneMessage &m)
{
    return write([&](QDataStream &s) {
        s << m.info.id << quint8(m.info.kind) << m.info.pid << m.info.tid << m.info.name << qint32(m.info.parent);
    });
}

std::optional<LaneMessage> decodeLane(const QByteArray &payload)
{
    return read<LaneMessage>(payload, [](QDataStream &s, LaneMessage &m) {
        quint8 kind = 0;
        qint32 parent = -1;
        s >> m.info.id >> kind >> m.info.pid >> m.info.tid >> m.info.name >> parent;
        m.info.kind = kind <= quint8(LaneKind::Process) ? LaneKind(kind) : LaneKind::Thread;
        m.info.parent = parent;
    });
}

QByteArray encode(const TaskDoneMessage &m)
{
    return write([&](QDataStream &s) { s << m.instance << qint64(m.outcome) << m.failure; });
}

std::optional<TaskDoneMessage> decodeTaskDone(const QByteArray &payload)
{
    return read<TaskDoneMessage>(payload, [](QDataStream &s, TaskDoneMessage &m) {
        qint64 outcome = 0;
        s >> m.instance >> outcome >> m.failure;
        m.outcome = TaskOutcome(outcome);
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
    return read<ReportMessage>(payload, [](QDataStream &s, ReportMessage &m) {
        quint32 count = 0;
        s >> count;
        for (quint32 i = 0; i < count && s.status() == QDataStream::Ok; ++i) {
            CounterReport c;
            qint32 lane = -1;
            qint64 expected = 0, actual = 0, lost = 0, amount = 0;
            s >> c.name >> c.pid >> lane >> expected >> actual >> lost >> amount;
            c.lane = lane;
            c.expected = expected;
            c.actual = actual;
            c.lostUpdates = lost;
            c.lostAmount = amount;
            m.counters.push_back(c);
        }
        s >> m.recorded >> m.dropped;
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
    std::memcpy(events.data(), payload.constData(), size_t(payload.size()));
    return events;
}

QByteArray encodeTask(qint32 instance)
{
    return write([&](QDataStream &s) { s << instance; });
}

std::optional<qint32> decodeTask(const QByteArray &payload)
{
    return read<qint32>(payload, [](QDataStream &s, qint32 &m) { s >> m; });
}

} // namespace threadlab::WorkerMessages
