#pragma once

#include "scenario/scenario.h"

#include <QString>

namespace threadlab {

// A lesson's expected outcome as it applies to this machine. Its text may say
//   {cores}              the machine's CPU count,
//   {work_s}             the scenario's CPU work in seconds (every cpu step of every task instance),
//   {work_per_core_s}    that work spread over all cores (the least wall time it can take),
//   {waiting_percent}    the share of its time a CPU-bound task waits for a CPU when all task
//                        instances run at once: 1 - cores/instances (0 with enough cores).
// A lesson's text and its expected outcome may name a setting to change as {set NAME=VALUE}
// (workers, executor, lock, gil): the window's text names its toolbar control ("Workers 1 in the
// toolbar"), the command line's its flag ("--workers 1").
class ExpectedText
{
public:
    enum class FrontEnd { Window, CommandLine };
    static QString forMachine(const Scenario &scenario, int cores, FrontEnd frontEnd = FrontEnd::Window);
    static QString lesson(const Scenario &scenario, FrontEnd frontEnd);
    static QString settings(const QString &text, FrontEnd frontEnd); // fills in the {set …}
    static int64_t cpuWorkNs(const Scenario &scenario);
};

} // namespace threadlab
