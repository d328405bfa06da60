#include "tracefile.h"

#include "scenarioparser.h"

#include <QDataStream>
#include <QFile>
#include <QSaveFile>
#include <type_traits>

namespace threadlab {

namespace {

const QByteArray kMagic("THREADLAB-TRACE\n");

template <typename T> void writeRaw(QDataStream &s, const std::vector<T> &items)
{
    static_assert(std::is_trivially_copyable_v<T>);
    s << quint64(items.size());
    s.writeRawData(reinterpret_cast<const char *>(items.data()), int(items.size() * sizeof(T)));
}

template <typename T> bool readRaw(QDataStream &s, std::vector<T> &items, qint64 bytesLeft)
{
    quint64 count = 0;
    s >> count;
    if (s.status() != QDataStream::Ok || count * sizeof(T) > quint64(std::max<qint64>(bytesLeft, 0)))
        return false;
    items.resize(size_t(count));
    return s.readRawData(reinterpret_cast<char *>(items.data()), int(count * sizeof(T))) == int(count * sizeof(T));
}

void writeInfo(QDataStream &s, const LaneInfo &info)
{
    s << info.id << quint8(info.kind) << info.pid << info.tid << info.name << qint32(info.parent);
}

void readInfo(QDataStream &s, LaneInfo &info)
{
    quint8 kind = 0;
    qint32 parent = -1;
    s >> info.id >> kind >> info.pid >> info.tid >> info.name >> parent;
    info.kind = kind <= quint8(LaneKind::Process) ? LaneKind(kind) : LaneKind::Thread;
    info.parent = parent;
}

void writeSegment(QDataStream &s, const Segment &segment)
{
    s << qint64(segment.startNs) << qint64(segment.endNs) << qint32(segment.task) << segment.object
      << qint32(segment.arg) << quint8(segment.state);
}

void readSegment(QDataStream &s, Segment &segment)
{
    qint64 start = 0, end = 0;
    qint32 task = -1, arg = -1;
    quint8 state = 0;
    s >> start >> end >> task >> segment.object >> arg >> state;
    segment = Segment { start, end, task, segment.object, arg, State(std::min<quint8>(state, kStateCount - 1)) };
}

} // namespace

QString TraceFile::write(const RecordedRun &r, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
    QDataStream s(&file);
    s.setVersion(QDataStream::Qt_6_4);
    s.writeRawData(kMagic.constData(), int(kMagic.size()));
    s << kVersion;
    // The scenario as it ran.
    const Scenario &sc = r.scenario;
    s << sc.source << sc.origin << quint8(sc.executor.kind) << qint32(sc.executor.workers) << quint8(sc.executor.join)
      << sc.executor.joinTasks << quint8(sc.executor.results) << sc.options.lock << sc.options.gil
      << qint64(sc.options.raceWindowNs);
    s << r.pid << quint64(r.eventsRecorded) << quint64(r.eventsDropped) << r.errors;
    s << quint32(r.counters.size());
    for (const CounterReport &c : r.counters)
        s << c.name << c.pid << qint32(c.lane) << qint64(c.expected) << qint64(c.actual) << qint64(c.lostUpdates)
          << qint64(c.lostAmount);
    // The trace.
    const Trace &t = r.trace;
    s << qint64(t.originNs) << qint64(t.lastEventNs) << quint64(t.eventCount);
    s << quint32(t.lanes.size());
    for (const LaneTrack &lane : t.lanes) {
        writeInfo(s, lane.info);
        s << qint64(lane.beginNs) << qint64(lane.endNs) << lane.hasOpenSegment << qint32(lane.currentTask);
        writeSegment(s, lane.open);
        s << quint64(lane.segments.size());
        for (const Segment &segment : lane.segments)
            writeSegment(s, segment);
        writeRaw(s, lane.marks);
        writeRaw(s, lane.lockEvents);
        writeRaw(s, lane.counterEvents);
        writeRaw(s, lane.lostUpdates);
        s << quint32(lane.heldLocks.size());
        for (const auto &[lock, since] : lane.heldLocks)
            s << lock << qint64(since);
    }
    s << quint32(t.tasks.size());
    for (const TaskRecord &task : t.tasks) {
        s << task.name << qint32(task.lane) << qint64(task.beginNs) << qint64(task.endNs) << qint64(task.outcome)
          << task.error;
        for (int64_t ns : task.stateNs)
            s << qint64(ns);
    }
    s << quint32(t.locks.size());
    for (const auto &[id, lock] : t.locks)
        s << id << lock.name << qint64(lock.acquisitions) << qint64(lock.contended) << qint64(lock.waitNsTotal)
          << qint64(lock.waitNsMax) << qint64(lock.holdNsTotal);
    writeRaw(s, t.handoffs);
    s << quint32(t.resultsOrder.size());
    for (int task : t.resultsOrder)
        s << qint32(task);
    if (s.status() != QDataStream::Ok || !file.commit())
        return QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
    return {};
}

std::shared_ptr<RecordedRun> TraceFile::read(const QString &path, QString *error)
{
    auto fail = [&](const QString &what) -> std::shared_ptr<RecordedRun> {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, what);
        return nullptr;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot open: ") + file.errorString());
    if (file.read(kMagic.size()) != kMagic)
        return fail(QStringLiteral("not a ThreadLab trace (.threadlab) file"));
    QDataStream s(&file);
    s.setVersion(QDataStream::Qt_6_4);
    quint32 version = 0;
    s >> version;
    if (version != kVersion)
        return fail(
            QStringLiteral("trace format version %1; this ThreadLab reads version %2").arg(version).arg(kVersion));
    auto r = std::make_shared<RecordedRun>();
    QByteArray source;
    QString origin;
    quint8 kind = 0, join = 0, results = 0;
    qint32 workers = 1;
    QStringList joinTasks;
    bool lock = true, gil = false;
    qint64 raceWindow = 0;
    s >> source >> origin >> kind >> workers >> join >> joinTasks >> results >> lock >> gil >> raceWindow;
    if (s.status() != QDataStream::Ok)
        return fail(QStringLiteral("truncated in its scenario"));
    ParsedScenario parsed = ScenarioParser::parse(source, origin);
    if (!parsed.ok())
        return fail(QStringLiteral("its scenario does not parse: ") + parsed.errors.join(QStringLiteral("; ")));
    r->scenario = std::move(parsed.scenario);
    r->scenario.executor.kind = ExecutorKind(std::min<quint8>(kind, quint8(ExecutorKind::Processes)));
    r->scenario.executor.workers = workers;
    r->scenario.executor.join = JoinMode(std::min<quint8>(join, quint8(JoinMode::Listed)));
    r->scenario.executor.joinTasks = joinTasks;
    r->scenario.executor.results = ResultOrder(std::min<quint8>(results, quint8(ResultOrder::InOrder)));
    r->scenario.options.lock = lock;
    r->scenario.options.gil = gil;
    r->scenario.options.raceWindowNs = raceWindow;
    quint64 recorded = 0, dropped = 0;
    quint32 counters = 0;
    s >> r->pid >> recorded >> dropped >> r->errors >> counters;
    r->eventsRecorded = recorded;
    r->eventsDropped = dropped;
    for (quint32 i = 0; i < counters && s.status() == QDataStream::Ok; ++i) {
        CounterReport c;
        qint32 lane = -1;
        qint64 expected = 0, actual = 0, lost = 0, amount = 0;
        s >> c.name >> c.pid >> lane >> expected >> actual >> lost >> amount;
        c = CounterReport { c.name, c.pid, lane, expected, actual, lost, amount };
        r->counters.push_back(c);
    }
    Trace &t = r->trace;
    t.objects = r->scenario.objects;
    qint64 originNs = 0, lastEventNs = 0;
    quint64 eventCount = 0;
    quint32 lanes = 0;
    s >> originNs >> lastEventNs >> eventCount >> lanes;
    t.originNs = originNs;
    t.lastEventNs = lastEventNs;
    t.eventCount = eventCount;
    if (s.status() != QDataStream::Ok || lanes > 1'000'000)
        return fail(QStringLiteral("truncated or damaged before its lanes"));
    t.lanes.resize(lanes);
    for (LaneTrack &lane : t.lanes) {
        readInfo(s, lane.info);
        qint64 begin = 0, end = 0;
        qint32 currentTask = -1;
        s >> begin >> end >> lane.hasOpenSegment >> currentTask;
        lane.beginNs = begin;
        lane.endNs = end;
        lane.currentTask = currentTask;
        readSegment(s, lane.open);
        quint64 segments = 0;
        s >> segments;
        if (s.status() != QDataStream::Ok || segments > quint64(file.bytesAvailable()))
            return fail(QStringLiteral("truncated in lane '%1'").arg(lane.info.name));
        lane.segments.resize(size_t(segments));
        for (Segment &segment : lane.segments) {
            readSegment(s, segment);
            lane.lod.append(segment);
        }
        if (!readRaw(s, lane.marks, file.bytesAvailable()) || !readRaw(s, lane.lockEvents, file.bytesAvailable())
            || !readRaw(s, lane.counterEvents, file.bytesAvailable())
            || !readRaw(s, lane.lostUpdates, file.bytesAvailable()))
            return fail(QStringLiteral("truncated in lane '%1'").arg(lane.info.name));
        quint32 held = 0;
        s >> held;
        for (quint32 i = 0; i < held && s.status() == QDataStream::Ok; ++i) {
            uint32_t lockId = 0;
            qint64 since = 0;
            s >> lockId >> since;
            lane.heldLocks.emplace_back(lockId, since);
        }
    }
    quint32 tasks = 0;
    s >> tasks;
    for (quint32 i = 0; i < tasks && s.status() == QDataStream::Ok; ++i) {
        TaskRecord task;
        qint32 lane = -1;
        qint64 begin = 0, end = 0, outcome = 0;
        s >> task.name >> lane >> begin >> end >> outcome >> task.error;
        task.lane = lane;
        task.beginNs = begin;
        task.endNs = end;
        task.outcome = TaskOutcome(outcome);
        for (int64_t &ns : task.stateNs) {
            qint64 value = 0;
            s >> value;
            ns = value;
        }
        t.tasks.push_back(task);
    }
    quint32 locks = 0;
    s >> locks;
    for (quint32 i = 0; i < locks && s.status() == QDataStream::Ok; ++i) {
        uint32_t id = 0;
        LockRecord lock;
        qint64 values[5] = {};
        s >> id >> lock.name >> values[0] >> values[1] >> values[2] >> values[3] >> values[4];
        lock = LockRecord { lock.name, values[0], values[1], values[2], values[3], values[4] };
        t.locks[id] = lock;
    }
    if (!readRaw(s, t.handoffs, file.bytesAvailable()))
        return fail(QStringLiteral("truncated in its lock hand-overs"));
    quint32 resultCount = 0;
    s >> resultCount;
    for (quint32 i = 0; i < resultCount && s.status() == QDataStream::Ok; ++i) {
        qint32 task = 0;
        s >> task;
        t.resultsOrder.push_back(task);
    }
    if (s.status() != QDataStream::Ok)
        return fail(QStringLiteral("truncated or damaged"));
    return r;
}

} // namespace threadlab
