#include "trace/chrometraceexport.h"

#include "base/coretext.h"
#include "trace/recordedrun.h"
#include "trace/traceanalysis.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <map>

namespace threadlab {

namespace {

QJsonObject metadata(const QString &name, qint64 pid, qint64 tid, const QJsonObject &args)
{
    QJsonObject event { { QStringLiteral("name"), name }, { QStringLiteral("ph"), QStringLiteral("M") },
        { QStringLiteral("pid"), pid }, { QStringLiteral("args"), args } };
    if (tid >= 0)
        event.insert(QStringLiteral("tid"), tid);
    return event;
}

} // namespace

QJsonObject ChromeTraceExport::build(const RecordedRun &recording)
{
    const Trace &trace = recording.trace;
    auto us = [&](int64_t ns) { return double(ns - trace.originNs) / 1000.0; };
    QJsonArray events;

    // Processes and threads, in the order the chart shows them.
    std::map<qint64, int> processOrder;
    for (const LaneTrack &lane : trace.lanes) {
        if (processOrder.count(lane.info.pid))
            continue;
        const int index = int(processOrder.size());
        processOrder[lane.info.pid] = index;
        const QString name = lane.info.pid == recording.pid ? QStringLiteral("threadlab: %1").arg(recording.scenario.id)
                                                            : QStringLiteral("threadlab-worker");
        events.append(
            metadata(QStringLiteral("process_name"), lane.info.pid, -1, { { QStringLiteral("name"), name } }));
        events.append(metadata(
            QStringLiteral("process_sort_index"), lane.info.pid, -1, { { QStringLiteral("sort_index"), index } }));
    }
    for (const LaneTrack &lane : trace.lanes) {
        events.append(metadata(QStringLiteral("thread_name"), lane.info.pid, lane.info.tid,
            { { QStringLiteral("name"), lane.info.name } }));
        events.append(metadata(QStringLiteral("thread_sort_index"), lane.info.pid, lane.info.tid,
            { { QStringLiteral("sort_index"), lane.info.kind == LaneKind::Main ? -1 : int(lane.info.id) } }));
    }

    auto slice = [&](const LaneInfo &lane, const QString &name, const QString &category, int64_t start, int64_t end,
                     const QJsonObject &args) {
        events.append(QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("cat"), category },
            { QStringLiteral("ph"), QStringLiteral("X") }, { QStringLiteral("ts"), us(start) },
            { QStringLiteral("dur"), double(end - start) / 1000.0 }, { QStringLiteral("pid"), lane.pid },
            { QStringLiteral("tid"), lane.tid }, { QStringLiteral("args"), args } });
    };
    // Tasks (they contain their state slices, so viewers nest them).
    for (const TaskRecord &task : trace.tasks) {
        if (task.beginNs < 0 || task.lane < 0 || size_t(task.lane) >= trace.lanes.size())
            continue;
        slice(trace.lanes[size_t(task.lane)].info, task.name, QStringLiteral("task"), task.beginNs,
            std::max(task.endNs, task.beginNs), {});
    }
    for (const LaneTrack &lane : trace.lanes) {
        auto add = [&](const Segment &s) {
            QJsonObject args;
            if (s.task >= 0 && size_t(s.task) < trace.tasks.size())
                args.insert(QStringLiteral("task"), trace.tasks[size_t(s.task)].name);
            if (s.object != kNoObject)
                args.insert(QStringLiteral("object"),
                    s.state == State::JoinWait && size_t(s.object) < trace.tasks.size() ? trace.tasks[s.object].name
                                                                                        : trace.objectName(s.object));
            if (s.state == State::Running && !lane.os.empty())
                args.insert(QStringLiteral("cpu"), TraceAnalysis::cpuAt(lane, s.startNs + s.durationNs() / 2));
            slice(lane.info, stateName(s.state), QStringLiteral("state"), s.startNs, s.endNs, args);
        };
        for (const Segment &segment : lane.segments)
            add(segment);
        if (lane.hasOpenSegment && lane.open.endNs > lane.open.startNs)
            add(lane.open);
        for (const Event &mark : lane.marks) {
            if (mark.kind != EventKind::Mark)
                continue;
            events.append(QJsonObject { { QStringLiteral("name"), trace.objectName(mark.object) },
                { QStringLiteral("cat"), QStringLiteral("print") }, { QStringLiteral("ph"), QStringLiteral("i") },
                { QStringLiteral("s"), QStringLiteral("t") }, { QStringLiteral("ts"), us(mark.timeNs) },
                { QStringLiteral("pid"), lane.info.pid }, { QStringLiteral("tid"), lane.info.tid } });
        }
    }

    // Flows: release -> the wait it ended; finished task -> its result on the main lane.
    int flowId = 0;
    auto flow = [&](const QString &name, const QString &category, const LaneInfo &from, int64_t fromNs,
                    const LaneInfo &to, int64_t toNs) {
        ++flowId;
        events.append(QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("cat"), category },
            { QStringLiteral("ph"), QStringLiteral("s") }, { QStringLiteral("id"), flowId },
            { QStringLiteral("ts"), us(fromNs) }, { QStringLiteral("pid"), from.pid },
            { QStringLiteral("tid"), from.tid } });
        events.append(QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("cat"), category },
            { QStringLiteral("ph"), QStringLiteral("f") }, { QStringLiteral("bp"), QStringLiteral("e") },
            { QStringLiteral("id"), flowId }, { QStringLiteral("ts"), us(toNs) }, { QStringLiteral("pid"), to.pid },
            { QStringLiteral("tid"), to.tid } });
    };
    for (const LockHandoff &handoff : trace.handoffs) {
        if (handoff.fromLane < trace.lanes.size() && handoff.toLane < trace.lanes.size())
            flow(QStringLiteral("lock %1").arg(trace.objectName(handoff.lock)), QStringLiteral("lock"),
                trace.lanes[handoff.fromLane].info, handoff.acquiredNs - 1, trace.lanes[handoff.toLane].info,
                handoff.acquiredNs);
    }
    if (const LaneTrack *main = trace.mainLane()) {
        for (const Event &mark : main->marks) {
            if (mark.kind != EventKind::Result || mark.object >= trace.tasks.size())
                continue;
            const TaskRecord &task = trace.tasks[mark.object];
            if (task.lane < 0 || size_t(task.lane) >= trace.lanes.size() || task.endNs < 0)
                continue;
            // Start inside the task's slice so that viewers bind the arrow to it.
            flow(QStringLiteral("result of %1").arg(task.name), QStringLiteral("result"),
                trace.lanes[size_t(task.lane)].info, std::max(task.beginNs, task.endNs - 1), main->info, mark.timeNs);
        }
    }

    // Counters: every shared counter's value as written, and the number of running lanes.
    auto counter = [&](const QString &name, qint64 pid, const std::vector<std::pair<int64_t, int64_t>> &points) {
        const size_t step = std::max<size_t>(1, points.size() / kMaxCounterPoints);
        for (size_t i = 0; i < points.size(); i += step) {
            const auto &[t, value] = points[std::min(points.size() - 1, i + step - 1)];
            events.append(QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("ph"), QStringLiteral("C") },
                { QStringLiteral("ts"), us(t) }, { QStringLiteral("pid"), pid },
                { QStringLiteral("args"), QJsonObject { { QStringLiteral("value"), qint64(value) } } } });
        }
    };
    std::map<std::pair<qint64, uint32_t>, std::vector<std::pair<int64_t, int64_t>>> writes;
    for (const LaneTrack &lane : trace.lanes) {
        for (const Event &event : lane.counterEvents) {
            if (event.kind == EventKind::CounterWrite)
                writes[{ lane.info.pid, event.object }].emplace_back(event.timeNs, event.arg);
        }
    }
    for (auto &[key, points] : writes) {
        std::sort(points.begin(), points.end());
        counter(QStringLiteral("counter %1").arg(trace.objectName(key.second)), key.first, points);
    }
    // The OS scheduler's view: a "CPUs" process with a track per CPU, each slice named after the
    // lane whose thread ran there (another process's thread is not named).
    if (!trace.cpus.empty()) {
        const qint64 cpusPid = kCpusPid;
        events.append(metadata(QStringLiteral("process_name"), cpusPid, -1,
            { { QStringLiteral("name"), QStringLiteral("CPUs (%1)").arg(schedSourceName(trace.sched.source)) } }));
        events.append(metadata(QStringLiteral("process_sort_index"), cpusPid, -1,
            { { QStringLiteral("sort_index"), int(processOrder.size()) } }));
        static const QString ended[]
            = { QStringLiteral("preempted"), QStringLiteral("blocked"), QStringLiteral("exited") };
        for (const CpuTrack &cpu : trace.cpus) {
            const LaneInfo track { 0, LaneKind::Thread, cpusPid, qint64(cpu.cpu) + 1, QString(), -1 };
            events.append(metadata(QStringLiteral("thread_name"), cpusPid, track.tid,
                { { QStringLiteral("name"), QStringLiteral("CPU %1").arg(cpu.cpu) } }));
            events.append(metadata(QStringLiteral("thread_sort_index"), cpusPid, track.tid,
                { { QStringLiteral("sort_index"), cpu.cpu } }));
            for (const CpuSlice &s : cpu.slices) {
                const bool ours = s.lane >= 0 && size_t(s.lane) < trace.lanes.size();
                const QString name = ours  ? trace.lanes[size_t(s.lane)].info.name
                    : s.lane == kRunThread ? QStringLiteral("ThreadLab (no lane)")
                                           : QStringLiteral("other process");
                slice(track, name, QStringLiteral("cpu"), s.startNs, s.endNs,
                    { { QStringLiteral("ended"), ended[std::min<size_t>(s.ended, 2)] } });
            }
        }
    }
    std::vector<std::pair<int64_t, int64_t>> running;
    for (const ConcurrencyPoint &point : TraceAnalysis::runningLanes(trace))
        running.emplace_back(point.timeNs, point.running);
    counter(QStringLiteral("running lanes"), recording.pid, running);

    return QJsonObject { { QStringLiteral("traceEvents"), events },
        { QStringLiteral("displayTimeUnit"), QStringLiteral("ms") },
        { QStringLiteral("otherData"),
            QJsonObject { { QStringLiteral("scenario"), recording.scenario.id },
                { QStringLiteral("title"), recording.scenario.title },
                { QStringLiteral("generator"), QStringLiteral("ThreadLab") } } } };
}

Result<void> ChromeTraceExport::write(const RecordedRun &recording, QIODevice &out)
{
    const QByteArray json = QJsonDocument(build(recording)).toJson(QJsonDocument::Compact);
    if (out.write(json) != json.size())
        return Error(Text::tr("cannot write: ") + out.errorString());
    return {};
}

} // namespace threadlab
