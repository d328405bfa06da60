#pragma once

#include <QStringList>

namespace threadlab {

// The headless front end: `threadlab list`, `threadlab run …`, `threadlab sweep …`. Exit codes:
// 0 success, 2 bad command line, 3 bad scenario, 4 the run reported errors, 5 an output file could
// not be written.
class Cli
{
public:
    enum ExitCode { Ok = 0, Usage = 2, BadScenario = 3, RunFailed = 4, OutputFailed = 5 };

    static bool handles(const QStringList &arguments);
    static int exec(const QStringList &arguments);
    static int usage(const QString &problem); // prints the problem and the usage; returns Usage

private:
    static int list();
};

} // namespace threadlab
