#pragma once

#include "base/result.h"
#include "trace/schedtrace.h"

#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace threadlab {

class Recorder;
struct Trace;

// How a run asks the OS scheduler what it did (--sched): exact when permitted, else sampled.
enum class SchedMode : uint8_t { Auto, Exact, Sampled, Off };

std::optional<SchedMode> schedModeFromName(const QString &name); // "auto", "exact", "sampled", "off"
QString schedModeName(SchedMode mode);

// Captures the scheduler's view of a run's threads from before its first lane starts until stop():
// every switch through the kernel's tracepoints (exact), or each lane's thread through /proc
// (sampled). apply() then puts it into the finished trace (SchedModel) and refines its segments.
class SchedCapture
{
public:
    static constexpr int kSampleHz = 1000;

    virtual ~SchedCapture() = default;
    // Starts the capture the mode asks for. Auto falls back to sampling, saying why in info().reason;
    // Exact fails (saying why) where the kernel does not allow it; Off captures nothing.
    // Sampling looks `sampleHz` times a second.
    static Result<std::unique_ptr<SchedCapture>> start(
        SchedMode mode, const Recorder &recorder, int sampleHz = kSampleHz);

    virtual void stop() = 0; // idempotent; after it, nothing more is captured
    virtual void apply(Trace &trace, int64_t endNs) = 0; // once stopped
    // While it runs: what was captured until nowNs, as OS slices of `trace`'s lanes (whose infos
    // must be there) and CPU tracks, for a live view. Segments are refined by apply() only.
    virtual void snapshot(Trace &trace, int64_t nowNs) = 0;
    const SchedInfo &info() const { return m_info; }

    // Exact capture only: follows the system calls of process `pid`, and of every thread and process
    // it starts, from its next exec on (the raw_syscalls tracepoints), so that apply() can say what
    // each blocked thread waited in. Call it between the fork and the exec. Empty when it follows
    // them; else why not (the waits are then named by /proc looks alone).
    virtual QString followSyscalls(qint64 pid);
    // Says what a blocked stretch of a lane (by index) waited in: its state and object; false
    // leaves that stretch as the lane recorded it. Called by apply() only.
    using WaitNamer = std::function<bool(size_t lane, BlockedStretch &stretch)>;
    void setWaitNamer(WaitNamer namer) { m_waitNamer = std::move(namer); }

protected:
    SchedInfo m_info;
    WaitNamer m_waitNamer;
};

} // namespace threadlab
