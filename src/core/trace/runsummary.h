#pragma once

#include "base/event.h"
#include "base/lane.h"
#include "base/state.h"
#include "scenario/scenario.h"
#include "trace/counterreport.h"

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
    int64_t acquisitions = 0;
    int64_t contended = 0;
    double waitMsTotal = 0;
    double waitMsMax = 0;
    double holdMsTotal = 0;
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

// What a finished run measured, in milliseconds from the run's start: the figures a lesson quotes.
struct RunSummary
{
    QString scenario;
    QString title;
    ExecutorKind executor = ExecutorKind::Threads;
    int workers = 1;
    bool lock = true;
    bool gil = false;
    double wallMs = 0; // first task start to last task end
    double mainMs = 0; // when the main lane finished
    QList<LaneInfo> lanes;
    std::vector<TaskSummary> tasks;
    QStringList resultsOrder;
    std::vector<LockSummary> locks;
    std::vector<CounterSummary> counters;
    std::vector<PrintSummary> prints;
    std::vector<QueueSummary> queues;
    uint64_t eventsRecorded = 0;
    uint64_t eventsDropped = 0;
    QStringList errors;

    static RunSummary from(const RecordedRun &recording);
    QJsonObject toJson() const;
    QString toText() const;
};

} // namespace threadlab
