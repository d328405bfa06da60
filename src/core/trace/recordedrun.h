#pragma once

#include "scenario/scenario.h"
#include "trace/counterreport.h"
#include "trace/trace.h"
#include "trace/tracedprogram.h"

#include <QStringList>
#include <vector>

namespace threadlab {

// Everything a finished run recorded, on its own: what the views, exporters, the summary and the
// session's run list read. A Run hands it over when it ends; a .threadlab file holds one.
struct RecordedRun
{
    Scenario scenario; // with the executor and options it ran with
    Trace trace;
    std::vector<CounterReport> counters;
    QStringList errors;
    uint64_t eventsRecorded = 0;
    uint64_t eventsDropped = 0;
    qint64 pid = 0; // the process that ran it (its main lane's)
    bool stopped = false; // the user stopped it before it ended (its cancelled tasks say so in a file)
    ProgramRun program; // a traced program's (pid 0 for a scenario's run)
};

} // namespace threadlab
