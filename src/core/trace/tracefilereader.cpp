#include "base/boundedreader.h"
#include "base/clock.h"
#include "base/coretext.h"
#include "scenario/scenarioparser.h"
#include "trace/compressedblocks.h"
#include "trace/deadlocks.h"
#include "trace/tracefile.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>
#include <algorithm>

namespace threadlab {

namespace {

// Limits a .threadlab file must keep (README, "Security"); larger values mean a damaged file.
constexpr quint32 kMaxLanes = 65'536;
constexpr qsizetype kMaxNameChars = 1'000;
constexpr qsizetype kMaxMessageChars = 10'000;
constexpr quint32 kMaxMessages = 100'000;
constexpr quint32 kMaxCounters = 1'000'000;
constexpr quint64 kMaxRecords = quint64(1) << 36;
constexpr size_t kSegmentBytes = 8 + 8 + 4 + 4 + 4 + 1; // as TraceFile::write puts one
constexpr qint32 kMaxCpus = 4096;
constexpr size_t kSliceBytes = 8 + 8 + 4 + 1; // an OS slice or a CPU slice
constexpr qint64 kMaxContentBytes = qint64(16) << 30; // a version 6 file's contents, uncompressed
constexpr size_t kEventBytes = 8 + 8 + 4 + 4 + 2 + 2; // an event, from version 6
constexpr size_t kHandoffBytes = 4 + 4 + 4 + 8 + 8; // a lock hand-over, from version 6
constexpr quint32 kMaxProgramObjects = 200'000; // a traced program's waits and print texts (ThreadWatcher's caps)

// Reads one .threadlab file, checking every count against the bytes left and every index against
// what it refers to, so that nothing read can crash or exhaust whoever shows it.
class TraceFileReader
{
public:
    // Reads the body of a file of this version, data[start, size): offsets in problems count from
    // data. From version 6 the body is the uncompressed contents, little-endian.
    TraceFileReader(const char *data, qsizetype size, qsizetype start, quint32 version)
        : m_in(data, size, start)
        , m_version(version)
    {
        if (version >= 6) {
            m_in.setLittleEndian(true);
            m_in.setOffsetNote(Text::tr(" of its uncompressed contents"));
        }
    }

    Result<std::shared_ptr<RecordedRun>> read(); // the error says what is wrong and where, without the path

private:
    bool readRecordingKind();
    bool readScenario();
    bool readProgram();
    bool readProcesses();
    bool readCounters();
    bool readLane(size_t index, LaneTrack &lane);
    bool readSegment(Segment &segment, const char *what);
    bool checkSegment(const Segment &segment, qsizetype at, const QString &where);
    bool checkEvents(std::span<const Event> events, size_t lane, std::initializer_list<EventKind> kinds, qsizetype at,
        const char *what);
    bool readEvents(PodVector<Event> &events, const char *what);
    bool readTasks();
    bool readLocks();
    bool readRelations();
    bool readSched();
    bool readDeadlock();
    // Slices of OS scheduler data: start, end, an index (CPU or lane) and what readRest() reads and
    // checks; in time order, none ending before it starts.
    template <typename Slice, typename ReadRest>
    bool readSlices(PodVector<Slice> &slices, const char *countWhat, const QString &where, const ReadRest &readRest)
    {
        quint64 count = 0;
        if (!m_in.count(count, kMaxRecords, kSliceBytes, countWhat))
            return false;
        slices.resize(size_t(count));
        int64_t previousEnd = INT64_MIN;
        for (Slice &slice : slices) {
            const qsizetype at = m_in.offset();
            qint64 start = 0, end = 0;
            qint32 index = -1;
            m_in.integer(start);
            m_in.integer(end);
            m_in.integer(index);
            if (!m_in.ok())
                return false;
            if (!isPlausibleTime(start) || !isPlausibleTime(end))
                return m_in.fail(where + Text::tr(" has a time out of range"), at);
            if (end < start || start < previousEnd)
                return m_in.fail(where + Text::tr(" is out of time order"), at);
            slice.startNs = start;
            slice.endNs = end;
            if (!readRest(slice, index, at))
                return false;
            previousEnd = end;
        }
        return true;
    }

    bool taskIndex(int64_t task) const { return task >= 0 && uint64_t(task) < m_tasks; }
    bool laneIndex(int64_t lane) const { return lane >= 0 && uint64_t(lane) < m_lanes; }
    bool objectIndex(uint32_t object) const { return object < m_objects; }

    BoundedReader m_in;
    std::shared_ptr<RecordedRun> m_run = std::make_shared<RecordedRun>();
    size_t m_tasks = 0;
    size_t m_objects = 0;
    size_t m_lanes = 0;
    qsizetype m_countersAt = 0;
    quint32 m_version = 0;
};

Result<std::shared_ptr<RecordedRun>> TraceFileReader::read()
{
    const quint32 version = m_version;
    if (readRecordingKind() && readCounters()) {
        Trace &t = m_run->trace;
        if (!m_run->program.isSet())
            t.objects = m_run->scenario.objects;
        qint64 originNs = 0, lastEventNs = 0;
        const qsizetype timesAt = m_in.offset();
        quint64 eventCount = 0;
        quint32 lanes = 0;
        m_in.integer(originNs);
        m_in.integer(lastEventNs);
        m_in.integer(eventCount);
        m_in.count(lanes, kMaxLanes, 1, "the number of lanes");
        if (m_in.ok() && (!isPlausibleTime(originNs) || !isPlausibleTime(lastEventNs)))
            m_in.fail(Text::tr("the run's start or end time is out of range"), timesAt);
        t.originNs = originNs;
        t.lastEventNs = lastEventNs;
        t.eventCount = eventCount;
        m_lanes = lanes;
        if (m_in.ok()) {
            t.lanes.resize(lanes);
            for (size_t i = 0; i < t.lanes.size() && readLane(i, t.lanes[i]); ++i) { }
        }
        for (const CounterReport &counter : m_run->counters) {
            if (m_in.ok() && counter.lane != -1 && !laneIndex(counter.lane))
                m_in.fail(Text::tr("counter '%1' names lane %2 of %3").arg(counter.name).arg(counter.lane).arg(m_lanes),
                    m_countersAt);
        }
        if (readTasks() && readLocks() && readRelations() && (version < 3 || readSched())
            && (version < 4 || readDeadlock()) && (version < 5 || readProcesses()) && m_in.left() > 0)
            m_in.fail(Text::tr("%1 bytes follow the end of the trace").arg(m_in.left()));
    }
    if (!m_in.ok())
        return Error(m_in.problem());
    return m_run;
}

bool TraceFileReader::readRecordingKind()
{
    if (m_version < 5)
        return readScenario();
    const qsizetype at = m_in.offset();
    quint8 kind = 0;
    if (!m_in.integer(kind))
        return false;
    if (kind == quint8(TraceFile::Recording::Scenario))
        return readScenario();
    if (kind == quint8(TraceFile::Recording::Program))
        return readProgram();
    return m_in.fail(Text::tr("a recording of kind %1, which this ThreadLab does not know").arg(kind), at);
}

bool TraceFileReader::readProgram()
{
    const qsizetype at = m_in.offset();
    ProgramRun &p = m_run->program;
    qint32 exitCode = -1, signal = 0;
    quint32 objects = 0, tasks = 0;
    m_in.stringList(p.command, 10'000, kMaxMessageChars, "the program's command line");
    m_in.string(p.workingDirectory, kMaxMessageChars, "the program's working directory");
    m_in.integer(p.pid);
    m_in.boolean(p.attached);
    m_in.boolean(p.exited);
    m_in.integer(exitCode);
    m_in.integer(signal);
    m_in.string(p.pythonHook, kMaxMessageChars, "the program's Python hook");
    m_in.string(p.lesson, kMaxNameChars, "the program's lesson");
    m_in.string(p.outputTail, ProgramRun::kMaxOutputTail, "the end of the program's output");
    if (m_in.ok() && (p.pid <= 0 || exitCode < -1 || exitCode > 255 || signal < 0 || signal > 64))
        return m_in.fail(Text::tr("the program's pid or exit status is out of range"), at);
    p.exitCode = exitCode;
    p.signal = signal;
    m_in.count(objects, kMaxProgramObjects, 1 + 4, "the number of the program's objects");
    for (quint32 i = 0; i < objects && m_in.ok(); ++i) {
        const qsizetype objectAt = m_in.offset();
        quint8 kind = 0;
        ObjectSpec object;
        m_in.integer(kind);
        m_in.string(object.name, kMaxMessageChars, "an object's name");
        if (m_in.ok() && kind != quint8(ObjectKind::KernelWait) && kind != quint8(ObjectKind::Text))
            return m_in.fail(Text::tr("a traced program's object of kind %1").arg(kind), objectAt);
        object.kind = ObjectKind(kind);
        m_run->trace.objects.push_back(object);
    }
    m_in.count(tasks, kMaxLanes, 0, "the number of the program's threads");
    if (!m_in.ok())
        return false;
    m_run->scenario = p.describe();
    m_tasks = tasks;
    m_objects = objects;
    return true;
}

bool TraceFileReader::readProcesses()
{
    quint32 count = 0;
    m_in.count(count, kMaxLanes, 8 + 8 + 4 + 4 + 4, "the number of processes");
    for (quint32 i = 0; i < count && m_in.ok(); ++i) {
        const qsizetype at = m_in.offset();
        TracedProcess process;
        qint32 exitCode = -1, signal = 0;
        m_in.integer(process.pid);
        m_in.integer(process.parentPid);
        m_in.string(process.command, kMaxMessageChars, "a process's command line");
        m_in.integer(exitCode);
        m_in.integer(signal);
        if (m_in.ok() && (exitCode < -1 || exitCode > 255 || signal < 0 || signal > 64))
            return m_in.fail(Text::tr("process %1's exit status is out of range").arg(process.pid), at);
        process.exitCode = exitCode;
        process.signal = signal;
        m_run->trace.processes.push_back(process);
    }
    return m_in.ok();
}

bool TraceFileReader::readScenario()
{
    const qsizetype at = m_in.offset();
    QByteArray source;
    QString origin;
    quint8 kind = 0, join = 0, results = 0;
    qint32 workers = 1;
    QStringList joinTasks;
    bool lock = true, gil = false;
    qint64 raceWindow = 0;
    m_in.bytes(source, ScenarioParser::kMaxFileBytes, "the scenario");
    m_in.string(origin, kMaxNameChars * 4, "the scenario's file name");
    m_in.integer(kind);
    m_in.integer(workers);
    m_in.integer(join);
    m_in.stringList(joinTasks, 1024, JsonReader::kMaxNameLength, "the joined tasks");
    m_in.integer(results);
    m_in.boolean(lock);
    m_in.boolean(gil);
    m_in.integer(raceWindow);
    bool ordering = false;
    if (m_version >= 4)
        m_in.boolean(ordering);
    if (!m_in.ok())
        return false;
    // The threads executor runs a thread per task instance; pools at most kMaxWorkers.
    const int maxWorkers
        = kind == quint8(ExecutorKind::Threads) ? ExecutorSpec::kMaxInstances : ExecutorSpec::kMaxWorkers;
    if (kind > quint8(ExecutorKind::Processes) || join > quint8(JoinMode::Listed)
        || results > quint8(ResultOrder::InOrder) || workers < 1 || workers > maxWorkers || raceWindow < 0
        || raceWindow > 1'000'000'000)
        return m_in.fail(Text::tr("the executor or options are out of range"), at);
    Result<Scenario> parsed = ScenarioParser::parse(source, origin);
    if (!parsed.ok())
        return m_in.fail(Text::tr("its scenario does not parse: ") + parsed.error().lines().join(Text::tr("; ")), at);
    Scenario &scenario = m_run->scenario;
    scenario = std::move(*parsed);
    scenario.executor.kind = ExecutorKind(kind);
    scenario.executor.workers = workers;
    scenario.executor.join = JoinMode(join);
    scenario.executor.joinTasks = joinTasks;
    scenario.executor.results = ResultOrder(results);
    scenario.options.lock = lock;
    scenario.options.gil = gil;
    scenario.options.raceWindowNs = raceWindow;
    scenario.options.ordering = ordering;
    m_tasks = scenario.instances.size();
    m_objects = scenario.objects.size();
    return true;
}

bool TraceFileReader::readCounters()
{
    quint64 recorded = 0, dropped = 0;
    quint32 counters = 0;
    m_in.integer(m_run->pid);
    m_in.integer(recorded);
    m_in.integer(dropped);
    m_in.stringList(m_run->errors, kMaxMessages, kMaxMessageChars, "the run's errors");
    m_countersAt = m_in.offset();
    m_in.count(counters, kMaxCounters, 4 + 8 + 4 + 4 * 8, "the number of counters");
    m_run->eventsRecorded = recorded;
    m_run->eventsDropped = dropped;
    for (quint32 i = 0; i < counters && m_in.ok(); ++i) {
        CounterReport c;
        qint32 lane = -1;
        qint64 expected = 0, actual = 0, lost = 0, amount = 0;
        m_in.string(c.name, kMaxNameChars, "a counter's name");
        m_in.integer(c.pid);
        m_in.integer(lane);
        m_in.integer(expected);
        m_in.integer(actual);
        m_in.integer(lost);
        m_in.integer(amount);
        m_run->counters.push_back(CounterReport { c.name, c.pid, lane, expected, actual, lost, amount });
    }
    return m_in.ok();
}

bool TraceFileReader::readSegment(Segment &segment, const char *what)
{
    qint64 start = 0, end = 0;
    qint32 task = -1, arg = -1;
    quint32 object = kNoObject;
    quint8 state = 0;
    m_in.integer(start);
    m_in.integer(end);
    m_in.integer(task);
    m_in.integer(object);
    m_in.integer(arg);
    m_in.integer(state);
    if (m_in.ok() && state >= kStateCount)
        return m_in.fail(Text::tr("%1 has state %2").arg(QLatin1String(what)).arg(state), m_in.offset() - 1);
    segment = Segment { start, end, task, object, arg, State(state) };
    return m_in.ok();
}

bool TraceFileReader::checkSegment(const Segment &s, qsizetype at, const QString &where)
{
    QString problem;
    if (!isPlausibleTime(s.startNs) || !isPlausibleTime(s.endNs))
        problem = Text::tr("has a time out of range");
    else if (s.endNs < s.startNs)
        problem = Text::tr("ends before it starts");
    else if (s.task != -1 && !taskIndex(s.task))
        problem = Text::tr("names task %1 of %2").arg(s.task).arg(m_tasks);
    else if (s.object != kNoObject && !(s.state == State::JoinWait ? taskIndex(s.object) : objectIndex(s.object)))
        problem = Text::tr("waits on object %1, which does not exist").arg(s.object);
    else if (s.state == State::LockWait && s.arg != -1 && !laneIndex(s.arg))
        problem = Text::tr("names lane %1 of %2 as the lock's holder").arg(s.arg).arg(m_lanes);
    return problem.isEmpty() || m_in.fail(where + u' ' + problem, at);
}

bool TraceFileReader::checkEvents(
    std::span<const Event> events, size_t lane, std::initializer_list<EventKind> kinds, qsizetype at, const char *what)
{
    int64_t previous = INT64_MIN;
    for (size_t i = 0; i < events.size(); ++i) {
        const Event &e = events[i];
        QString problem;
        if (std::find(kinds.begin(), kinds.end(), e.kind) == kinds.end())
            problem = Text::tr("has kind %1").arg(int(e.kind));
        else if (e.lane != lane)
            problem = Text::tr("belongs to lane %1").arg(e.lane);
        else if (!isPlausibleTime(e.timeNs))
            problem = Text::tr("has a time out of range");
        else if (e.timeNs < previous)
            problem = Text::tr("is out of time order");
        else if (e.kind == EventKind::Result ? !taskIndex(e.object) : e.object != kNoObject && !objectIndex(e.object))
            problem = Text::tr("names object %1, which does not exist").arg(e.object);
        else if (e.kind == EventKind::LockAcquire && e.arg != -1 && !laneIndex(e.arg))
            problem = Text::tr("names lane %1 of %2").arg(e.arg).arg(m_lanes);
        if (!problem.isEmpty())
            return m_in.fail(Text::tr("lane %1: %2 %3 %4").arg(lane).arg(QLatin1String(what)).arg(i).arg(problem), at);
        previous = e.timeNs;
    }
    return true;
}

bool TraceFileReader::readLane(size_t index, LaneTrack &lane)
{
    const qsizetype at = m_in.offset();
    LaneInfo &info = lane.info;
    quint8 kind = 0;
    qint32 parent = -1, currentTask = -1;
    qint64 begin = 0, end = 0;
    m_in.integer(info.id);
    m_in.integer(kind);
    m_in.integer(info.pid);
    m_in.integer(info.tid);
    m_in.string(info.name, kMaxNameChars, "a lane's name");
    m_in.integer(parent);
    m_in.integer(begin);
    m_in.integer(end);
    m_in.boolean(lane.hasOpenSegment);
    m_in.integer(currentTask);
    if (!m_in.ok())
        return false;
    if (info.id != index || kind > quint8(LaneKind::Process) || (parent != -1 && !laneIndex(parent))
        || (currentTask != -1 && !taskIndex(currentTask)) || !isPlausibleTime(begin) || !isPlausibleTime(end))
        return m_in.fail(Text::tr("lane %1 has a wrong id, kind, parent, task or time").arg(index), at);
    info.kind = LaneKind(kind);
    info.parent = parent;
    lane.beginNs = begin;
    lane.endNs = end;
    lane.currentTask = currentTask;
    const QString where = Text::tr("lane %1:").arg(index);
    qsizetype segmentAt = m_in.offset();
    if (!readSegment(lane.open, "its open segment")
        || (lane.hasOpenSegment && !checkSegment(lane.open, segmentAt, where + Text::tr(" its open segment"))))
        return false;
    quint64 segments = 0;
    if (!m_in.count(segments, kMaxRecords, kSegmentBytes, "the number of segments"))
        return false;
    lane.segments.resize(size_t(segments));
    int64_t previousEnd = INT64_MIN;
    for (size_t i = 0; i < lane.segments.size(); ++i) {
        Segment &segment = lane.segments[i];
        segmentAt = m_in.offset();
        if (!readSegment(segment, "a segment")
            || !checkSegment(segment, segmentAt, where + Text::tr(" segment %1").arg(i)))
            return false;
        if (segment.startNs < previousEnd)
            return m_in.fail(where + Text::tr(" segment %1 starts before the one before it ends").arg(i), segmentAt);
        previousEnd = segment.endNs;
        lane.lod.append(segment);
    }
    struct EventList
    {
        PodVector<Event> &events;
        std::initializer_list<EventKind> kinds;
        const char *what;
    };
    const EventList lists[] = {
        { lane.marks,
            { EventKind::Mark, EventKind::Result, EventKind::QueuePut, EventKind::QueueGet, EventKind::EventSet,
                EventKind::EventClear, EventKind::WaitTimeout, EventKind::Notify, EventKind::Woken },
            "mark" },
        { lane.lockEvents, { EventKind::LockAcquire, EventKind::LockRelease }, "lock event" },
        { lane.counterEvents, { EventKind::CounterRead, EventKind::CounterWrite }, "counter event" },
        { lane.lostUpdates, { EventKind::LostUpdate }, "lost update" },
    };
    for (const EventList &list : lists) {
        const qsizetype listAt = m_in.offset();
        if (!readEvents(list.events, list.what) || !checkEvents(list.events, index, list.kinds, listAt, list.what))
            return false;
    }
    quint32 held = 0;
    m_in.count(held, m_objects, 4 + 8, "the number of held locks");
    for (quint32 i = 0; i < held && m_in.ok(); ++i) {
        uint32_t lockId = 0;
        qint64 since = 0;
        const qsizetype heldAt = m_in.offset();
        m_in.integer(lockId);
        m_in.integer(since);
        if (m_in.ok() && !objectIndex(lockId))
            return m_in.fail(where + Text::tr(" holds lock %1, which does not exist").arg(lockId), heldAt);
        if (m_in.ok() && !isPlausibleTime(since))
            return m_in.fail(where + Text::tr(" holds lock %1 since a time out of range").arg(lockId), heldAt);
        lane.heldLocks.emplace_back(lockId, since);
    }
    return m_in.ok();
}

bool TraceFileReader::readEvents(PodVector<Event> &events, const char *what)
{
    if (m_version < 6) // raw structs of the machine that wrote it
        return m_in.records(events, kMaxRecords, what);
    quint64 count = 0;
    if (!m_in.count(count, kMaxRecords, kEventBytes, what))
        return false;
    events.resize(size_t(count));
    for (Event &e : events) {
        qint64 time = 0, arg = 0;
        quint16 kind = 0;
        m_in.integer(time);
        m_in.integer(arg);
        m_in.integer(e.lane);
        m_in.integer(e.object);
        m_in.integer(kind);
        m_in.integer(e.aux);
        e.timeNs = time;
        e.arg = arg;
        e.kind = EventKind(kind); // checked by checkEvents()
        e.clock = EventClock::SteadyNs;
    }
    return m_in.ok();
}

bool TraceFileReader::readTasks()
{
    const qsizetype at = m_in.offset();
    quint32 tasks = 0;
    if (!m_in.count(tasks, m_tasks, 4, "the number of tasks"))
        return false;
    if (tasks != m_tasks)
        return m_in.fail(Text::tr("%1 tasks, but its scenario has %2").arg(tasks).arg(m_tasks), at);
    for (quint32 i = 0; i < tasks && m_in.ok(); ++i) {
        const qsizetype taskAt = m_in.offset();
        TaskRecord task;
        qint32 lane = -1;
        qint64 begin = 0, end = 0, outcome = 0;
        m_in.string(task.name, kMaxNameChars, "a task's name");
        m_in.integer(lane);
        m_in.integer(begin);
        m_in.integer(end);
        m_in.integer(outcome);
        m_in.string(task.error, kMaxMessageChars, "a task's error");
        const int states = m_version >= 4 ? kStateCount : kStateCountV3;
        for (int state = 0; state < states; ++state) {
            qint64 value = 0;
            m_in.integer(value);
            task.stateNs[size_t(state)] = value;
            if (!isPlausibleTime(value))
                return m_in.fail(Text::tr("task %1 has a time out of range").arg(i), taskAt);
        }
        const auto lastOutcome = m_version >= 4 ? TaskOutcome::CutOff : TaskOutcome::Failed;
        if (m_in.ok()
            && ((lane != -1 && !laneIndex(lane)) || outcome < 0 || outcome > int64_t(lastOutcome)
                || !isPlausibleTime(begin) || !isPlausibleTime(end)))
            return m_in.fail(Text::tr("task %1 has a wrong lane or outcome").arg(i), taskAt);
        task.lane = lane;
        task.beginNs = begin;
        task.endNs = end;
        task.outcome = TaskOutcome(outcome);
        m_run->trace.tasks.push_back(task);
    }
    return m_in.ok();
}

bool TraceFileReader::readLocks()
{
    quint32 locks = 0;
    const int values = m_version >= 4 ? 6 : 5;
    m_in.count(locks, m_objects, 4 + 4 + values * 8, "the number of locks");
    for (quint32 i = 0; i < locks && m_in.ok(); ++i) {
        const qsizetype lockAt = m_in.offset();
        uint32_t id = 0;
        LockRecord lock;
        qint64 value[6] = {};
        m_in.integer(id);
        m_in.string(lock.name, kMaxNameChars, "a lock's name");
        for (int v = 0; v < values; ++v)
            m_in.integer(value[v]);
        if (m_in.ok() && !objectIndex(id))
            return m_in.fail(Text::tr("lock %1 does not exist").arg(id), lockAt);
        if (m_in.ok() && !std::all_of(value, value + values, isPlausibleTime))
            return m_in.fail(Text::tr("lock %1 has a count or time out of range").arg(id), lockAt);
        m_run->trace.locks[id] = LockRecord { lock.name, value[0], value[1], value[2], value[3], value[4], value[5] };
    }
    return m_in.ok();
}

bool TraceFileReader::readRelations()
{
    Trace &t = m_run->trace;
    const qsizetype handoffsAt = m_in.offset();
    if (m_version < 6) {
        if (!m_in.records(t.handoffs, kMaxRecords, "the lock hand-overs"))
            return false;
    } else {
        quint64 count = 0;
        if (!m_in.count(count, kMaxRecords, kHandoffBytes, "the lock hand-overs"))
            return false;
        t.handoffs.resize(size_t(count));
        for (LockHandoff &h : t.handoffs) {
            qint64 waitStart = 0, acquired = 0;
            m_in.integer(h.lock);
            m_in.integer(h.fromLane);
            m_in.integer(h.toLane);
            m_in.integer(waitStart);
            m_in.integer(acquired);
            h.waitStartNs = waitStart;
            h.acquiredNs = acquired;
        }
        if (!m_in.ok())
            return false;
    }
    for (const LockHandoff &h : t.handoffs) {
        if (!objectIndex(h.lock) || !laneIndex(h.fromLane) || !laneIndex(h.toLane) || !isPlausibleTime(h.waitStartNs)
            || !isPlausibleTime(h.acquiredNs))
            return m_in.fail(
                Text::tr("a lock hand-over names a lock or lane that does not exist, or a time out of range"),
                handoffsAt);
    }
    quint32 results = 0;
    m_in.count(results, m_tasks, 4, "the number of results");
    for (quint32 i = 0; i < results && m_in.ok(); ++i) {
        qint32 task = 0;
        m_in.integer(task);
        if (m_in.ok() && !taskIndex(task))
            return m_in.fail(
                Text::tr("result %1 names task %2 of %3").arg(i).arg(task).arg(m_tasks), m_in.offset() - 4);
        t.resultsOrder.push_back(task);
    }
    return m_in.ok();
}

bool TraceFileReader::readDeadlock()
{
    Deadlock &d = m_run->trace.deadlock;
    const qsizetype at = m_in.offset();
    m_in.boolean(d.found);
    if (!Deadlocks::read(m_in, d, m_lanes, m_objects))
        return false;
    for (size_t i = 0; i < d.links.size(); ++i) {
        const DeadlockLink &link = d.links[i];
        const bool waitsForExists
            = link.waitState == State::JoinWait ? taskIndex(link.waitsFor) : objectIndex(link.waitsFor);
        const bool holdsExist
            = std::all_of(link.holds.begin(), link.holds.end(), [&](uint32_t held) { return objectIndex(held); });
        if (!laneIndex(link.lane) || (link.waitsFor != kNoObject && !waitsForExists)
            || (link.heldBy != -1 && !laneIndex(link.heldBy)) || !holdsExist)
            return m_in.fail(
                Text::tr("deadlocked lane %1 names a lane, task or object that does not exist").arg(i), at);
    }
    return true;
}

bool TraceFileReader::readSched()
{
    Trace &t = m_run->trace;
    const qsizetype at = m_in.offset();
    quint8 source = 0;
    quint64 lost = 0;
    qint32 cpuCount = 0;
    m_in.integer(source);
    m_in.string(t.sched.reason, kMaxMessageChars, "the scheduler data's source");
    m_in.integer(lost);
    m_in.integer(cpuCount);
    if (!m_in.ok())
        return false;
    if (source > quint8(SchedSource::Exact) || cpuCount < 0 || cpuCount > kMaxCpus)
        return m_in.fail(Text::tr("the scheduler data's source or CPU count is out of range"), at);
    t.sched.source = SchedSource(source);
    t.sched.lost = lost;
    t.sched.cpuCount = cpuCount;
    for (size_t index = 0; index < t.lanes.size(); ++index) {
        LaneTrack &lane = t.lanes[index];
        qint64 counts[5] = {};
        for (qint64 &count : counts)
            m_in.integer(count);
        lane.sched = LaneSched { counts[0], counts[1], counts[2], counts[3], counts[4] };
        if (m_in.ok() && !std::all_of(std::begin(counts), std::end(counts), isPlausibleTime))
            return m_in.fail(Text::tr("lane %1: the scheduler's counts are out of range").arg(index), at);
        const QString where = Text::tr("lane %1: an OS slice").arg(index);
        const bool read
            = readSlices(lane.os, "the number of OS slices", where, [&](OsSlice &slice, qint32 cpu, qsizetype at) {
                  m_in.boolean(slice.onCpu);
                  slice.cpu = cpu;
                  return m_in.ok()
                      && ((cpu >= -1 && cpu < cpuCount)
                          || m_in.fail(where + Text::tr(" names CPU %1 of %2").arg(cpu).arg(cpuCount), at));
              });
        if (!read)
            return false;
    }
    quint32 cpus = 0;
    if (!m_in.count(cpus, quint64(cpuCount), 4 + 8 + 8, "the number of CPU tracks"))
        return false;
    t.cpus.resize(cpus);
    for (size_t index = 0; index < t.cpus.size(); ++index) {
        CpuTrack &track = t.cpus[index];
        qint32 cpu = 0;
        qint64 busy = 0;
        m_in.integer(cpu);
        m_in.integer(busy);
        track.cpu = cpu;
        track.busyNs = busy;
        if (m_in.ok() && !isPlausibleTime(busy))
            return m_in.fail(Text::tr("CPU %1: its busy time is out of range").arg(index), at);
        const QString where = Text::tr("CPU %1: a slice").arg(index);
        const bool read = readSlices(
            track.slices, "the number of CPU slices", where, [&](CpuSlice &slice, qint32 lane, qsizetype at) {
                m_in.integer(slice.ended);
                slice.lane = lane;
                return m_in.ok()
                    && (lane == kOtherProcess || lane == kRunThread || laneIndex(lane)
                        || m_in.fail(where + Text::tr(" names lane %1 of %2").arg(lane).arg(m_lanes), at));
            });
        if (!read)
            return false;
    }
    return m_in.ok();
}

// What follows the header, read by the rules of its version: 2 to 5 as they are, 6 on compressed.
Result<std::shared_ptr<RecordedRun>> readVersion(const char *data, qsizetype size, qsizetype bodyAt, quint32 version)
{
    if (version < 2 || version > TraceFile::kVersion)
        return Error(Text::tr("trace format version %1; this ThreadLab reads versions 2 to %2")
                         .arg(version)
                         .arg(TraceFile::kVersion));
    if (version < 6)
        return TraceFileReader(data, size, bodyAt, version).read();
    const Result<QByteArray> contents = CompressedBlocks::read(data, size, bodyAt, kMaxContentBytes);
    if (!contents)
        return contents.error();
    return TraceFileReader(contents->constData(), contents->size(), 0, version).read();
}

// What a trace holds but a file does not store: it is derived from what was read.
Result<std::shared_ptr<RecordedRun>> withDerivedData(Result<std::shared_ptr<RecordedRun>> run)
{
    if (!run)
        return run;
    Trace &trace = (*run)->trace;
    trace.counters.update(trace, INT64_MAX);
    for (const LaneTrack &lane : trace.lanes) {
        for (const Event &event : lane.marks)
            trace.markKinds |= 1u << unsigned(event.kind);
    }
    trace.queueStays.update(trace, INT64_MAX);
    return run;
}

} // namespace

Result<std::shared_ptr<RecordedRun>> TraceFile::read(const QString &path)
{
    auto fail = [&](const QString &what) { return Error(Text::tr("%1: %2").arg(path, what)); };
    const QFileInfo info(path);
    if (info.exists() && !info.isFile())
        return fail(Text::tr("not a regular file"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Text::tr("cannot open: ") + file.errorString());
    const qint64 size = file.size();
    const QByteArray magic = TraceFile::magic();
    if (size < magic.size() || file.read(magic.size()) != magic)
        return fail(Text::tr("not a ThreadLab trace (.threadlab) file"));
    // Mapped, not read: a large trace costs address space, not a copy.
    const uchar *const mapped = file.map(0, size);
    if (!mapped)
        return fail(Text::tr("cannot map: ") + file.errorString());
    Result<std::shared_ptr<RecordedRun>> run = read(reinterpret_cast<const char *>(mapped), qsizetype(size));
    file.unmap(const_cast<uchar *>(mapped));
    if (!run)
        return fail(run.error().text());
    return run;
}

Result<std::shared_ptr<RecordedRun>> TraceFile::read(const char *data, qsizetype size)
{
    const QByteArray magic = TraceFile::magic();
    if (size < magic.size() || QByteArrayView(data, magic.size()) != magic)
        return Error(Text::tr("not a ThreadLab trace (.threadlab) file"));
    const qsizetype bodyAt = magic.size() + 4;
    if (size < bodyAt)
        return Error(Text::tr("damaged at byte %1 (the file ends inside its version)").arg(magic.size()));
    // Versions 2 to 5 wrote it big-endian; 6 on little-endian.
    const quint32 bigEndian = qFromBigEndian<quint32>(data + magic.size());
    const quint32 version
        = bigEndian >= 2 && bigEndian <= 5 ? bigEndian : qFromLittleEndian<quint32>(data + magic.size());
    return withDerivedData(readVersion(data, size, bodyAt, version));
}

Result<std::shared_ptr<RecordedRun>> TraceFile::readContents(const char *data, qsizetype size)
{
    return withDerivedData(TraceFileReader(data, size, 0, kVersion).read());
}

} // namespace threadlab
