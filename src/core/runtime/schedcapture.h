#pragma once

#include "base/result.h"
#include "trace/schedtrace.h"

#include <QString>
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

protected:
    SchedInfo m_info;
};

} // namespace threadlab
