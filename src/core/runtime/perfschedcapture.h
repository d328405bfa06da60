#pragma once

#include "runtime/periodicthread.h"
#include "runtime/schedcapture.h"
#include "trace/schedrecord.h"

#include <QByteArray>
#include <cstdint>
#include <mutex>
#include <vector>

namespace threadlab {

// The exact capture: the kernel's sched_switch, sched_wakeup, sched_wakeup_new and
// sched_migrate_task tracepoints (and for a program ThreadLab starts, raw_syscalls: followSyscalls()), read through
// perf_event_open, one ring buffer per CPU for every task on it, time-stamped on CLOCK_MONOTONIC (so on ThreadLab's
// clock). Worker processes and their threads are in it from their first switch; each switch's sample names the process
// of the thread leaving, which tells the run's own threads that are no lane from other processes' (so forks need not be
// followed). Needs root or CAP_PERFMON (or a permissive perf_event_paranoid) and tracefs, which it mounts when it is
// not mounted and it may. Records the kernel could not hand over are counted in info().lost.
class PerfSchedCapture : public SchedCapture
{
public:
    // Each CPU's ring holds what the kernel writes between two drains. A busy system switches
    // threads up to about a million times a second (some 70 MB/s of records per CPU: every task
    // is followed), so the rings are as large as a 64 MiB budget allows: 8 MiB per CPU (about
    // 0.1 s of such a storm) on up to 8 CPUs, never less than 1 MiB.
    static constexpr size_t kMaxRingPages = 2048;
    static constexpr size_t kMinRingPages = 256;
    static constexpr size_t kRingBudgetBytes = size_t(64) << 20;
    static size_t ringPages(int cpus, size_t pageSize);
    static constexpr size_t kMaxRecords = 8'000'000; // about 190 MB; later records are counted as lost
    // A followed program's system calls (two records each): about 130 MB. After the first one that
    // does not fit, blocked threads are named by the /proc looks again.
    static constexpr size_t kMaxSyscallRecords = 4'000'000;
    static constexpr int kDrainPeriodMs = 10;

    static Result<std::unique_ptr<SchedCapture>> start();
    ~PerfSchedCapture() override;

    void stop() override;
    void apply(Trace &trace, int64_t endNs) override;
    void snapshot(Trace &trace, int64_t nowNs) override;
    QString followSyscalls(qint64 pid) override;

    // Where a field of a tracepoint's raw record lies, from its tracefs "format" file.
    struct Field
    {
        int offset = -1;
        int size = 0;
    };
    static Field fieldOf(const QByteArray &format, const QByteArray &name);

private:
    struct Tracepoint
    {
        uint16_t id = 0;
        Field a; // switch: prev_pid; wakeup, migrate: pid
        Field b; // switch: prev_state; wakeup: target_cpu; migrate: orig_cpu
        Field c; // switch: next_pid; migrate: dest_cpu
    };
    struct Ring
    {
        int cpu = 0;
        std::vector<int> fds; // the first owns the buffer; the others write into it
        char *base = nullptr;
        size_t bytes = 0; // the metadata page and the data pages
        size_t pages = 0; // data pages
    };

    PerfSchedCapture() = default;
    QString followSyscallsOf(qint64 pid);
    void drainAll();
    void drain(Ring &ring);
    void take(const char *sample, size_t size);

    Tracepoint m_switch;
    Tracepoint m_wakeup;
    Tracepoint m_wakeupNew;
    Tracepoint m_migrate;
    Tracepoint m_sysEnter; // a: id (the call's number); b: args
    Tracepoint m_sysExit;
    std::vector<Ring> m_rings;
    std::mutex m_recordsMutex; // the capture thread appends a ring's records at a time; snapshot() copies
    std::vector<SchedRecord> m_records;
    std::vector<SyscallRecord> m_syscalls; // under m_recordsMutex
    int64_t m_syscallsUntilNs = INT64_MAX; // the first system call that did not fit
    std::mutex m_followMutex;
    std::vector<int> m_followFds; // the raw_syscalls events, under m_followMutex
    PeriodicThread m_thread; // last member: stopped before the rest goes
};

} // namespace threadlab
