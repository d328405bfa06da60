#include "trace/runsummary.h"

#include "base/clock.h"
#include "trace/recordedrun.h"

#include <QJsonArray>
#include <algorithm>
#include <limits>

namespace threadlab {

namespace {

struct Sources
{
    const Scenario &scenario;
    const Trace &trace;
    std::vector<CounterReport> counters;
    QStringList errors;
    uint64_t recorded;
    uint64_t dropped;
};

RunSummary summarise(const Sources &sources);

} // namespace

RunSummary RunSummary::from(const RecordedRun &recording)
{
    RunSummary s = summarise(Sources { recording.scenario, recording.trace, recording.counters, recording.errors,
        recording.eventsRecorded, recording.eventsDropped });
    // A run that deadlocked was stopped by ThreadLab, not by the user: it is reported as deadlocked.
    s.stopped = recording.stopped
        || (!recording.trace.deadlock.found && std::any_of(s.tasks.begin(), s.tasks.end(), [](const TaskSummary &task) {
               return task.outcome == TaskOutcome::Cancelled;
           }));
    s.program = recording.program;
    s.processes = recording.trace.processes;
    return s;
}

namespace {

RunSummary summarise(const Sources &sources)
{
    const Scenario &scenario = sources.scenario;
    const Trace &trace = sources.trace;
    auto ms = [&](int64_t ns) { return nsToMs(ns - trace.originNs); };
    RunSummary s;
    s.scenario = scenario.id;
    s.title = scenario.title;
    s.executor = scenario.executor.kind;
    s.workers = scenario.executor.workers;
    s.lock = scenario.options.lock;
    s.gil = scenario.options.gil;
    s.ordering = scenario.options.ordering;

    int64_t first = std::numeric_limits<int64_t>::max();
    int64_t last = std::numeric_limits<int64_t>::min();
    for (size_t i = 0; i < trace.tasks.size(); ++i) {
        const TaskRecord &record = trace.tasks[i];
        TaskSummary task;
        task.id = int(i);
        task.name = record.name;
        task.lane = record.lane;
        task.ran = record.beginNs >= 0;
        task.outcome = record.outcome;
        task.error = record.error;
        if (task.ran) {
            task.startMs = ms(record.beginNs);
            task.endMs = record.endNs >= 0 ? ms(record.endNs) : task.startMs;
            first = std::min(first, record.beginNs);
            last = std::max(last, record.endNs >= 0 ? record.endNs : record.beginNs);
        }
        for (size_t state = 0; state < record.stateNs.size(); ++state)
            task.stateMs[state] = nsToMs(record.stateNs[state]);
        s.tasks.push_back(task);
    }
    s.wallMs = first <= last ? nsToMs(last - first) : 0;
    // With worker processes, the time from the first spawn: a lane that began Starting.
    int64_t spawned = INT64_MAX;
    for (const LaneTrack &lane : trace.lanes) {
        const Segment *firstSegment = !lane.segments.empty() ? lane.segments.data()
            : lane.hasOpenSegment                            ? &lane.open
                                                             : nullptr;
        if (firstSegment && firstSegment->state == State::Starting)
            spawned = std::min(spawned, firstSegment->startNs);
    }
    s.wallWithStartupMs = spawned <= last ? nsToMs(last - spawned) : 0;
    if (const LaneTrack *main = trace.mainLane(); main && main->endNs >= 0)
        s.mainMs = ms(main->endNs);

    for (const LaneTrack &lane : trace.lanes) {
        s.lanes << lane.info;
        for (const Event &event : lane.marks) {
            if (event.kind == EventKind::Mark)
                s.prints.push_back(PrintSummary { ms(event.timeNs), lane.info.name, trace.objectName(event.object) });
        }
    }
    std::stable_sort(s.prints.begin(), s.prints.end(),
        [](const PrintSummary &a, const PrintSummary &b) { return a.timeMs < b.timeMs; });
    for (int instance : trace.resultsOrder)
        s.resultsOrder << trace.tasks.at(size_t(instance)).name;
    for (const auto &[id, lock] : trace.locks)
        s.locks.push_back(LockSummary { lock.name,
            id < trace.objects.size() ? trace.objects[id].kind : ObjectKind::Lock, lock.acquisitions, lock.contended,
            nsToMs(lock.waitNsTotal), nsToMs(lock.waitNsMax), nsToMs(lock.holdNsTotal), lock.reentries });
    s.sync = SyncSummary::from(trace);
    s.deadlock = DeadlockSummary::from(trace);
    s.potentialDeadlocks = PotentialDeadlockSummary::from(trace);
    for (const CounterReport &report : sources.counters)
        s.counters.push_back(CounterSummary { report, trace.laneName(report.lane) });

    // Queue traffic in time order across lanes.
    for (size_t id = 0; id < trace.objects.size(); ++id) {
        if (trace.objects[id].kind != ObjectKind::Queue)
            continue;
        std::vector<std::pair<int64_t, Event>> traffic;
        for (const LaneTrack &lane : trace.lanes) {
            for (const Event &event : lane.marks) {
                if ((event.kind == EventKind::QueuePut || event.kind == EventKind::QueueGet) && event.object == id)
                    traffic.emplace_back(event.timeNs, event);
            }
        }
        std::stable_sort(
            traffic.begin(), traffic.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        QueueSummary queue { trace.objects[id].name, trace.objects[id].queueKind, {}, {} };
        for (const auto &[time, event] : traffic)
            (event.kind == EventKind::QueuePut ? queue.puts : queue.gets) << trace.objectName(uint32_t(event.arg));
        s.queues.push_back(queue);
    }
    s.eventsRecorded = sources.recorded;
    s.eventsDropped = sources.dropped;
    s.errors = sources.errors;
    s.sched = trace.sched;
    s.spanMs = nsToMs(trace.lastEventNs - trace.originNs);
    if (trace.sched.source != SchedSource::Off) {
        for (const LaneTrack &lane : trace.lanes)
            s.laneSched.push_back(LaneSchedSummary { nsToMs(lane.sched.cpuNs), nsToMs(lane.sched.runnableNs),
                lane.sched.voluntary, lane.sched.involuntary, lane.sched.migrations });
        for (const CpuTrack &cpu : trace.cpus)
            s.cpus.push_back(CpuSummary { cpu.cpu, nsToMs(cpu.busyNs) });
    }
    return s;
}

} // namespace

QJsonObject RunSummary::toJson() const
{
    QJsonArray lanesJson;
    for (qsizetype i = 0; i < lanes.size(); ++i) {
        const LaneInfo &lane = lanes[i];
        QJsonObject laneJson { { QStringLiteral("id"), int(lane.id) },
            { QStringLiteral("kind"), laneKindName(lane.kind) }, { QStringLiteral("pid"), lane.pid },
            { QStringLiteral("tid"), lane.tid }, { QStringLiteral("name"), lane.name },
            { QStringLiteral("parent"), lane.parent } };
        if (size_t(i) < laneSched.size()) {
            const LaneSchedSummary &os = laneSched[size_t(i)];
            laneJson.insert(QStringLiteral("cpu_ms"), roundedMs(os.cpuMs));
            laneJson.insert(QStringLiteral("runnable_ms"), roundedMs(os.runnableMs));
            laneJson.insert(QStringLiteral("switches"),
                QJsonObject { { QStringLiteral("voluntary"), qint64(os.voluntary) },
                    { QStringLiteral("involuntary"), qint64(os.involuntary) } });
            laneJson.insert(QStringLiteral("migrations"), qint64(os.migrations));
        }
        lanesJson.append(laneJson);
    }
    QJsonArray cpusJson;
    for (const CpuSummary &cpu : cpus)
        cpusJson.append(
            QJsonObject { { QStringLiteral("cpu"), cpu.cpu }, { QStringLiteral("busy_ms"), roundedMs(cpu.busyMs) } });
    QJsonArray tasksJson;
    for (const TaskSummary &task : tasks) {
        QJsonObject states;
        for (State state : allStates()) {
            const double value = task.stateMs[size_t(state)];
            if (value > 0)
                states.insert(stateName(state), roundedMs(value));
        }
        QJsonObject taskJson { { QStringLiteral("id"), task.id }, { QStringLiteral("name"), task.name },
            { QStringLiteral("lane"), task.lane }, { QStringLiteral("start_ms"), roundedMs(task.startMs) },
            { QStringLiteral("end_ms"), roundedMs(task.endMs) },
            { QStringLiteral("outcome"), task.ran ? outcomeName(task.outcome) : QStringLiteral("not run") },
            { QStringLiteral("state_ms"), states } };
        if (!task.error.isEmpty())
            taskJson.insert(QStringLiteral("error"), task.error);
        tasksJson.append(taskJson);
    }
    QJsonArray locksJson;
    for (const LockSummary &lock : locks) {
        QJsonObject lockJson { { QStringLiteral("name"), lock.name },
            { QStringLiteral("kind"), objectKindName(lock.kind) },
            { QStringLiteral("acquisitions"), qint64(lock.acquisitions) },
            { QStringLiteral("contended"), qint64(lock.contended) },
            { QStringLiteral("wait_ms_total"), roundedMs(lock.waitMsTotal) },
            { QStringLiteral("wait_ms_max"), roundedMs(lock.waitMsMax) },
            { QStringLiteral("hold_ms_total"), roundedMs(lock.holdMsTotal) } };
        if (lock.kind == ObjectKind::RLock)
            lockJson.insert(QStringLiteral("reentries"), qint64(lock.reentries));
        locksJson.append(lockJson);
    }
    QJsonArray syncJson;
    for (const SyncSummary &object : sync)
        syncJson.append(object.toJson());
    QJsonArray potentialJson;
    for (const PotentialDeadlockSummary &potential : potentialDeadlocks)
        potentialJson.append(potential.toJson());
    QJsonArray countersJson;
    for (const CounterSummary &counter : counters) {
        QJsonObject object { { QStringLiteral("name"), counter.report.name },
            { QStringLiteral("process"), counter.report.pid },
            { QStringLiteral("expected"), qint64(counter.report.expected) },
            { QStringLiteral("actual"), qint64(counter.report.actual) },
            { QStringLiteral("lost_updates"), qint64(counter.report.lostUpdates) },
            { QStringLiteral("lost_amount"), qint64(counter.report.lostAmount) } };
        if (counter.report.lane >= 0)
            object.insert(QStringLiteral("thread"), counter.thread);
        countersJson.append(object);
    }
    QJsonArray printsJson;
    for (const PrintSummary &print : prints)
        printsJson.append(QJsonObject { { QStringLiteral("time_ms"), roundedMs(print.timeMs) },
            { QStringLiteral("lane"), print.lane }, { QStringLiteral("text"), print.text } });
    QJsonArray queuesJson;
    for (const QueueSummary &queue : queues)
        queuesJson.append(
            QJsonObject { { QStringLiteral("name"), queue.name }, { QStringLiteral("kind"), queueKindName(queue.kind) },
                { QStringLiteral("puts"), QJsonArray::fromStringList(queue.puts) },
                { QStringLiteral("gets"), QJsonArray::fromStringList(queue.gets) } });
    QJsonObject json {
        { QStringLiteral("scenario"), scenario },
        { QStringLiteral("title"), title },
        { QStringLiteral("executor"),
            QJsonObject {
                { QStringLiteral("kind"), executorKindName(executor) }, { QStringLiteral("workers"), workers } } },
        { QStringLiteral("options"),
            QJsonObject { { QStringLiteral("lock"), lock }, { QStringLiteral("gil"), gil },
                { QStringLiteral("ordering"), ordering } } },
        { QStringLiteral("stopped"), stopped },
        { QStringLiteral("wall_ms"), roundedMs(wallMs) },
        { QStringLiteral("main_ms"), roundedMs(mainMs) },
        { QStringLiteral("lanes"), lanesJson },
        { QStringLiteral("tasks"), tasksJson },
        { QStringLiteral("results_order"), QJsonArray::fromStringList(resultsOrder) },
        { QStringLiteral("locks"), locksJson },
        { QStringLiteral("counters"), countersJson },
        { QStringLiteral("prints"), printsJson },
        { QStringLiteral("queues"), queuesJson },
        { QStringLiteral("sync"), syncJson },
        { QStringLiteral("potential_deadlocks"), potentialJson },
        { QStringLiteral("events"),
            QJsonObject { { QStringLiteral("recorded"), qint64(eventsRecorded) },
                { QStringLiteral("dropped"), qint64(eventsDropped) } } },
        { QStringLiteral("errors"), QJsonArray::fromStringList(errors) },
        { QStringLiteral("sched"),
            QJsonObject { { QStringLiteral("source"), schedSourceName(sched.source) },
                { QStringLiteral("reason"), sched.reason }, { QStringLiteral("lost"), qint64(sched.lost) },
                { QStringLiteral("moved_events"), qint64(sched.movedEvents) },
                { QStringLiteral("cpu_count"), sched.cpuCount } } },
        { QStringLiteral("cpus"), cpusJson },
    };
    if (wallWithStartupMs > 0)
        json.insert(QStringLiteral("wall_with_startup_ms"), roundedMs(wallWithStartupMs));
    if (deadlock.found)
        json.insert(QStringLiteral("deadlock"), deadlock.toJson());
    if (program.isSet())
        json.insert(QStringLiteral("program"), programJson());
    return json;
}

QJsonObject RunSummary::programJson() const
{
    QJsonArray processesJson;
    for (const TracedProcess &p : processes) {
        QJsonObject process { { QStringLiteral("pid"), p.pid }, { QStringLiteral("parent"), p.parentPid },
            { QStringLiteral("command"), p.command } };
        if (p.exitCode >= 0)
            process.insert(QStringLiteral("exit_code"), p.exitCode);
        if (p.signal != 0)
            process.insert(QStringLiteral("signal"), signalName(p.signal));
        processesJson.append(process);
    }
    QJsonObject json { { QStringLiteral("command"), QJsonArray::fromStringList(program.command) },
        { QStringLiteral("working_directory"), program.workingDirectory }, { QStringLiteral("pid"), program.pid },
        { QStringLiteral("attached"), program.attached }, { QStringLiteral("exited"), program.exited },
        { QStringLiteral("ended"), program.exitText() }, { QStringLiteral("processes"), processesJson } };
    if (program.exitCode >= 0)
        json.insert(QStringLiteral("exit_code"), program.exitCode);
    if (program.signal != 0)
        json.insert(QStringLiteral("signal"), signalName(program.signal));
    if (!program.pythonHook.isEmpty())
        json.insert(QStringLiteral("python_hook"), program.pythonHook);
    if (!program.outputTail.isEmpty())
        json.insert(QStringLiteral("output_tail"), program.outputTail);
    return json;
}

QString RunSummary::toText() const
{
    QString text;
    auto line = [&text](const QString &s) { text += s + u'\n'; };
    auto num = [](double v) { return QString::number(v, 'f', 1); };
    if (program.isSet()) {
        line((program.attached ? QStringLiteral("attached to pid %1: ") : QStringLiteral("traced pid %1: "))
                 .arg(program.pid)
            + title);
        line(QStringLiteral("  the program ") + program.exitText()
            + QStringLiteral("; %1 processes, %2 threads").arg(processes.size()).arg(lanes.size()));
        if (!program.pythonHook.isEmpty())
            line(QStringLiteral("  Python: ") + program.pythonHook);
    } else {
        line(scenario + QStringLiteral(" — ") + title);
        line(QStringLiteral("  executor ") + executorKindName(executor) + QStringLiteral(", workers ")
            + QString::number(workers) + QStringLiteral(", lock ")
            + (lock ? QStringLiteral("on") : QStringLiteral("off")) + QStringLiteral(", GIL ")
            + (gil ? QStringLiteral("on") : QStringLiteral("off"))
            + (ordering ? QStringLiteral(", lock ordering on") : QString()));
    }
    if (stopped)
        line(QStringLiteral("  STOPPED before the end: these figures cover only what ran until then"));
    if (deadlock.found) {
        line(QStringLiteral("  DEADLOCK found at %1 ms (%2); the run was stopped there:")
                 .arg(num(deadlock.detectedMs),
                     deadlock.cycle ? QStringLiteral("the lanes wait for each other")
                                    : QStringLiteral("they wait for what no lane can still do")));
        for (const QString &sentence : deadlock.sentences)
            line(QStringLiteral("    ") + sentence);
    }
    for (const PotentialDeadlockSummary &p : potentialDeadlocks) {
        line(QStringLiteral("  POTENTIAL DEADLOCK: locks %1 were taken in orders that form a cycle:")
                 .arg(p.locks.join(QStringLiteral(", "))));
        for (const QString &step : p.steps)
            line(QStringLiteral("    ") + step);
    }
    if (program.isSet()) {
        line(QStringLiteral("  wall ") + num(wallMs) + QStringLiteral(" ms (first thread seen to last thread gone)"));
        // What each thread did, its longest states first: the figures its lane shows.
        for (const TaskSummary &task : tasks) {
            std::vector<std::pair<double, State>> states;
            for (State state : allStates()) {
                if (task.stateMs[size_t(state)] >= 0.05)
                    states.emplace_back(task.stateMs[size_t(state)], state);
            }
            std::sort(states.begin(), states.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
            QStringList parts;
            for (const auto &[value, state] : states)
                parts << stateName(state) + u' ' + num(value) + QStringLiteral(" ms");
            const qint64 pid = task.lane >= 0 && task.lane < lanes.size() ? lanes[task.lane].pid : 0;
            line(QStringLiteral("    %1 (pid %2): %3").arg(task.name).arg(pid).arg(parts.join(QStringLiteral(", "))));
        }
    } else {
        line(QStringLiteral("  wall ") + num(wallMs)
            + QStringLiteral(" ms (first task start to last task end), main done at ") + num(mainMs)
            + QStringLiteral(" ms"));
    }
    if (wallWithStartupMs > 0)
        line(QStringLiteral("  wall including starting the worker processes ") + num(wallWithStartupMs)
            + QStringLiteral(" ms (first spawn to last task end)"));
    int failed = 0;
    for (const TaskSummary &task : tasks)
        failed += task.ran && task.outcome == TaskOutcome::Completed ? 0 : 1;
    line(QStringLiteral("  tasks ") + QString::number(tasks.size()) + QStringLiteral(" (")
        + QString::number(int(tasks.size()) - failed) + QStringLiteral(" completed), lanes ")
        + QString::number(lanes.size()));
    if (!resultsOrder.isEmpty())
        line(QStringLiteral("  results in order: ") + resultsOrder.join(QStringLiteral(", ")));
    for (const LockSummary &l : locks)
        line(QStringLiteral("  ") + objectKindName(l.kind) + u' ' + l.name + QStringLiteral(": ")
            + QString::number(l.acquisitions) + QStringLiteral(" acquisitions, ") + QString::number(l.contended)
            + QStringLiteral(" contended, wait ") + num(l.waitMsTotal) + QStringLiteral(" ms total (max ")
            + num(l.waitMsMax) + QStringLiteral(" ms)")
            + (l.kind == ObjectKind::RLock ? QStringLiteral(", %1 re-entries").arg(l.reentries) : QString()));
    for (const CounterSummary &c : counters)
        line(QStringLiteral("  counter ") + c.report.name
            + (c.thread.isEmpty() ? QString() : QStringLiteral(" [thread ") + c.thread + u']')
            + QStringLiteral(" in pid ") + QString::number(c.report.pid) + QStringLiteral(": expected ")
            + QString::number(c.report.expected) + QStringLiteral(", got ") + QString::number(c.report.actual)
            + QStringLiteral(" (") + QString::number(c.report.lostUpdates) + QStringLiteral(" lost updates)"));
    for (const SyncSummary &w : sync) {
        if (w.kind == ObjectKind::Lock || w.kind == ObjectKind::RLock || w.kind == ObjectKind::Semaphore) {
            if (w.timeouts > 0) // the rest is on its lock line
                line(QStringLiteral("  %1 %2: %3 waits timed out").arg(objectKindName(w.kind), w.name).arg(w.timeouts));
            continue;
        }
        line(QStringLiteral("  %1 %2: %3 waits, %4 ms waited, %5 timed out%6")
                 .arg(objectKindName(w.kind), w.name)
                 .arg(w.waits)
                 .arg(num(w.waitMsTotal))
                 .arg(w.timeouts)
                 .arg(w.kind == ObjectKind::Barrier ? QStringLiteral(", %1 broken").arg(w.broken)
                         : w.kind == ObjectKind::Condition
                         ? QStringLiteral(", %1 notifies woke %2").arg(w.notifies).arg(w.wokenByNotify)
                         : QString()));
    }
    for (const QueueSummary &q : queues)
        line(QStringLiteral("  queue ") + q.name + u' ' + queueKindName(q.kind) + QStringLiteral(": put ")
            + q.puts.join(u' ') + QStringLiteral(" / got ") + q.gets.join(u' '));
    line(QStringLiteral("  events ") + QString::number(eventsRecorded) + QStringLiteral(" recorded, ")
        + QString::number(eventsDropped) + QStringLiteral(" dropped"));
    if (sched.source == SchedSource::Off) {
        line(QStringLiteral("  OS scheduler: not captured")
            + (sched.reason.isEmpty() ? QString() : QStringLiteral(" (") + sched.reason + u')'));
    } else {
        line(QStringLiteral("  OS scheduler: ") + schedSourceName(sched.source) + QStringLiteral(" (") + sched.reason
            + QStringLiteral("), ") + QString::number(sched.cpuCount) + QStringLiteral(" CPUs, ")
            + QString::number(sched.lost) + QStringLiteral(" records lost")
            + (sched.lost > 0 ? QStringLiteral(" (the system switched threads faster than they could be read: some "
                                               "threads' OS states are missing)")
                              : QString()));
        QStringList busy;
        for (const CpuSummary &cpu : cpus)
            busy << QStringLiteral("cpu%1 %2%").arg(cpu.cpu).arg(spanMs > 0 ? 100 * cpu.busyMs / spanMs : 0, 0, 'f', 0);
        line(
            (sched.source == SchedSource::Sampled ? QStringLiteral("    busy with this run's threads (sampling sees no "
                                                                   "others): ")
                                                  : QStringLiteral("    busy: "))
            + busy.join(QStringLiteral(", ")));
        for (qsizetype i = 0; i < lanes.size() && size_t(i) < laneSched.size(); ++i) {
            const LaneSchedSummary &os = laneSched[size_t(i)];
            line(QStringLiteral(
                "    %1: on a CPU %2 ms, runnable %3 ms, %4 voluntary / %5 involuntary switches, %6 migrations")
                     .arg(lanes[i].name, num(os.cpuMs), num(os.runnableMs))
                     .arg(os.voluntary)
                     .arg(os.involuntary)
                     .arg(os.migrations));
        }
    }
    for (const QString &error : errors)
        line(QStringLiteral("  error: ") + error);
    return text;
}

} // namespace threadlab
