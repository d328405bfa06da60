#pragma once

#include "scenario/scenario.h"

#include <QStringList>
#include <vector>

namespace threadlab {

// One process of a traced program (its own or one it started), as its lanes' header names it.
struct TracedProcess
{
    qint64 pid = 0;
    qint64 parentPid = 0; // 0: the program itself (or the attached process)
    QString command; // its command line, as /proc/PID/cmdline had it when first seen
    // -1: still running when tracing ended, or not known (a child's status is seen only while it is
    // a zombie, before its parent reaps it; the program's own is always known)
    int exitCode = -1;
    int signal = 0; // the signal that ended it (0: none)
};

// What `threadlab trace` or `attach` recorded besides the lanes: which program, and how it ended.
// A recording with pid 0 is a scenario's run.
struct ProgramRun
{
    QStringList command; // as given (trace) or as /proc had it (attach)
    QString workingDirectory;
    qint64 pid = 0; // the program's first process
    bool attached = false; // attached to a running process, not started by ThreadLab
    bool exited = false; // false: still running when tracing ended (attach), or stopped
    int exitCode = -1;
    int signal = 0; // the signal that ended it (0: none)
    QString pythonHook; // how the Python start-up hook was used, in words (empty: not a Python program)
    QString lesson; // the built-in lesson this program re-enacts (its runs are compared with it)
    // The end of what it wrote to its standard output and error, when ThreadLab kept them (the
    // window does; at most kMaxOutputTail bytes).
    QString outputTail;
    static constexpr qsizetype kMaxOutputTail = 16 * 1024;

    bool isSet() const { return pid != 0; }
    QString displayCommand() const; // the command line as a shell would show it
    // After "the program": "exited with status 0", "was killed by signal 11 (SIGSEGV)", "was still running…"
    QString exitText() const;
    // The scenario-shaped description that the summary, the lesson panel and the runs list read.
    Scenario describe() const;
};

QString signalName(int signal); // "SIGSEGV"

} // namespace threadlab
