#pragma once

#include "base/event.h"
#include "base/lane.h"
#include "base/state.h"
#include "scenario/scenario.h"
#include "trace/counterreport.h"
#include "trace/schedtrace.h"
#include "trace/syncsummary.h"
#include "trace/tracedprogram.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <array>
#include <vector>

namespace threadlab {

struct RecordedRun;

struct TaskSummary
{
    int id = 0;
    QString name;
    int lane = -1;
    double startMs = 0;
    double endMs = 0;
    TaskOutcome outcome = TaskOutcome::Completed;
    bool ran = false;
    QString error; // why it failed
    std::array<double, kStateCount> stateMs {};
};

struct LockSummary
{
    QString name;
    ObjectKind kind = ObjectKind::Lock; // a lock, rlock or semaphore
    int64_t acquisitions = 0;
    int64_t contended = 0;
    double waitMsTotal = 0;
    double waitMsMax = 0;
    double holdMsTotal = 0;
    int64_t reentries = 0; // an rlock taken again by its holder
};

struct CounterSummary
{
    CounterReport report;
    QString thread; // the lane's name for a thread-local copy
};

struct PrintSummary
{
    double timeMs = 0;
    QString lane;
    QString text;
};

struct QueueSummary
{
    QString name;
    QueueKind kind = QueueKind::Fifo;
    QStringList puts;
    QStringList gets;
};

// What the OS scheduler gave one lane's thread, in milliseconds.
struct LaneSchedSummary
{
    double cpuMs = 0;
    double runnableMs = 0;
    int64_t voluntary = 0;
    int64_t involuntary = 0;
    int64_t migrations = 0;
};

struct CpuSummary
{
    int cpu = 0;
    double busyMs = 0;
};

// What a finished run measured, in milliseconds from the run's start: the figures a lesson quotes.
struct RunSummary
{
    QString scenario;
    QString title;
    ExecutorKind executor = ExecutorKind::Threads;
    int workers = 1;
    bool lock = true;
    bool gil = false;
    bool ordering = false;
    double wallMs = 0; // first task start to last task end
    double wallWithStartupMs = 0; // first worker process spawned to last task end (0: no worker processes)
    bool stopped = false; // stopped before it ended: its figures measure only what ran
    double mainMs = 0; // when the main lane finished
    QList<LaneInfo> lanes;
    std::vector<TaskSummary> tasks;
    QStringList resultsOrder;
    std::vector<LockSummary> locks;
    std::vector<CounterSummary> counters;
    std::vector<PrintSummary> prints;
    std::vector<QueueSummary> queues;
    std::vector<SyncSummary> sync; // waits on semaphores, conditions, barriers, events; time-outs
    DeadlockSummary deadlock; // the deadlock the run stopped on
    std::vector<PotentialDeadlockSummary> potentialDeadlocks; // lock-order cycles, deadlocked or not
    uint64_t eventsRecorded = 0;
    uint64_t eventsDropped = 0;
    QStringList errors;
    SchedInfo sched; // where the OS scheduling figures come from (source Off: there are none)
    std::vector<LaneSchedSummary> laneSched; // per lane, when captured
    std::vector<CpuSummary> cpus; // per CPU, when captured
    double spanMs = 0; // the run's recorded length: what the CPUs' busy time is a share of
    ProgramRun program; // a traced program's run: which, and how it ended (pid 0: a scenario's run)
    std::vector<TracedProcess> processes; // a traced program's processes

    static RunSummary from(const RecordedRun &recording);
    QJsonObject toJson() const;
    QJsonObject programJson() const; // "program" in toJson(): the command, how it ended, its processes
    QString toText() const;
};

} // namespace threadlab
