#pragma once

#include "base/podvector.h"
#include "base/state.h"

#include <QString>
#include <cstdint>

namespace threadlab {

// Where the trace's OS scheduling data came from.
enum class SchedSource : uint8_t {
    Off, // not captured: Running means "inside a task and not waiting on a ThreadLab primitive"
    Sampled, // /proc at a fixed rate: totals exact, intervals approximate
    Exact, // the kernel's scheduler tracepoints: every switch
};

QString schedSourceName(SchedSource source); // "off", "sampled", "exact"

// A stretch of one lane's thread as the kernel saw it: on a CPU, or ready and waiting for one.
// (Where a lane has no slice, its thread was blocked, or nothing is known.)
struct OsSlice
{
    int64_t startNs = 0;
    int64_t endNs = 0;
    int32_t cpu = -1; // on a CPU: which
    bool onCpu = true; // false: Runnable
};

// A stretch in which a lane's thread was blocked, from leaving its CPU to its wake-up, and the
// system call it was blocked in (exact capture with raw_syscalls: a traced program's threads). What
// that call means, the state and the object it waits on, is the program tracer's to say
// (runtime/programs/kernelwait.h); SchedModel::applyBlockedStretches() draws it.
struct BlockedStretch
{
    int64_t startNs = 0;
    int64_t endNs = 0;
    uint64_t args[2] = {};
    int32_t call = -1; // -1: blocked outside a system call (a page fault, say)
    State state = State::Sleeping;
    uint32_t object = kNoObject;
};

// Who a CPU slice's thread was, when it is no lane.
constexpr int32_t kOtherProcess = -1; // another process's thread: never named (nothing beyond the run is shown)
constexpr int32_t kRunThread = -2; // a thread of the run's own processes that is no lane (ThreadLab's collector…)

// A stretch of one CPU running one thread: a lane's, or kOtherProcess or kRunThread. Idle time is
// the gaps.
struct CpuSlice
{
    int64_t startNs = 0;
    int64_t endNs = 0;
    int32_t lane = kOtherProcess;
    uint8_t ended = 0; // SchedRecord::Left of the thread when the slice ended
};

struct CpuTrack
{
    int cpu = 0;
    PodVector<CpuSlice> slices; // in time order, non-overlapping
    int64_t busyNs = 0; // running a lane's thread or another process's
};

// Per lane: what the scheduler gave its thread.
struct LaneSched
{
    int64_t cpuNs = 0;
    int64_t runnableNs = 0;
    int64_t voluntary = 0; // context switches: it blocked
    int64_t involuntary = 0; // it was preempted
    int64_t migrations = 0; // the kernel moved it to another CPU (exact), or it came back on another one (sampled)
};

struct SchedInfo
{
    SchedSource source = SchedSource::Off;
    QString reason; // why this source: "exact capture needs root or CAP_PERFMON (…)"
    uint64_t lost = 0; // scheduler records the kernel could not hand over
    int cpuCount = 0; // online CPUs during the run
    // Lane events that reached the trace after the live refinement had passed their time; drawn at
    // that time (TraceBuilder::movedEvents). Known for the run itself, not kept in trace files.
    uint64_t movedEvents = 0;
};

} // namespace threadlab
