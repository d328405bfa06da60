#include "runtime/runlog.h"

namespace threadlab {

void RunLog::addError(const QString &message)
{
    std::lock_guard lock(m_mutex);
    m_errors << message;
}

QStringList RunLog::errors() const
{
    std::lock_guard lock(m_mutex);
    return m_errors;
}

void RunLog::addCounters(const std::vector<CounterReport> &reports)
{
    std::lock_guard lock(m_mutex);
    m_counters.insert(m_counters.end(), reports.begin(), reports.end());
}

std::vector<CounterReport> RunLog::counters() const
{
    std::lock_guard lock(m_mutex);
    return m_counters;
}

void RunLog::addTaskFailure(int task, const QString &why)
{
    std::lock_guard lock(m_mutex);
    m_taskFailures.emplace_back(task, why);
}

std::vector<std::pair<int, QString>> RunLog::taskFailures() const
{
    std::lock_guard lock(m_mutex);
    return m_taskFailures;
}

void RunLog::addRemoteEvents(uint64_t recorded, uint64_t dropped)
{
    std::lock_guard lock(m_mutex);
    m_remoteRecorded += recorded;
    m_remoteDropped += dropped;
}

uint64_t RunLog::remoteDropped() const
{
    std::lock_guard lock(m_mutex);
    return m_remoteDropped;
}

} // namespace threadlab
