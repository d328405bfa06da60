#include "trace/chrometraceexport.h"

#include "base/coretext.h"
#include "trace/jsonstream.h"
#include "trace/recordedrun.h"
#include "trace/traceanalysis.h"

#include <QIODevice>
#include <algorithm>
#include <map>

namespace threadlab {

namespace {

// Who is who in the export: processes and threads numbered in the chart's order.
struct ExportIds
{
    std::vector<qint64> processPids; // OS pids, main process first
    std::map<qint64, int64_t> pidOf; // OS pid -> exported pid
    std::vector<int64_t> laneTid; // lane -> exported tid
    std::vector<int> laneSort; // lane -> its place within its process
    int64_t cpusPid = 0;
    int64_t firstCpuTid = 0;
};

ExportIds numberLanes(const Trace &trace)
{
    ExportIds ids;
    const LaneTrack *main = trace.mainLane();
    if (main)
        ids.processPids.push_back(main->info.pid);
    for (const LaneTrack &lane : trace.lanes) {
        if (std::find(ids.processPids.begin(), ids.processPids.end(), lane.info.pid) == ids.processPids.end())
            ids.processPids.push_back(lane.info.pid);
    }
    for (size_t i = 0; i < ids.processPids.size(); ++i)
        ids.pidOf[ids.processPids[i]] = int64_t(i) + 1;
    ids.laneTid.assign(trace.lanes.size(), 0);
    ids.laneSort.assign(trace.lanes.size(), 0);
    int64_t nextTid = 1;
    for (qint64 pid : ids.processPids) {
        int place = 0;
        auto number = [&](size_t lane) {
            ids.laneTid[lane] = nextTid++;
            ids.laneSort[lane] = place++;
        };
        if (main && main->info.pid == pid)
            number(size_t(main - trace.lanes.data()));
        for (size_t lane = 0; lane < trace.lanes.size(); ++lane) {
            if (trace.lanes[lane].info.pid == pid && &trace.lanes[lane] != main)
                number(lane);
        }
    }
    ids.cpusPid = int64_t(ids.processPids.size()) + 1;
    ids.firstCpuTid = nextTid;
    return ids;
}

// The lane's state slices as exported: its closed segments and the open one.
class LaneSlices
{
public:
    explicit LaneSlices(const LaneTrack &lane)
        : m_lane(lane)
    { }

    template <typename F> void forEach(const F &f) const
    {
        for (const Segment &segment : m_lane.segments)
            f(segment);
        if (hasOpen())
            f(m_lane.open);
    }
    // The slice that runs up to t (start < t <= end), else the one t is in; null if none.
    const Segment *endingAt(int64_t t) const
    {
        const Segment *found = at(t - 1);
        return found && found->endNs >= t ? found : at(t);
    }
    // The slice t is in (start <= t < end); the last one if t is where it ends; null if none.
    const Segment *at(int64_t t) const
    {
        if (hasOpen() && m_lane.open.startNs <= t && t <= m_lane.open.endNs)
            return &m_lane.open;
        const auto &segments = m_lane.segments;
        auto after = std::upper_bound(
            segments.begin(), segments.end(), t, [](int64_t time, const Segment &s) { return time < s.startNs; });
        if (after == segments.begin())
            return nullptr;
        const Segment &found = *(after - 1);
        return t <= found.endNs ? &found : nullptr;
    }

    // The first slice that starts at or after t and after fromNs.
    const Segment *startingFrom(int64_t t, int64_t fromNs) const
    {
        const int64_t earliest = std::max(t, fromNs + 1);
        const auto &segments = m_lane.segments;
        auto next = std::lower_bound(segments.begin(), segments.end(), earliest,
            [](const Segment &s, int64_t time) { return s.startNs < time; });
        if (next != segments.end())
            return &*next;
        return hasOpen() && m_lane.open.startNs >= earliest ? &m_lane.open : nullptr;
    }
    // The slice t is in, if it starts after fromNs (readers take flow events in time order, and
    // DevTools keys a flow's slices by their start), else the next one.
    const Segment *arrivalAt(int64_t t, int64_t fromNs) const
    {
        if (const Segment *in = at(t); in && in->startNs > fromNs && t < in->endNs)
            return in;
        return startingFrom(t, fromNs);
    }

private:
    bool hasOpen() const { return m_lane.hasOpenSegment && m_lane.open.endNs > m_lane.open.startNs; }
    const LaneTrack &m_lane;
};

class ChromeTraceWriter
{
public:
    ChromeTraceWriter(const RecordedRun &recording, QIODevice &out)
        : m_run(recording)
        , m_trace(recording.trace)
        , m_ids(numberLanes(recording.trace))
        , m_json(out)
    { }

    bool write()
    {
        m_json.beginObject().key("traceEvents").beginArray();
        writeNames();
        writeTasks();
        for (size_t lane = 0; lane < m_trace.lanes.size(); ++lane)
            writeLane(lane);
        writeLockFlows();
        writeResultFlows();
        writeCounters();
        writeCpus();
        m_json.newLine().endArray();
        m_json.field("displayTimeUnit", "ms").key("otherData").beginObject();
        m_json.field("scenario", m_run.scenario.id)
            .field("title", m_run.scenario.title)
            .field("generator", "ThreadLab");
        m_json.field("time_unit", "1/1024 us from integer nanoseconds");
        m_json.endObject().endObject();
        return m_json.flush();
    }

private:
    int64_t ticks(int64_t ns) const { return ChromeTraceExport::ticks(ns - m_trace.originNs); }
    int64_t pidOf(qint64 osPid) const { return m_ids.pidOf.at(osPid); }
    const LaneInfo &info(size_t lane) const { return m_trace.lanes[lane].info; }

    void begin(const char *phase, const QString &name, const char *category, int64_t pid, int64_t tid, int64_t ns)
    {
        m_json.newLine().beginObject().field("ph", phase).field("name", name);
        if (category)
            m_json.field("cat", category);
        m_json.field("pid", pid);
        if (tid > 0)
            m_json.field("tid", tid);
        if (ns != INT64_MIN)
            m_json.key("ts").ticks1024(ticks(ns));
    }
    void metadata(const char *what, int64_t pid, int64_t tid, const char *key, const QString &text, int64_t number = 0)
    {
        begin("M", QString::fromLatin1(what), nullptr, pid, tid, INT64_MIN);
        m_json.key("args").beginObject();
        if (key)
            m_json.field(key, text);
        else
            m_json.field("sort_index", number);
        m_json.endObject().endObject();
    }
    // A complete slice; the caller writes its args' fields, then endSlice().
    void slice(size_t lane, const QString &name, const char *category, int64_t startNs, int64_t endNs)
    {
        sliceOn(pidOf(info(lane).pid), m_ids.laneTid[lane], name, category, startNs, endNs);
    }
    void sliceOn(int64_t pid, int64_t tid, const QString &name, const char *category, int64_t startNs, int64_t endNs)
    {
        begin("X", name, category, pid, tid, startNs);
        m_json.key("dur").ticks1024(ticks(endNs) - ticks(startNs));
        m_json.key("args").beginObject();
    }
    void endSlice() { m_json.endObject().endObject(); }

    QString processName(qint64 pid) const
    {
        QString name;
        if (const TracedProcess *process = m_trace.process(pid))
            name = process->command.left(200);
        else if (pid == m_run.pid)
            name = QStringLiteral("threadlab: ") + m_run.scenario.id;
        else
            name = QStringLiteral("threadlab-worker");
        return Text::tr("%1 (pid %2)").arg(name).arg(pid);
    }

    void writeNames()
    {
        for (qint64 pid : m_ids.processPids) {
            metadata("process_name", pidOf(pid), 0, "name", processName(pid));
            metadata("process_sort_index", pidOf(pid), 0, nullptr, QString(), pidOf(pid));
        }
        for (size_t lane = 0; lane < m_trace.lanes.size(); ++lane) {
            const int64_t pid = pidOf(info(lane).pid);
            begin("M", QStringLiteral("thread_name"), nullptr, pid, m_ids.laneTid[lane], INT64_MIN);
            m_json.key("args").beginObject().field("name", info(lane).name).field("os_tid", int64_t(info(lane).tid));
            m_json.endObject().endObject();
            metadata("thread_sort_index", pid, m_ids.laneTid[lane], nullptr, QString(), m_ids.laneSort[lane]);
        }
    }

    // Tasks contain their state slices, so that readers nest them.
    void writeTasks()
    {
        for (const TaskRecord &task : m_trace.tasks) {
            if (task.beginNs < 0 || task.lane < 0 || size_t(task.lane) >= m_trace.lanes.size())
                continue;
            slice(size_t(task.lane), task.name, "task", task.beginNs, std::max(task.endNs, task.beginNs));
            m_json.field("task", task.name).field("lane", info(size_t(task.lane)).name);
            m_json.field("outcome", task.endNs >= 0 ? outcomeName(task.outcome) : QStringLiteral("running"));
            endSlice();
        }
    }

    QString objectText(const Segment &s) const
    {
        return s.state == State::JoinWait && size_t(s.object) < m_trace.tasks.size() ? m_trace.tasks[s.object].name
                                                                                     : m_trace.objectName(s.object);
    }

    void writeLane(size_t index)
    {
        const LaneTrack &lane = m_trace.lanes[index];
        LaneSlices(lane).forEach([&](const Segment &s) {
            slice(index, stateName(s.state), "state", s.startNs, s.endNs);
            m_json.field("state", stateName(s.state));
            if (s.task >= 0 && size_t(s.task) < m_trace.tasks.size())
                m_json.field("task", m_trace.tasks[size_t(s.task)].name);
            if (s.object != kNoObject)
                m_json.field("object", objectText(s));
            if (s.state == State::Running && !lane.os.empty())
                m_json.field("cpu", TraceAnalysis::cpuAt(lane, s.startNs + s.durationNs() / 2));
            endSlice();
        });
        for (const Event &mark : lane.marks) {
            if (mark.kind != EventKind::Mark)
                continue;
            const QString text = m_trace.objectName(mark.object);
            begin("i", text, "print", pidOf(lane.info.pid), m_ids.laneTid[index], mark.timeNs);
            m_json.field("s", "t").key("args").beginObject().field("print", text).endObject().endObject();
        }
    }

    // A flow from the state slice `from` of one lane to the state slice `to` of another: each end
    // has its slice's ts and cat, as DevTools binds them; the end binds to its enclosing slice.
    void flow(const QString &name, size_t fromLane, const Segment &from, size_t toLane, const Segment &to)
    {
        ++m_flowId;
        begin("s", name, "state", pidOf(info(fromLane).pid), m_ids.laneTid[fromLane], from.startNs);
        m_json.field("id", m_flowId).endObject();
        begin("f", name, "state", pidOf(info(toLane).pid), m_ids.laneTid[toLane], to.startNs);
        m_json.field("bp", "e").field("id", m_flowId).endObject();
    }

    // Release -> the wait it ended: from the slice that ran up to the release on the releasing
    // lane to the slice in which the waiter has the lock (the one after its wait).
    void writeLockFlows()
    {
        for (const LockHandoff &handoff : m_trace.handoffs) {
            if (handoff.fromLane >= m_trace.lanes.size() || handoff.toLane >= m_trace.lanes.size())
                continue;
            const LaneTrack &releaser = m_trace.lanes[handoff.fromLane];
            const int64_t releasedNs = releaseBefore(releaser, handoff.lock, handoff.acquiredNs);
            const Segment *from = LaneSlices(releaser).endingAt(releasedNs);
            const Segment *to = from
                ? LaneSlices(m_trace.lanes[handoff.toLane]).startingFrom(handoff.acquiredNs, from->startNs)
                : nullptr;
            if (from && to)
                flow(QStringLiteral("lock %1").arg(m_trace.objectName(handoff.lock)), handoff.fromLane, *from,
                    handoff.toLane, *to);
        }
    }

    static int64_t releaseBefore(const LaneTrack &lane, uint32_t lock, int64_t t)
    {
        const auto &events = lane.lockEvents;
        auto it = std::upper_bound(
            events.begin(), events.end(), t, [](int64_t time, const Event &e) { return time < e.timeNs; });
        while (it != events.begin()) {
            --it;
            if (it->kind == EventKind::LockRelease && it->object == lock)
                return it->timeNs;
        }
        return t; // not recorded: the acquire stands for it
    }

    // Finished task -> its result on the main lane: from the task's last slice to the main lane's
    // slice in which the result arrived.
    void writeResultFlows()
    {
        const LaneTrack *main = m_trace.mainLane();
        if (!main)
            return;
        const auto mainIndex = size_t(main - m_trace.lanes.data());
        for (const Event &mark : main->marks) {
            if (mark.kind != EventKind::Result || mark.object >= m_trace.tasks.size())
                continue;
            const TaskRecord &task = m_trace.tasks[mark.object];
            if (task.lane < 0 || size_t(task.lane) >= m_trace.lanes.size() || task.endNs < 0)
                continue;
            const Segment *from = LaneSlices(m_trace.lanes[size_t(task.lane)]).endingAt(task.endNs);
            const Segment *to = from ? LaneSlices(*main).arrivalAt(mark.timeNs, from->startNs) : nullptr;
            if (from && to)
                flow(QStringLiteral("result of %1").arg(task.name), size_t(task.lane), *from, mainIndex, *to);
        }
    }

    void counter(const QString &name, int64_t pid, const std::vector<std::pair<int64_t, int64_t>> &points)
    {
        const size_t step = std::max<size_t>(1, points.size() / ChromeTraceExport::kMaxCounterPoints);
        for (size_t i = 0; i < points.size(); i += step) {
            const auto &[t, value] = points[std::min(points.size() - 1, i + step - 1)];
            begin("C", name, "counter", pid, 0, t);
            m_json.key("args").beginObject().field("value", value).endObject().endObject();
        }
    }

    // Every shared counter's value as written, and the number of running lanes.
    void writeCounters()
    {
        std::map<std::pair<qint64, uint32_t>, std::vector<std::pair<int64_t, int64_t>>> writes;
        for (const LaneTrack &lane : m_trace.lanes) {
            for (const Event &event : lane.counterEvents) {
                if (event.kind == EventKind::CounterWrite)
                    writes[{ lane.info.pid, event.object }].emplace_back(event.timeNs, event.arg);
            }
        }
        for (auto &[key, points] : writes) {
            std::sort(points.begin(), points.end());
            counter(QStringLiteral("counter %1").arg(m_trace.objectName(key.second)), pidOf(key.first), points);
        }
        std::vector<std::pair<int64_t, int64_t>> running;
        for (const ConcurrencyPoint &point : TraceAnalysis::runningLanes(m_trace))
            running.emplace_back(point.timeNs, point.running);
        if (!m_ids.processPids.empty())
            counter(QStringLiteral("running lanes"), 1, running);
    }

    // The OS scheduler's view: a "CPUs" process with a track per CPU, each slice named after the
    // lane whose thread ran there (another process's thread is not named).
    void writeCpus()
    {
        if (m_trace.cpus.empty())
            return;
        const int64_t pid = m_ids.cpusPid;
        metadata(
            "process_name", pid, 0, "name", QStringLiteral("CPUs (%1)").arg(schedSourceName(m_trace.sched.source)));
        metadata("process_sort_index", pid, 0, nullptr, QString(), pid);
        static const char *const ended[] = { "preempted", "blocked", "exited" };
        for (const CpuTrack &cpu : m_trace.cpus) {
            const int64_t tid = m_ids.firstCpuTid + cpu.cpu;
            metadata("thread_name", pid, tid, "name", QStringLiteral("CPU %1").arg(cpu.cpu));
            metadata("thread_sort_index", pid, tid, nullptr, QString(), cpu.cpu);
            for (const CpuSlice &s : cpu.slices) {
                const bool ours = s.lane >= 0 && size_t(s.lane) < m_trace.lanes.size();
                const QString name = ours  ? m_trace.lanes[size_t(s.lane)].info.name
                    : s.lane == kRunThread ? QStringLiteral("ThreadLab (no lane)")
                                           : QStringLiteral("other process");
                sliceOn(pid, tid, name, "cpu", s.startNs, s.endNs);
                m_json.field("cpu", cpu.cpu).field("ended", ended[std::min<size_t>(s.ended, 2)]);
                endSlice();
            }
        }
    }

    const RecordedRun &m_run;
    const Trace &m_trace;
    const ExportIds m_ids;
    JsonStream m_json;
    int64_t m_flowId = 0;
};

} // namespace

int64_t ChromeTraceExport::ticks(int64_t nsSinceOrigin)
{
    // ns * 1024 / 1000 = ns * 128 / 125, rounded down (also below zero); |ns| < 2^55 (over a year).
    constexpr int64_t kLimit = int64_t(1) << 55;
    const int64_t ns = std::clamp(nsSinceOrigin, -kLimit, kLimit);
    const int64_t scaled = ns * 128;
    return scaled >= 0 ? scaled / 125 : -((-scaled + 124) / 125);
}

Result<void> ChromeTraceExport::write(const RecordedRun &recording, QIODevice &out)
{
    if (!ChromeTraceWriter(recording, out).write())
        return Error(Text::tr("cannot write: ") + out.errorString());
    return {};
}

} // namespace threadlab
