#include "trace/tracefile.h"

#include "base/coretext.h"
#include "trace/compressedblocks.h"
#include "trace/deadlocks.h"

#include <QDataStream>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QtEndian>

namespace threadlab {

namespace {

// Events and hand-overs field by field, little-endian, without the padding of their structs.
void writeEvents(QDataStream &s, const PodVector<Event> &events)
{
    s << quint64(events.size());
    for (const Event &e : events)
        s << qint64(e.timeNs) << qint64(e.arg) << quint32(e.lane) << quint32(e.object) << quint16(e.kind)
          << quint16(e.aux);
}

void writeHandoffs(QDataStream &s, const std::vector<LockHandoff> &handoffs)
{
    s << quint64(handoffs.size());
    for (const LockHandoff &h : handoffs)
        s << quint32(h.lock) << quint32(h.fromLane) << quint32(h.toLane) << qint64(h.waitStartNs)
          << qint64(h.acquiredNs);
}

void writeInfo(QDataStream &s, const LaneInfo &info)
{
    s << info.id << quint8(info.kind) << info.pid << info.tid << info.name << qint32(info.parent);
}

void writeSegment(QDataStream &s, const Segment &segment)
{
    s << qint64(segment.startNs) << qint64(segment.endNs) << qint32(segment.task) << segment.object
      << qint32(segment.arg) << quint8(segment.state);
}

} // namespace

Result<void> TraceFile::write(const RecordedRun &r, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(Text::tr("%1: cannot write: %2").arg(path, file.errorString()));
    // The magic, the version (u32 little-endian), then the compressed body, all little-endian.
    char version[4];
    qToLittleEndian<quint32>(kVersion, version);
    file.write(magic());
    file.write(version, sizeof version);
    CompressedBlockWriter body(file);
    QDataStream s(&body);
    s.setVersion(QDataStream::Qt_6_4);
    s.setByteOrder(QDataStream::LittleEndian);
    const Trace &t = r.trace;
    if (r.program.isSet()) {
        // Version 5: a traced program, its objects (waits, print texts) and its tasks (threads).
        const ProgramRun &p = r.program;
        s << quint8(Recording::Program) << p.command << p.workingDirectory << p.pid << p.attached << p.exited
          << qint32(p.exitCode) << qint32(p.signal) << p.pythonHook << p.lesson << p.outputTail;
        s << quint32(t.objects.size());
        for (const ObjectSpec &object : t.objects)
            s << quint8(object.kind) << object.name;
        s << quint32(t.tasks.size());
    } else {
        // The scenario as it ran.
        const Scenario &sc = r.scenario;
        s << quint8(Recording::Scenario);
        s << sc.source << sc.origin << quint8(sc.executor.kind) << qint32(sc.executor.workers)
          << quint8(sc.executor.join) << sc.executor.joinTasks << quint8(sc.executor.results) << sc.options.lock
          << sc.options.gil << qint64(sc.options.raceWindowNs) << sc.options.ordering;
    }
    s << r.pid << quint64(r.eventsRecorded) << quint64(r.eventsDropped) << r.errors;
    s << quint32(r.counters.size());
    for (const CounterReport &c : r.counters)
        s << c.name << c.pid << qint32(c.lane) << qint64(c.expected) << qint64(c.actual) << qint64(c.lostUpdates)
          << qint64(c.lostAmount);
    // The trace.
    s << qint64(t.originNs) << qint64(t.lastEventNs) << quint64(t.eventCount);
    s << quint32(t.lanes.size());
    for (const LaneTrack &lane : t.lanes) {
        writeInfo(s, lane.info);
        s << qint64(lane.beginNs) << qint64(lane.endNs) << lane.hasOpenSegment << qint32(lane.currentTask);
        writeSegment(s, lane.open);
        s << quint64(lane.segments.size());
        for (const Segment &segment : lane.segments)
            writeSegment(s, segment);
        writeEvents(s, lane.marks);
        writeEvents(s, lane.lockEvents);
        writeEvents(s, lane.counterEvents);
        writeEvents(s, lane.lostUpdates);
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
          << qint64(lock.waitNsMax) << qint64(lock.holdNsTotal) << qint64(lock.reentries);
    writeHandoffs(s, t.handoffs);
    s << quint32(t.resultsOrder.size());
    for (int task : t.resultsOrder)
        s << qint32(task);
    // Version 3: the OS scheduler's data.
    s << quint8(t.sched.source) << t.sched.reason << quint64(t.sched.lost) << qint32(t.sched.cpuCount);
    for (const LaneTrack &lane : t.lanes) {
        const LaneSched &os = lane.sched;
        s << qint64(os.cpuNs) << qint64(os.runnableNs) << qint64(os.voluntary) << qint64(os.involuntary)
          << qint64(os.migrations) << quint64(lane.os.size());
        for (const OsSlice &slice : lane.os)
            s << qint64(slice.startNs) << qint64(slice.endNs) << qint32(slice.cpu) << slice.onCpu;
    }
    s << quint32(t.cpus.size());
    for (const CpuTrack &cpu : t.cpus) {
        s << qint32(cpu.cpu) << qint64(cpu.busyNs) << quint64(cpu.slices.size());
        for (const CpuSlice &slice : cpu.slices)
            s << qint64(slice.startNs) << qint64(slice.endNs) << qint32(slice.lane) << quint8(slice.ended);
    }
    // Version 4: the deadlock found.
    s << t.deadlock.found;
    Deadlocks::write(s, t.deadlock);
    // Version 5: a traced program's processes.
    s << quint32(t.processes.size());
    for (const TracedProcess &process : t.processes)
        s << process.pid << process.parentPid << process.command << qint32(process.exitCode) << qint32(process.signal);
    if (s.status() != QDataStream::Ok || !body.finish() || !file.commit())
        return Error(Text::tr("%1: cannot write: %2").arg(path, file.errorString()));
    return {};
}

bool TraceFile::isTraceFile(const QString &path)
{
    QFile file(path);
    const QByteArray expected = magic();
    return QFileInfo(path).isFile() && file.open(QIODevice::ReadOnly) && file.read(expected.size()) == expected;
}

} // namespace threadlab
