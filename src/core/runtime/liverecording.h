#pragma once

#include "trace/recordedrun.h"
#include "trace/tracesource.h"

#include <QStringList>
#include <memory>

namespace threadlab {

// Something that records while it goes and hands over a RecordedRun at the end: a scenario's Run,
// or a traced program. Front ends (the window, the CLI) start it, read its trace while it grows,
// stop it, and take what it recorded.
class LiveRecording
{
public:
    virtual ~LiveRecording() = default;

    virtual void start() = 0;
    virtual void stop() = 0; // ends it promptly; everything recorded is kept
    // Stops it, and nothing recorded will be read (the window closes): it may end sooner.
    virtual void abandon() { stop(); }
    // Finished: everything recorded is in the trace.
    virtual bool isFinished() const = 0;
    virtual bool waitForFinished(int timeoutMs = -1) = 0;
    virtual TraceSource liveTrace() const = 0; // read under the TraceReading that read() hands out
    virtual QString title() const = 0; // what is recorded: a scenario's title, a command line
    virtual qint64 mainPid() const = 0; // the process whose lanes come first (once started)
    virtual QStringList errors() const = 0;
    virtual uint64_t recordedEvents() const = 0;
    virtual uint64_t droppedEvents() const = 0;
    // Once finished: everything recorded, moved out.
    virtual std::shared_ptr<RecordedRun> takeRecording() = 0;
};

} // namespace threadlab
