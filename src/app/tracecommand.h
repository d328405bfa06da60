#pragma once

#include <QStringList>

namespace threadlab {

// `threadlab trace [options] -- CMD ARGS…` runs a program and traces every thread of it and of the
// processes it starts until all have exited; `threadlab attach PID [--seconds N]` traces a running
// process of the user's. Both print a summary and write what --summary-json and --export ask for.
class TraceCommand
{
public:
    static int trace(const QStringList &arguments); // arguments after "trace"
    static int attach(const QStringList &arguments); // arguments after "attach"
};

} // namespace threadlab
