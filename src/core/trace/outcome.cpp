#include "trace/outcome.h"

#include "base/coretext.h"
#include "trace/runsummary.h"

#include <cmath>

namespace threadlab {

QString Outcome::count(int64_t value)
{
    QString digits = QString::number(value < 0 ? -value : value);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QChar(0x00a0));
    return value < 0 ? QChar(0x2212) + digits : digits;
}

namespace {

// A share of ready time says something only where the thread was ready for a while: a thread that
// slept nearly all the run was ready for a few ms, and its share is noise.
bool readyLongEnough(const RunSummary &s, const LaneSchedSummary &lane)
{
    return lane.cpuMs + lane.runnableMs >= std::max(5.0, 0.02 * s.spanMs);
}

} // namespace

QString Outcome::duration(double ms)
{
    if (std::abs(ms) >= 1000)
        return QString::number(ms / 1000, 'f', 2) + Text::tr(" s");
    if (std::abs(ms) >= 10)
        return QString::number(ms, 'f', 0) + Text::tr(" ms");
    return QString::number(ms, 'f', 2) + Text::tr(" ms");
}

QString Outcome::settingsDifference(const QString &now, const QString &before)
{
    // "threads, lock on, GIL off" against "threads, lock on, GIL on": "GIL off (was GIL on)".
    const QStringList a = now.split(QStringLiteral(", "));
    const QStringList b = before.split(QStringLiteral(", "));
    QStringList changed;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString was = i < b.size() ? b[i] : QString();
        if (a[i] != was)
            changed << (was.isEmpty() ? a[i] : Text::tr("%1 (was %2)").arg(a[i], was));
    }
    return changed.isEmpty() ? Text::tr("the same settings") : changed.join(Text::tr(", "));
}

QString Outcome::comparison(
    const RunSummary &now, const QString &nowSettings, const RunSummary &before, const QString &beforeSettings)
{
    if (now.wallMs <= 0 || before.wallMs <= 0 || now.stopped || before.stopped)
        return {};
    // The same lesson: what settings changed; its paired lesson: which lesson, with its settings.
    const QString which = now.scenario == before.scenario
        ? Text::tr("the last run of this lesson (%1)").arg(settingsDifference(nowSettings, beforeSettings))
        : Text::tr("the last run of %1 (%2)").arg(before.scenario, beforeSettings);
    const double ratio = before.wallMs / now.wallMs;
    if (std::abs(ratio - 1) < 0.05)
        return Text::tr("about as fast as %1: %2 against %3").arg(which, duration(now.wallMs), duration(before.wallMs));
    const bool faster = ratio >= 1;
    return (faster ? Text::tr("%1× faster than %2: %3 against %4") : Text::tr("%1× slower than %2: %3 against %4"))
        .arg(QString::number(faster ? ratio : 1 / ratio, 'f', 1), which, duration(now.wallMs), duration(before.wallMs));
}

QStringList Outcome::lines(const RunSummary &s)
{
    QStringList lines;
    if (s.stopped)
        lines << Text::tr("stopped before the end: these figures cover only what ran until then, not the lesson");
    if (s.program.isSet()) {
        lines << Text::tr("the program %1; %n processes", nullptr, int(s.processes.size())).arg(s.program.exitText());
        lines << Text::tr("wall time %1 (first thread seen to last thread gone)").arg(duration(s.wallMs));
    } else {
        lines << Text::tr("wall time %1 (first task start to last task end)").arg(duration(s.wallMs));
    }
    if (s.wallWithStartupMs > 0)
        lines << Text::tr("wall time including starting the worker processes: %1 (first spawn to last task end)")
                     .arg(duration(s.wallWithStartupMs));
    lines << Text::tr("main thread done after %1").arg(duration(s.mainMs));
    if (!s.resultsOrder.isEmpty())
        lines << Text::tr("results arrived in the order %1").arg(s.resultsOrder.join(Text::tr(", ")));
    for (const CounterSummary &c : s.counters) {
        const QString where
            = c.thread.isEmpty() ? Text::tr("pid %1").arg(c.report.pid) : Text::tr("thread %1's copy").arg(c.thread);
        QString line = Text::tr("counter %1 (%2): expected %3, got %4")
                           .arg(c.report.name, where, count(c.report.expected), count(c.report.actual));
        if (c.report.lostUpdates > 0)
            line += Text::tr(": %1 lost updates").arg(count(c.report.lostUpdates));
        lines << line;
    }
    for (const LockSummary &l : s.locks) {
        QString line = Text::tr("%1 “%2”: %3 acquisitions, %4 had to wait (%5 waiting in all, longest %6)")
                           .arg(objectKindName(l.kind), l.name, count(l.acquisitions), count(l.contended),
                               duration(l.waitMsTotal), duration(l.waitMsMax));
        if (l.kind == ObjectKind::RLock)
            line += Text::tr("; taken again by its holder %1 times").arg(count(l.reentries));
        lines << line;
    }
    for (const SyncSummary &w : s.sync) {
        if (w.kind == ObjectKind::Condition)
            lines << Text::tr("condition “%1”: %2 waits (%3 in all), %4 notifies woke %5 waiters")
                         .arg(w.name, count(w.waits), duration(w.waitMsTotal), count(w.notifies),
                             count(w.wokenByNotify));
        else if (w.kind == ObjectKind::Barrier)
            lines << (w.broken > 0 ? Text::tr("barrier “%1”: %2 waits, broken for %3 of them")
                                         .arg(w.name, count(w.waits), count(w.broken))
                                   : Text::tr("barrier “%1”: %2 waits (%3 in all), every one released by the last "
                                              "arrival")
                                         .arg(w.name, count(w.waits), duration(w.waitMsTotal)));
        if (w.timeouts > 0)
            lines << Text::tr("%1 “%2”: %3 waits gave up at their timeout")
                         .arg(objectKindName(w.kind), w.name, count(w.timeouts));
    }
    for (const QueueSummary &q : s.queues)
        lines << Text::tr("%1 queue %2 gave %3").arg(queueKindName(q.kind), q.name, q.gets.join(u' '));
    for (const TaskSummary &task : s.tasks) {
        if (task.outcome == TaskOutcome::CutOff)
            lines << Text::tr("daemon task %1 was cut off at %2, when every other thread had ended")
                         .arg(task.name, duration(task.endMs));
        if (task.outcome == TaskOutcome::Failed)
            lines << Text::tr("task %1 failed: %2")
                         .arg(task.name, task.error.isEmpty() ? Text::tr("its worker died") : task.error);
    }
    if (s.sched.source != SchedSource::Off) {
        QStringList busy;
        for (const CpuSummary &cpu : s.cpus)
            busy << Text::tr("%1%").arg(s.spanMs > 0 ? 100 * cpu.busyMs / s.spanMs : 0, 0, 'f', 0);
        double onCpu = 0;
        double waiting = 0;
        for (const LaneSchedSummary &lane : s.laneSched) {
            onCpu += lane.cpuMs;
            waiting += lane.runnableMs;
        }
        lines << Text::tr("OS scheduler (%1): %2 CPUs busy %3; the %4 threads and processes spent %5 on a CPU "
                          "and %6 ready but waiting for one (Runnable), added up")
                     .arg(schedSourceName(s.sched.source))
                     .arg(s.sched.cpuCount)
                     .arg(busy.join(Text::tr(", ")))
                     .arg(s.laneSched.size())
                     .arg(duration(onCpu), duration(waiting));
        // The share of its ready time each thread waited for a CPU, as a range (the table has each).
        int fewest = 101;
        int most = -1;
        for (qsizetype i = 0; i < s.lanes.size() && size_t(i) < s.laneSched.size(); ++i) {
            const LaneSchedSummary &lane = s.laneSched[size_t(i)];
            if (s.lanes[i].kind == LaneKind::Main || !readyLongEnough(s, lane))
                continue;
            const int share = int(std::lround(100 * lane.runnableMs / (lane.cpuMs + lane.runnableMs)));
            fewest = std::min(fewest, share);
            most = std::max(most, share);
        }
        if (most >= 0)
            lines << (fewest == most
                    ? Text::tr("the threads waited for a CPU %1% of the time they were ready").arg(most)
                    : Text::tr("the threads waited for a CPU %1–%2% of the time they were ready")
                          .arg(fewest)
                          .arg(most));
        if (s.sched.lost > 0)
            lines << Text::tr("%1 scheduler records were lost: the Runnable and CPU data have gaps")
                         .arg(count(int64_t(s.sched.lost)));
        if (s.sched.movedEvents > 0)
            lines << Text::tr("%1 state changes reached the chart over 50 ms late, after the live OS refinement had "
                              "passed them: each is drawn at the moment that refinement had reached")
                         .arg(count(int64_t(s.sched.movedEvents)));
    }
    if (s.eventsDropped > 0)
        lines << Text::tr("%1 events were dropped (buffers full): the chart misses them")
                     .arg(count(int64_t(s.eventsDropped)));
    return lines;
}

QStringList Outcome::deadlockLines(const RunSummary &s)
{
    if (!s.deadlock.found)
        return {};
    QStringList lines;
    lines << (s.deadlock.cycle
            ? Text::tr("Deadlock at %1: the threads wait for each other, so none can ever go on. ThreadLab stopped "
                       "the run there; everything up to it is kept.")
                  .arg(duration(s.deadlock.detectedMs))
            : Text::tr("Deadlock at %1: these wait for something no thread can still do. ThreadLab stopped the run "
                       "there; everything up to it is kept.")
                  .arg(duration(s.deadlock.detectedMs)));
    lines << s.deadlock.sentences;
    return lines;
}

std::vector<QStringList> Outcome::potentialDeadlockLines(const RunSummary &s)
{
    std::vector<QStringList> all;
    for (const PotentialDeadlockSummary &p : s.potentialDeadlocks) {
        QStringList lines;
        const QString lanes = p.lanes.size() <= 2
            ? p.lanes.join(Text::tr(" and "))
            : p.lanes.mid(0, p.lanes.size() - 1).join(Text::tr(", ")) + Text::tr(" and ") + p.lanes.last();
        lines << (p.locks.size() == 2
                ? Text::tr("Potential deadlock: %1 took the locks %2 in opposite orders. This run got through; "
                           "another can deadlock. Take them in one order everywhere (Lock ordering).")
                : Text::tr("Potential deadlock: %1 took the locks %2 in orders that form a cycle. This run got "
                           "through; another can deadlock. Take them in one order everywhere (Lock ordering)."))
                     .arg(lanes, p.locks.join(Text::tr(", ")));
        lines << p.steps;
        all.push_back(lines);
    }
    return all;
}

QString Outcome::schedTableCaption()
{
    return Text::tr("Per thread: time on a CPU; time Runnable (ready, waiting for a CPU); the share of its ready "
                    "time it waited; context switches, blocked / preempted; moves to another CPU.");
}

std::vector<QStringList> Outcome::schedTable(const RunSummary &s, int maxRows)
{
    std::vector<QStringList> rows;
    if (s.sched.source == SchedSource::Off)
        return rows;
    rows.push_back({ Text::tr("thread"), Text::tr("on CPU"), Text::tr("Runnable"), Text::tr("waited"),
        Text::tr("switches"), Text::tr("moves") });
    int shown = 0;
    int more = 0;
    for (qsizetype i = 0; i < s.lanes.size() && size_t(i) < s.laneSched.size(); ++i) {
        const LaneSchedSummary &lane = s.laneSched[size_t(i)];
        if (lane.cpuMs + lane.runnableMs <= 0)
            continue;
        if (shown == maxRows) {
            ++more;
            continue;
        }
        ++shown;
        rows.push_back({ s.lanes[i].name, duration(lane.cpuMs), duration(lane.runnableMs),
            readyLongEnough(s, lane)
                ? Text::tr("%1%").arg(std::lround(100 * lane.runnableMs / (lane.cpuMs + lane.runnableMs)))
                : Text::tr("—"),
            Text::tr("%1 / %2").arg(count(lane.voluntary), count(lane.involuntary)), count(lane.migrations) });
    }
    if (more > 0)
        rows.push_back({ Text::tr("… %n more", nullptr, more) });
    return rows;
}

} // namespace threadlab
