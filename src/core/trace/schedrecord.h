#pragma once

#include <cstdint>
#include <type_traits>

namespace threadlab {

// One thing the kernel's scheduler did, as the exact capture reads it from the scheduler's
// tracepoints (runtime/schedcapture.h), on ThreadLab's clock (CLOCK_MONOTONIC).
struct SchedRecord
{
    enum class Kind : uint8_t {
        Switch, // on cpu: tid left the CPU (why: left), nextTid came on; tid 0 is the idle task
        Wakeup, // tid became ready to run (on cpu, its target)
        Migrate, // tid was moved from fromCpu to cpu
    };
    // Why a thread left its CPU.
    enum class Left : uint8_t {
        Preempted, // still ready to run: it was made to take its turn
        Blocked, // waiting (sleep, lock, I/O, join…)
        Exited,
    };

    int64_t timeNs = 0;
    int32_t cpu = 0;
    int32_t tid = 0;
    int32_t nextTid = 0;
    int32_t pid = 0; // Switch: the process of the thread leaving (0: not known)
    Kind kind = Kind::Switch;
    Left left = Left::Blocked;
    int16_t fromCpu = -1; // Migrate
};

static_assert(std::is_trivially_copyable_v<SchedRecord>);

// A system call that a traced program's thread entered or left, as the exact capture reads it from
// the raw_syscalls tracepoints (only for a program ThreadLab starts: runtime/programs), on the same
// clock as SchedRecord.
struct SyscallRecord
{
    int64_t timeNs = 0;
    int32_t tid = 0;
    int32_t call = -1; // entered: the call's number; -1: the call in progress returned
    uint64_t args[2] = {}; // entered: its first two arguments
};

static_assert(std::is_trivially_copyable_v<SyscallRecord>);

// One look at one thread through /proc, as the sampled capture takes it: the CPU it last ran on and
// the scheduler's running totals for it (schedstat: exact, whatever the sampling interval).
struct ThreadSample
{
    int64_t timeNs = 0;
    int32_t tid = 0;
    int32_t cpu = -1;
    uint64_t onCpuNs = 0; // total time on a CPU so far
    uint64_t waitNs = 0; // total time ready but waiting for a CPU so far
    int64_t voluntary = -1; // context switches so far (-1: not read in this sample)
    int64_t involuntary = -1;
};

static_assert(std::is_trivially_copyable_v<ThreadSample>);

} // namespace threadlab
