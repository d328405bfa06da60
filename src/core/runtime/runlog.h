#pragma once

#include "trace/counterreport.h"

#include <QStringList>
#include <mutex>
#include <vector>

namespace threadlab {

// What a run reports besides its events, written from any thread: errors (a worker that died, a
// task that could not run), the counters of child processes, events their recorders dropped.
class RunLog
{
public:
    void addError(const QString &message);
    QStringList errors() const;

    void addCounters(const std::vector<CounterReport> &reports);
    std::vector<CounterReport> counters() const;

    void addTaskFailure(int task, const QString &why);
    std::vector<std::pair<int, QString>> taskFailures() const;

    void addRemoteEvents(uint64_t recorded, uint64_t dropped);
    uint64_t remoteDropped() const;

private:
    mutable std::mutex m_mutex;
    QStringList m_errors;
    std::vector<CounterReport> m_counters;
    std::vector<std::pair<int, QString>> m_taskFailures;
    uint64_t m_remoteRecorded = 0;
    uint64_t m_remoteDropped = 0;
};

} // namespace threadlab
