#include "chart/gantthit.h"

#include "base/clock.h"
#include "base/coretext.h"
#include "chart/lockpainter.h"
#include "chart/queuepainter.h"
#include "chart/timeaxis.h"
#include "trace/counterseries.h"
#include "trace/outcome.h"
#include "trace/schedrecord.h"
#include "trace/segment.h"
#include "trace/trace.h"
#include "trace/traceanalysis.h"

#include <algorithm>

namespace threadlab {

namespace {

const Event *nearest(std::span<const Event> events, int64_t t, int64_t tolerance)
{
    const auto window = Trace::eventsIn(events, t - tolerance, t + tolerance + 1);
    const Event *best = nullptr;
    for (const Event &event : window) {
        if (event.kind == EventKind::Woken)
            continue; // not drawn: its wait's tooltip and click tell who woke it
        if (!best || std::abs(event.timeNs - t) < std::abs(best->timeNs - t))
            best = &event;
    }
    return best;
}

QString ms(int64_t ns)
{
    return TimeAxis::format(ns, std::max<int64_t>(1, std::abs(ns) / 1000));
}

QString laneName(const Trace &trace, int64_t lane)
{
    return lane >= 0 && size_t(lane) < trace.lanes.size() ? trace.lanes[size_t(lane)].info.name
                                                          : Text::tr("lane %1").arg(lane);
}

} // namespace

GanttHit GanttHit::at(const Trace &trace, int lane, int64_t t, int64_t toleranceNs, int64_t nowNs)
{
    GanttHit hit;
    if (lane < 0 || size_t(lane) >= trace.lanes.size())
        return hit;
    hit.lane = lane;
    hit.atNs = t;
    const LaneTrack &track = trace.lanes[size_t(lane)];
    if (const Event *mark = nearest(track.marks, t, toleranceNs)) {
        hit.kind = MarkHit;
        hit.event = *mark;
        return hit;
    }
    if (const Event *lost = nearest(track.lostUpdates, t, toleranceNs)) {
        hit.kind = LostUpdateHit;
        hit.event = *lost;
        return hit;
    }
    const auto &segments = track.segments;
    const auto it = std::upper_bound(
        segments.begin(), segments.end(), t, [](int64_t time, const Segment &s) { return time < s.startNs; });
    if (it != segments.begin() && t < std::prev(it)->endNs) {
        hit.kind = SegmentHit;
        hit.segment = *std::prev(it);
        return hit;
    }
    if (track.hasOpenSegment && t >= track.open.startNs && t <= std::max(nowNs, track.open.endNs)) {
        hit.kind = SegmentHit;
        hit.segment = track.open;
        hit.segment.endNs = std::max(nowNs, track.open.endNs);
        hit.open = true;
    }
    return hit;
}

GanttHit GanttHit::atCpu(const Trace &trace, int cpu, int64_t t)
{
    GanttHit hit;
    if (cpu < 0 || size_t(cpu) >= trace.cpus.size())
        return hit;
    const auto &slices = trace.cpus[size_t(cpu)].slices;
    const auto it = std::upper_bound(
        slices.begin(), slices.end(), t, [](int64_t time, const CpuSlice &s) { return time < s.startNs; });
    if (it == slices.begin() || t >= std::prev(it)->endNs)
        return hit;
    hit.kind = CpuSliceHit;
    hit.cpu = cpu;
    hit.cpuSlice = *std::prev(it);
    hit.lane = hit.cpuSlice.lane;
    hit.atNs = t;
    return hit;
}

GanttHit GanttHit::atLock(const Trace &trace, uint32_t lock, int64_t t)
{
    GanttHit hit;
    hit.kind = LockRowHit;
    hit.lock = lock;
    hit.atNs = t;
    hit.lane = LockPainter::holderAt(trace, lock, t, &hit.segment.startNs, &hit.segment.endNs);
    return hit;
}

GanttHit GanttHit::atCounter(const Trace &trace, int counter, int64_t t, int64_t toleranceNs)
{
    GanttHit hit;
    if (counter < 0 || size_t(counter) >= trace.counters.all().size())
        return hit;
    hit.kind = CounterRowHit;
    hit.counter = counter;
    hit.atNs = t;
    const CounterSeries &series = trace.counters.all()[size_t(counter)];
    const CounterPoint *best = nullptr;
    for (const CounterPoint &point : series.in(t - toleranceNs, t + toleranceNs + 1)) {
        if (series.isLost(point) && (!best || std::abs(point.timeNs - t) < std::abs(best->timeNs - t)))
            best = &point;
    }
    hit.lostWriteNs = best ? best->timeNs : -1;
    return hit;
}

GanttHit GanttHit::atQueue(const Trace &trace, uint32_t queue, int64_t t, int y, int barHeight)
{
    GanttHit hit;
    hit.kind = QueueRowHit;
    hit.queue = queue;
    hit.atNs = t;
    hit.event.object = kNoObject;
    if (const QueueStay *stay = QueuePainter::stayAt(trace, queue, t, y, barHeight)) {
        hit.event.object = stay->item;
        hit.putNs = stay->putNs;
    }
    return hit;
}

QString GanttHit::describeLostWrite(const Trace &trace, const CounterSeries &series, const CounterPoint &write)
{
    // Who read what, who wrote over whom, and the values: the race in words.
    QStringList lines;
    const QString writer = laneName(trace, write.lane).toHtmlEscaped();
    const auto erased = series.overwrittenBy(write);
    // The update it made is what it added to the expected value; it read the value minus that.
    const int64_t before = &write == series.points().data() ? 0 : (&write - 1)->expected;
    const int64_t read = counterStep(write.value, counterStep(write.expected, before));
    lines << Text::tr("%1 read %2 at %3 and wrote %4 at %5")
                 .arg(writer, Outcome::count(read), ms(write.readNs - trace.originNs), Outcome::count(write.value),
                     ms(write.timeNs - trace.originNs));
    constexpr size_t kNamed = 4;
    for (size_t i = 0; i < erased.size() && i < kNamed; ++i)
        lines << Text::tr("&nbsp;&nbsp;over %1's write of %2 at %3: that update was lost")
                     .arg(laneName(trace, erased[i].lane).toHtmlEscaped(), Outcome::count(erased[i].value),
                         ms(erased[i].timeNs - trace.originNs));
    if (erased.size() > kNamed)
        lines << Text::tr("&nbsp;&nbsp;… and %n more writes of other threads", nullptr, int(erased.size() - kNamed));
    lines
        << Text::tr("after it: value %1, expected %2").arg(Outcome::count(write.value), Outcome::count(write.expected));
    return lines.join(QStringLiteral("<br>"));
}

QString GanttHit::describe(const Trace &trace, const GanttHit &hit)
{
    if (hit.kind == None)
        return {};
    if (hit.kind == QueueRowHit) {
        QStringList lines;
        lines
            << QStringLiteral("<b>%1</b>").arg(Text::tr("queue “%1”").arg(trace.objectName(hit.queue)).toHtmlEscaped());
        const QueueStaysSet::Queue *queue = trace.queueStays.find(hit.queue);
        const auto in
            = queue ? QueueStaysSet::overlapping(*queue, hit.atNs, hit.atNs + 1) : std::vector<const QueueStay *> {};
        int count = 0;
        for (const QueueStay *stay : in)
            count += stay->putNs <= hit.atNs ? 1 : 0;
        lines << Text::tr("%n item(s) in it at %1", nullptr, count).arg(ms(hit.atNs - trace.originNs));
        for (const QueueStay *stay : in) {
            if (stay->item != hit.event.object || stay->putNs != hit.putNs)
                continue;
            lines << Text::tr("“%1” put by %2 at %3")
                         .arg(trace.objectName(stay->item).toHtmlEscaped(),
                             laneName(trace, stay->putLane).toHtmlEscaped(), ms(stay->putNs - trace.originNs));
            lines << (stay->gotNs == INT64_MAX
                    ? Text::tr("still in the queue")
                    : Text::tr("taken out by %1 at %2, %3 later")
                          .arg(laneName(trace, stay->gotLane).toHtmlEscaped(), ms(stay->gotNs - trace.originNs),
                              ms(stay->gotNs - stay->putNs)));
        }
        return lines.join(QStringLiteral("<br>"));
    }
    if (hit.kind == CounterRowHit) {
        const CounterSeries &series = trace.counters.all()[size_t(hit.counter)];
        QStringList lines;
        lines << QStringLiteral("<b>%1</b>")
                     .arg(Text::tr("counter “%1”").arg(trace.objectName(series.counter())).toHtmlEscaped());
        // (A live series rebuilt since the hit test may not have that write any more.)
        if (const CounterPoint *write = hit.lostWriteNs >= 0 ? series.at(hit.lostWriteNs) : nullptr;
            write && write->timeNs == hit.lostWriteNs) {
            lines << Text::tr("<span style='color:#c00'>a write that lost updates</span>");
            lines << describeLostWrite(trace, series, *write);
            return lines.join(QStringLiteral("<br>"));
        }
        const CounterPoint *point = series.at(hit.atNs);
        if (!point) {
            lines << Text::tr("not updated yet at %1").arg(ms(hit.atNs - trace.originNs));
            return lines.join(QStringLiteral("<br>"));
        }
        lines << Text::tr("at %1: value %2, expected %3")
                     .arg(ms(hit.atNs - trace.originNs), Outcome::count(point->value), Outcome::count(point->expected));
        lines << Text::tr("%n writes lost other threads' updates so far", nullptr, int(point->lostWrites));
        lines << Text::tr("solid: the value; dashed: the sum of every update made; shaded: what was lost");
        return lines.join(QStringLiteral("<br>"));
    }
    if (hit.kind == LockRowHit) {
        QStringList lines;
        const ObjectKind kind = hit.lock < trace.objects.size() ? trace.objects[hit.lock].kind : ObjectKind::Lock;
        lines << QStringLiteral("<b>%1</b>")
                     .arg(Text::tr("%1 “%2”").arg(objectKindName(kind), trace.objectName(hit.lock)).toHtmlEscaped());
        if (hit.lane >= 0)
            lines << Text::tr("held by %1 from %2 for %3")
                         .arg(laneName(trace, hit.lane).toHtmlEscaped(), ms(hit.segment.startNs - trace.originNs),
                             ms(hit.segment.endNs - hit.segment.startNs));
        else
            lines << Text::tr("free at %1").arg(ms(hit.atNs - trace.originNs));
        if (const auto it = trace.locks.find(hit.lock); it != trace.locks.end() && trace.lastEventNs > trace.originNs) {
            const double share = double(it->second.holdNsTotal) / double(trace.lastEventNs - trace.originNs);
            if (kind == ObjectKind::Semaphore)
                lines << Text::tr("on average %1 of its %2 places were taken (each holder a share of the row); %3 "
                                  "acquisitions")
                             .arg(share, 0, 'f', 1)
                             .arg(trace.objects[hit.lock].value)
                             .arg(Outcome::count(it->second.acquisitions));
            else
                lines << Text::tr("held %1% of the run, by one lane at a time; %2 acquisitions")
                             .arg(std::lround(100.0 * share))
                             .arg(Outcome::count(it->second.acquisitions));
        }
        return lines.join(QStringLiteral("<br>"));
    }
    if (hit.kind == CpuSliceHit) {
        const CpuSlice &s = hit.cpuSlice;
        QStringList lines;
        lines << QStringLiteral("<b>%1</b>").arg(Text::tr("CPU %1").arg(trace.cpus[size_t(hit.cpu)].cpu));
        lines << (s.lane >= 0          ? Text::tr("ran %1").arg(laneName(trace, s.lane).toHtmlEscaped())
                : s.lane == kRunThread ? Text::tr("ran one of ThreadLab's own threads (no lane: collector, sampler…)")
                                       : Text::tr("ran a thread of another process"));
        lines << Text::tr("from %1 for %2").arg(ms(s.startNs - trace.originNs), ms(s.endNs - s.startNs));
        if (s.lane >= 0 && size_t(s.lane) < trace.lanes.size()) {
            // Where the thread ran before this slice.
            const OsSlice *before = TraceAnalysis::lastOnCpuBefore(trace.lanes[size_t(s.lane)], s.startNs);
            if (before && before->cpu != trace.cpus[size_t(hit.cpu)].cpu)
                lines << Text::tr("came from CPU %1: the kernel moved it").arg(before->cpu);
        }
        const auto left = SchedRecord::Left(s.ended);
        lines << (left == SchedRecord::Left::Preempted ? Text::tr("ended: preempted (still ready to run)")
                : left == SchedRecord::Left::Exited    ? Text::tr("ended: the thread exited")
                                                       : Text::tr("ended: it blocked (sleep, lock, I/O, join…)"));
        return lines.join(QStringLiteral("<br>"));
    }
    QStringList lines;
    lines << QStringLiteral("<b>%1</b>").arg(laneName(trace, hit.lane).toHtmlEscaped());
    auto taskName = [&](int task) {
        return task >= 0 && size_t(task) < trace.tasks.size() ? trace.tasks[size_t(task)].name : QString();
    };
    if (hit.kind == SegmentHit) {
        const Segment &s = hit.segment;
        lines << QStringLiteral("%1%2").arg(stateName(s.state), hit.open ? Text::tr(" (now)") : QString());
        lines << Text::tr("from %1 for %2").arg(ms(s.startNs - trace.originNs), ms(s.durationNs()));
        if (const QString task = taskName(s.task); !task.isEmpty())
            lines << Text::tr("task: %1").arg(task.toHtmlEscaped());
        if (const Event *got = TraceAnalysis::itemWorkedOn(trace, trace.lanes[size_t(hit.lane)], s))
            lines << Text::tr("working on %1 (taken from queue “%2” at %3)")
                         .arg(trace.objectName(uint32_t(got->arg)).toHtmlEscaped(),
                             trace.objectName(got->object).toHtmlEscaped(), ms(got->timeNs - trace.originNs));
        if (s.task >= 0 && size_t(s.task) < trace.tasks.size()
            && trace.tasks[size_t(s.task)].outcome == TaskOutcome::Failed)
            lines << Text::tr("<span style='color:#7f0000'>task failed: %1</span>")
                         .arg(trace.tasks[size_t(s.task)].error.toHtmlEscaped());
        if (s.state == State::IoWait)
            lines << (s.arg == SegmentDetail::kReceiving ? Text::tr("receiving the response")
                                                         : Text::tr("connecting, waiting for the first byte"));
        if (s.state == State::JoinWait && !trace.processes.empty()) {
            // A traced program's join: the thread is in wait4 or waitid.
            // Its object is the task (= lane) of the child's main thread, when it waits for one.
            const qint64 child = s.object < trace.lanes.size() ? trace.lanes[s.object].info.pid : 0;
            lines << (child > 0 ? Text::tr("waiting for process %1 (%2) to exit")
                                      .arg(child)
                                      .arg(taskName(int(s.object)).toHtmlEscaped())
                                : Text::tr("waiting for any child process to exit"));
            lines << Text::tr("rule: wait4/waitid → join (/proc syscall)");
        } else if (s.state == State::JoinWait) {
            // What it waits for at this moment: the target changes as tasks finish.
            const int64_t at = std::clamp(hit.atNs, s.startNs, std::max(s.startNs, s.endNs - 1));
            int finished = 0;
            for (const TaskRecord &task : trace.tasks)
                finished += task.endNs >= 0 && task.endNs <= at ? 1 : 0;
            const int total = int(trace.tasks.size());
            if (s.object != kNoObject)
                lines << Text::tr("waiting for %1 to finish (%2 of %3 tasks had finished by then)")
                             .arg(taskName(int(s.object)).toHtmlEscaped())
                             .arg(finished)
                             .arg(total);
            else
                lines << Text::tr("waiting for whichever task finishes next (%1 of %2 had finished by then)")
                             .arg(finished)
                             .arg(total);
        } else if (s.object != kNoObject) {
            if (size_t(s.object) < trace.objects.size())
                lines << Text::tr("%1: %2").arg(
                    objectKindName(trace.objects[s.object].kind), trace.objectName(s.object).toHtmlEscaped());
        }
        if (s.state == State::Running && s.arg == SegmentDetail::kHoldingGil)
            lines << Text::tr("holding the GIL");
        if (s.state == State::Starting && !trace.processes.empty())
            lines << Text::tr("the program being started: fork, exec and loading, until ThreadLab first looked at it");
        else if (s.state == State::Starting)
            lines << Text::tr("the worker process being started: fork, exec, its own start-up and the hello, until "
                              "it began this lane");
        if (s.state == State::Runnable)
            lines << Text::tr("ready to run, but the kernel had no CPU for it: others ran meanwhile");
        if (s.state == State::Running && trace.sched.source != SchedSource::Off) {
            // Which CPU it was on where the pointer is.
            const int cpu
                = TraceAnalysis::cpuAt(trace.lanes[size_t(hit.lane)], std::clamp(hit.atNs, s.startNs, s.endNs - 1));
            if (cpu >= 0)
                lines << Text::tr("on CPU %1 (%2)").arg(cpu).arg(schedSourceName(trace.sched.source));
        }
        if (s.state == State::ConditionWait || s.state == State::BarrierWait) {
            const auto ender = TraceAnalysis::waitEnder(trace, hit.lane, s);
            if (ender)
                lines << (s.state == State::ConditionWait
                        ? Text::tr("woken by %1's notify at %2 (click to see)")
                        : Text::tr("released when %1 arrived, the last of the parties, at %2 (click to see)"))
                             .arg(laneName(trace, ender->lane).toHtmlEscaped(), ms(ender->startNs - trace.originNs));
            else if (!hit.open)
                lines << Text::tr(
                    "the wait ended without a wake-up: it timed out, the barrier broke or the run stopped");
        }
        if (s.state == State::LockWait || s.state == State::SemaphoreWait) {
            // The same holder a click highlights: the lane whose release ended this wait; and, if
            // another held the lock when the wait began, that one too.
            const auto hold = TraceAnalysis::lockHolder(trace, hit.lane, s);
            if (hold)
                lines << (hit.open ? Text::tr("held by %1 (click to see)")
                                   : Text::tr("the wait ended when %1 released it (click to see)"))
                             .arg(laneName(trace, hold->lane).toHtmlEscaped());
            if (s.arg >= 0 && (!hold || hold->lane != int(s.arg)))
                lines << Text::tr("held by %1 when the wait began").arg(laneName(trace, s.arg).toHtmlEscaped());
        }
    } else if (hit.kind == LostUpdateHit) {
        lines << Text::tr("<span style='color:#c00'>lost update</span> of %1 at %2")
                     .arg(trace.objectName(hit.event.object).toHtmlEscaped(), ms(hit.event.timeNs - trace.originNs));
        const CounterSeries *series
            = hit.lane >= 0 ? trace.counters.find(hit.event.object, trace.lanes[size_t(hit.lane)].info.pid) : nullptr;
        // The write it belongs to: this lane's last write before it.
        const CounterPoint *write = series ? series->lastWriteOf(uint32_t(hit.lane), hit.event.timeNs) : nullptr;
        if (write && series->isLost(*write))
            lines << describeLostWrite(trace, *series, *write);
        else
            lines << Text::tr("this write erased %n update(s) made by other threads", nullptr, int(hit.event.arg));
    } else {
        const Event &e = hit.event;
        const QString at = ms(e.timeNs - trace.originNs);
        switch (e.kind) {
        case EventKind::Mark:
            lines << Text::tr("print \"%1\" at %2").arg(trace.objectName(e.object).toHtmlEscaped(), at);
            break;
        case EventKind::Result: {
            const auto &order = trace.resultsOrder;
            const auto position = std::find(order.begin(), order.end(), int(e.object)) - order.begin() + 1;
            lines << Text::tr("result #%1: %2 at %3").arg(position).arg(taskName(int(e.object)).toHtmlEscaped(), at);
            if (e.object < trace.tasks.size() && trace.tasks[e.object].lane >= 0 && trace.tasks[e.object].endNs >= 0)
                lines << Text::tr("produced by %1, which finished it at %2 (click to see)")
                             .arg(laneName(trace, trace.tasks[e.object].lane).toHtmlEscaped(),
                                 ms(trace.tasks[e.object].endNs - trace.originNs));
            break;
        }
        case EventKind::QueuePut:
        case EventKind::QueueGet:
            lines << Text::tr("%1 %2 %3 queue %4 at %5")
                         .arg(e.kind == EventKind::QueuePut ? QStringLiteral("put") : QStringLiteral("got"),
                             trace.objectName(uint32_t(e.arg)).toHtmlEscaped(),
                             e.kind == EventKind::QueuePut ? QStringLiteral("into") : QStringLiteral("from"),
                             trace.objectName(e.object).toHtmlEscaped(), at);
            break;
        case EventKind::EventSet:
        case EventKind::EventClear:
            lines << Text::tr("%1 the event “%2” at %3")
                         .arg(e.kind == EventKind::EventSet ? QStringLiteral("set") : QStringLiteral("cleared"),
                             trace.objectName(e.object).toHtmlEscaped(), at);
            break;
        case EventKind::WaitTimeout:
            if (e.arg == 1)
                lines << Text::tr("the barrier “%1” was broken: the wait came back at %2 and the task went on")
                             .arg(trace.objectName(e.object).toHtmlEscaped(), at);
            else
                lines << Text::tr("gave up waiting for %1 “%2” at %3 (its timeout): the task went on")
                             .arg(e.object < trace.objects.size() ? objectKindName(trace.objects[e.object].kind)
                                                                  : QString(),
                                 trace.objectName(e.object).toHtmlEscaped(), at);
            break;
        case EventKind::Notify:
            lines << Text::tr("notify on the condition “%1” at %2: woke %n waiter(s)", nullptr, int(e.arg))
                         .arg(trace.objectName(e.object).toHtmlEscaped(), at);
            break;
        default:
            lines << at;
            break;
        }
    }
    return lines.join(QStringLiteral("<br>"));
}

} // namespace threadlab
