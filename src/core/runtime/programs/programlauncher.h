#pragma once

#include "base/result.h"

#include <QStringList>
#include <functional>
#include <optional>

namespace threadlab {

// Starts a program to trace: in a process group of its own (so that stopping it reaches every
// process it started), in its working directory, with the environment given. An error says what
// failed: no such program, not executable, a working directory that is not there.
class ProgramLauncher
{
public:
    struct Spec
    {
        QStringList command; // the program (found on PATH when it has no '/') and its arguments
        QString workingDirectory; // empty: ThreadLab's
        QStringList environment; // KEY=VALUE, all of it
        bool stdinFromNull = false; // its standard input is /dev/null (the window; a terminal's is not its)
        // Its standard output and error go to a pipe whose reading end launch() hands back (the
        // window shows what it wrote); else they are ThreadLab's.
        bool captureOutput = false;
        // Called with the new process's pid after the fork and before the exec, which waits for it
        // (to follow the program from its first instruction: SchedCapture::followSyscalls).
        std::function<void(qint64 pid)> beforeExec;
    };

    // outputFd: the pipe's reading end (non-blocking, close-on-exec), or -1 when not captured.
    static Result<qint64> launch(const Spec &spec, int *outputFd = nullptr);
    // Whether it has ended (its wait status), without waiting; reaps it when it has.
    static std::optional<int> reap(qint64 pid);
    // Sends a signal to its process group, and to itself (should it have left the group) unless it
    // has been reaped: its pid may then be another process's.
    static void signal(qint64 pid, int signal, bool reaped = false);
    // The program's path as launch() would run it; empty when there is none (saying why).
    static QString resolve(const QString &program, const QStringList &environment, QString &why);
};

} // namespace threadlab
