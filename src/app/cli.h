#pragma once

#include <QStringList>

namespace threadlab {

// The headless front end: `threadlab list|run|sweep|trace|attach|export|help …`, `--help`, `--version`.
// Anything else on the command line (a file to open, Qt's own options) belongs to the window.
// Exit codes: 0 success, 2 bad command line, 3 bad scenario or trace file, 4 the run reported
// errors or was interrupted, 5 an output file could not be written, 6 the run deadlocked (ThreadLab
// found lanes that wait for each other, or for what no lane can still do, and stopped it), 7 the
// program to trace could not be started, or the process to attach to is not there or not yours.
class Cli
{
public:
    enum ExitCode {
        Ok = 0,
        Usage = 2,
        BadScenario = 3,
        RunFailed = 4,
        OutputFailed = 5,
        Deadlocked = 6,
        NoProgram = 7
    };

    // True when argv[1] is a command, a word meant as one (a typo), or a CLI-only option.
    static bool handles(int argc, const char *const *argv);
    static int exec(const QStringList &arguments);
    static int usage(const QString &problem); // prints the problem and the usage; returns Usage
    // A recorded trace given where a scenario is expected: says what to do instead.
    static bool refusesTrace(const QString &path);
    static const QStringList &commands();
    static QString overview(); // `threadlab --help`

private:
    static int list(const QStringList &arguments);
    static int help(const QStringList &arguments);
};

} // namespace threadlab
