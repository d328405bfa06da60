#include "chart/lanelayout.h"

#include "base/coretext.h"
#include "chart/queuepainter.h"
#include "trace/trace.h"

#include <algorithm>
#include <climits>

namespace threadlab {

std::vector<LaneRow> LaneLayout::build(const Trace &trace, qint64 ownPid)
{
    // The run's own process first, then the others in the order they started (their first lane's
    // beginning; lanes not begun yet last, in the order they appeared).
    std::vector<qint64> pids { ownPid };
    std::vector<int64_t> started { INT64_MIN };
    for (const LaneTrack &lane : trace.lanes) {
        const int64_t begin = lane.beginNs >= 0 ? lane.beginNs : INT64_MAX;
        const auto it = std::find(pids.begin(), pids.end(), lane.info.pid);
        if (it == pids.end()) {
            pids.push_back(lane.info.pid);
            started.push_back(begin);
        } else if (it != pids.begin()) {
            int64_t &first = started[size_t(it - pids.begin())];
            first = std::min(first, begin);
        }
    }
    std::vector<size_t> order(pids.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return started[a] < started[b]; });
    std::vector<qint64> byStart;
    byStart.reserve(order.size());
    for (size_t i : order)
        byStart.push_back(pids[i]);
    pids.swap(byStart);
    std::vector<LaneRow> rows;
    int y = 0;
    // Who holds each lock: above the lanes, so that "one at a time" is the first thing one sees.
    if (!trace.locks.empty()) {
        rows.push_back(LaneRow { LaneRow::ProcessHeader, -1, y, kHeaderHeight, Text::tr("locks · who holds each") });
        y += kHeaderHeight;
        for (const auto &[id, lock] : trace.locks) {
            rows.push_back(LaneRow { LaneRow::Lock, int(id), y, kLaneHeight,
                Text::tr("%1 “%2”").arg(
                    id < trace.objects.size() ? objectKindName(trace.objects[id].kind) : QStringLiteral("lock"),
                    trace.objectName(id)) });
            y += kLaneHeight;
        }
    }
    // Each shared counter's value against what it should be: lost updates as a widening gap.
    if (!trace.counters.empty()) {
        rows.push_back(
            LaneRow { LaneRow::ProcessHeader, -1, y, kHeaderHeight, Text::tr("shared counters · value vs expected") });
        y += kHeaderHeight;
        const auto series = trace.counters.all();
        const bool severalProcesses = std::any_of(
            series.begin(), series.end(), [&](const CounterSeries &s) { return s.pid() != series.front().pid(); });
        for (size_t i = 0; i < series.size(); ++i) {
            QString label = Text::tr("counter “%1”").arg(trace.objectName(series[i].counter()));
            if (severalProcesses)
                label += Text::tr(" · pid %1").arg(series[i].pid());
            rows.push_back(LaneRow { LaneRow::Counter, int(i), y, kCounterHeight, label });
            y += kCounterHeight;
        }
    }
    // Each queue's contents over time: every item from the moment it went in until it came out.
    if (!trace.queueStays.all().empty()) {
        rows.push_back(
            LaneRow { LaneRow::ProcessHeader, -1, y, kHeaderHeight, Text::tr("queues · each item from put to get") });
        y += kHeaderHeight;
        for (const QueueStaysSet::Queue &queue : trace.queueStays.all()) {
            const QString kind = queue.queue < trace.objects.size()
                ? queueKindName(trace.objects[queue.queue].queueKind).toUpper()
                : QString();
            const int height = QueuePainter::rowHeight(queue.slots);
            rows.push_back(LaneRow { LaneRow::Queue, int(queue.queue), y, height,
                Text::tr("“%1”\n%2 queue").arg(trace.objectName(queue.queue), kind) });
            y += height;
        }
    }
    for (qint64 pid : pids) {
        std::vector<int> members;
        for (size_t i = 0; i < trace.lanes.size(); ++i) {
            if (trace.lanes[i].info.pid == pid)
                members.push_back(int(i));
        }
        if (members.empty())
            continue;
        // Main first, then in the order of the first task each lane ran (the order the scenario lists
        // them), then lanes that ran no task yet, in the order they appeared.
        std::vector<int> firstTask(trace.lanes.size(), INT_MAX);
        for (size_t task = 0; task < trace.tasks.size(); ++task) {
            const int lane = trace.tasks[task].lane;
            if (lane >= 0 && size_t(lane) < firstTask.size())
                firstTask[size_t(lane)] = std::min(firstTask[size_t(lane)], int(task));
        }
        std::stable_sort(members.begin(), members.end(), [&](int a, int b) {
            const bool mainA = trace.lanes[size_t(a)].info.kind == LaneKind::Main;
            const bool mainB = trace.lanes[size_t(b)].info.kind == LaneKind::Main;
            if (mainA != mainB)
                return mainA;
            return firstTask[size_t(a)] < firstTask[size_t(b)];
        });
        rows.push_back(LaneRow { LaneRow::ProcessHeader, -1, y, kHeaderHeight, processHeader(trace, pid, ownPid) });
        y += kHeaderHeight;
        for (int lane : members) {
            const LaneInfo &info = trace.lanes[size_t(lane)].info;
            QString label = info.name.isEmpty() ? Text::tr("lane %1").arg(lane) : info.name;
            if (info.kind != LaneKind::Process && info.tid)
                label += Text::tr("  ·  tid %1").arg(info.tid);
            rows.push_back(LaneRow { LaneRow::Lane, lane, y, kLaneHeight, label });
            y += kLaneHeight;
        }
    }
    return rows;
}

QString LaneLayout::processHeader(const Trace &trace, qint64 pid, qint64 ownPid)
{
    // A traced program's process: its command line and how it ended; a run's: whose it is.
    if (const TracedProcess *process = trace.process(pid)) {
        // How it ended first: a long command line is cut at its end on a narrow chart.
        const QString ended = process->signal != 0 ? Text::tr("killed by %1 · ").arg(signalName(process->signal))
            : process->exitCode >= 0               ? Text::tr("exited %1 · ").arg(process->exitCode)
                                                   : QString();
        return Text::tr("pid %1 · %2%3").arg(pid).arg(ended, process->command.left(120));
    }
    return pid == ownPid ? Text::tr("pid %1 · this process").arg(pid) : Text::tr("pid %1 · worker process").arg(pid);
}

std::vector<LaneRow> LaneLayout::buildCores(const Trace &trace)
{
    std::vector<LaneRow> rows;
    if (trace.cpus.empty())
        return rows;
    rows.push_back(LaneRow { LaneRow::ProcessHeader, -1, 0, kHeaderHeight,
        trace.sched.source == SchedSource::Sampled
            ? Text::tr("%n CPUs · sampled: this run's threads only", nullptr, int(trace.cpus.size()))
            : Text::tr("%n CPUs · %1 data", nullptr, int(trace.cpus.size()))
                  .arg(schedSourceName(trace.sched.source)) });
    int y = kHeaderHeight;
    // A live run's data reach further than its last event: the load is over what is known.
    int64_t endNs = trace.lastEventNs;
    for (const CpuTrack &track : trace.cpus)
        endNs = track.slices.empty() ? endNs : std::max(endNs, track.slices.back().endNs);
    const double span = double(std::max<int64_t>(1, endNs - trace.originNs));
    for (size_t cpu = 0; cpu < trace.cpus.size(); ++cpu) {
        const CpuTrack &track = trace.cpus[cpu];
        rows.push_back(LaneRow { LaneRow::Cpu, int(cpu), y, kLaneHeight,
            Text::tr("CPU %1  ·  %2% busy").arg(track.cpu).arg(std::lround(100.0 * double(track.busyNs) / span)) });
        y += kLaneHeight;
    }
    return rows;
}

int LaneLayout::contentHeight(const std::vector<LaneRow> &rows)
{
    return rows.empty() ? 0 : rows.back().y + rows.back().height;
}

int LaneLayout::rowAt(const std::vector<LaneRow> &rows, int y)
{
    const auto it
        = std::upper_bound(rows.begin(), rows.end(), y, [](int value, const LaneRow &row) { return value < row.y; });
    if (it == rows.begin())
        return -1;
    const auto row = std::prev(it);
    return y < row->y + row->height ? int(row - rows.begin()) : -1;
}

} // namespace threadlab
