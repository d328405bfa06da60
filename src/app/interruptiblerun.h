#pragma once

#include "runtime/liverecording.h"
#include "runtime/schedcapture.h"
#include "trace/recordedrun.h"

#include <memory>

namespace threadlab {

// Runs a scenario to its end for the CLI, capturing the OS scheduler as asked; Ctrl+C (or SIGTERM) stops it
// cleanly and keeps what was recorded. When standard error is a terminal, a progress line there
// (elapsed time, events, lanes) is rewritten four times a second and erased at the end.
class InterruptibleRun
{
public:
    static std::shared_ptr<RecordedRun> execute(Scenario scenario, SchedMode sched, bool *interrupted);
    // The same for anything that records live (a traced program): started here, watched to its end.
    static std::shared_ptr<RecordedRun> watch(LiveRecording &recording, bool *interrupted);
};

} // namespace threadlab
