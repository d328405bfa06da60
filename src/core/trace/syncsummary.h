#pragma once

#include "scenario/scenario.h"

#include <QJsonObject>
#include <QStringList>
#include <vector>

namespace threadlab {

struct Trace;

// The deadlock a run stopped on, in names: for the summary, the CLI and the lesson panel.
struct DeadlockSummary
{
    struct Link
    {
        QString lane;
        QStringList holds;
        QString waitsFor;
        QString heldBy; // empty: nobody holds it (an event, a queue…)
    };
    bool found = false;
    bool cycle = false; // else: lanes that wait forever for what no live lane can still do
    double detectedMs = 0;
    std::vector<Link> links;
    QStringList sentences; // "add_2 holds lock 'A' and waits for lock 'B' (held by sub_4)"

    static DeadlockSummary from(const Trace &trace);
    QJsonObject toJson() const;
};

// A lock-order cycle the run took without deadlocking (see Deadlocks::potential).
struct PotentialDeadlockSummary
{
    QStringList locks;
    QStringList lanes;
    QStringList steps; // "sub_4 took lock 'A' while holding lock 'B' at 12.3 ms"

    static std::vector<PotentialDeadlockSummary> from(const Trace &trace);
    QJsonObject toJson() const;
};

// How lanes waited on one synchronisation object (semaphore, condition, barrier, event, lock,
// queue): waits, their time, time-outs, notifies and wake-ups.
struct SyncSummary
{
    QString name;
    ObjectKind kind = ObjectKind::Lock;
    int64_t waits = 0;
    double waitMsTotal = 0;
    int64_t timeouts = 0;
    int64_t broken = 0; // barrier waits that came back broken
    int64_t notifies = 0;
    int64_t wokenByNotify = 0; // waiters a notify woke (a condition) or the last arrival released (a barrier)

    static std::vector<SyncSummary> from(const Trace &trace);
    QJsonObject toJson() const;
};

} // namespace threadlab
