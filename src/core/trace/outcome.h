#pragma once

#include <QString>
#include <QStringList>
#include <vector>

namespace threadlab {

struct RunSummary;

// What a run measured, in the words a lesson uses ("expected 0, got −31 416: 212 lost updates").
class Outcome
{
public:
    static QStringList lines(const RunSummary &summary);
    // The deadlock the run stopped on: a headline, then one sentence per lane. Empty: none.
    static QStringList deadlockLines(const RunSummary &summary);
    // Each lock-order cycle the run took (a deadlock that can happen on another run): a headline and
    // the steps. Empty: none.
    static std::vector<QStringList> potentialDeadlockLines(const RunSummary &summary);
    // With OS scheduler data: a header row (short: see schedTableCaption()), then per thread (up to maxRows, then "… n
    // more") its time on a CPU, time Runnable (waiting for one), the share of its ready time it waited, its context
    // switches (blocked / preempted) and migrations.
    static std::vector<QStringList> schedTable(const RunSummary &summary, int maxRows = 16);
    static QString schedTableCaption(); // what its columns mean
    // This run against an earlier run of the same lesson (or of its paired lesson: the caller
    // chooses, see SessionModel::earlierComparable): "6.7× faster than the last run of this lesson
    // (workers 8 (was workers 1)): 0.46 s against 3.09 s". Empty if either was stopped: a stopped
    // run is no measurement to compare.
    static QString comparison(
        const RunSummary &now, const QString &nowSettings, const RunSummary &before, const QString &beforeSettings);
    // What differs between two settings lines ("threads, lock on, GIL off"): "GIL off (was GIL on)".
    static QString settingsDifference(const QString &now, const QString &before);
    static QString count(int64_t value); // −31 416: a real minus sign, grouped digits
    static QString duration(double ms);
};

} // namespace threadlab
