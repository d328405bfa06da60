#include "tracecommand.h"

#include "cli.h"
#include "clioptions.h"
#include "commandline.h"
#include "interruptiblerun.h"
#include "recordingoutputs.h"
#include "runtime/programs/programtrace.h"
#include "trace/runsummary.h"

#include <unistd.h>

namespace threadlab {

namespace {

// Records, prints and writes; the exit code: ThreadLab's own (the program's status is in the summary).
int record(ProgramTraceSettings settings, const RecordingOutputs &outputs)
{
    ProgramTrace trace(std::move(settings));
    bool interrupted = false;
    const std::shared_ptr<RecordedRun> recording = InterruptibleRun::watch(trace, &interrupted);
    if (!trace.startError().isEmpty()) {
        CliOptions::err(QStringLiteral("threadlab: ") + trace.startError());
        return Cli::NoProgram;
    }
    const RunSummary summary = RunSummary::from(*recording);
    const int status = !summary.errors.isEmpty() || interrupted ? Cli::RunFailed : Cli::Ok;
    return outputs.write(*recording, summary.toText(), status);
}

// --sched and the outputs' options, as both commands take them: an exit code when one is wrong.
std::optional<int> readCommon(
    CommandLine &line, const QCommandLineOption &sched, RecordingOutputs &outputs, ProgramTraceSettings &settings)
{
    const std::optional<SchedMode> mode = schedModeFromName(line.value(sched));
    if (!mode)
        return line.usageError(
            QStringLiteral("--sched: expected auto, exact, sampled or off, got '%1'").arg(line.value(sched)));
    settings.sched = *mode;
    return outputs.read(line);
}

} // namespace

int TraceCommand::trace(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("trace"), QStringLiteral("[options] -- PROGRAM [ARGUMENTS...]"),
        QStringLiteral(
            "Runs PROGRAM and draws every thread of it and of every process it starts, until all of them have\n"
            "exited: each thread's state from the kernel (running, runnable, sleeping, I/O, futex waits, joins),\n"
            "named by the system call it waits in. A Python program gets a start-up hook that names its threads\n"
            "and processes as Python does and marks its print() calls (--no-python-hook leaves it out).\n"
            "Ctrl+C interrupts the program (SIGINT to its process group; SIGTERM after 2 s, SIGKILL after 4 s)\n"
            "and keeps what was recorded. The program's exit status is in the summary; the exit code is\n"
            "ThreadLab's: 0 traced, 4 interrupted or errors, 7 the program could not be started."));
    const QCommandLineOption sched = CliOptions::schedOption();
    const QCommandLineOption directory(QStringLiteral("cwd"),
        QStringLiteral("Run the program in this folder (default: the current one)."), QStringLiteral("folder"));
    const QCommandLineOption noHook(
        QStringLiteral("no-python-hook"), QStringLiteral("Run a Python program without ThreadLab's start-up hook."));
    for (const QCommandLineOption &option : { sched, directory, noHook })
        line.addOption(option);
    RecordingOutputs outputs;
    outputs.addOptions(line);
    // Everything after "--" is the program's; without "--", the first word that is not an option.
    const qsizetype split = arguments.indexOf(QStringLiteral("--"));
    const QStringList own = split >= 0 ? arguments.mid(0, split) : arguments;
    if (const auto done = line.parse(own))
        return *done;
    QStringList command = split >= 0 ? arguments.mid(split + 1) : line.positional();
    if (split >= 0 && !line.positional().isEmpty())
        return line.usageError(
            QStringLiteral("'%1' comes before '--': put the program after it").arg(line.positional().join(u' ')));
    if (command.isEmpty())
        return line.usageError(QStringLiteral("which program? (threadlab trace -- python3 my_program.py)"));
    ProgramTraceSettings settings;
    if (const auto wrong = readCommon(line, sched, outputs, settings))
        return *wrong;
    if (const auto unwritable = outputs.checkWritable())
        return *unwritable;
    settings.command = command;
    settings.workingDirectory = line.value(directory);
    settings.pythonHook = !line.isSet(noHook);
    // A program in the background process group must not read the terminal (it would be stopped).
    settings.stdinFromNull = ::isatty(STDIN_FILENO) == 1;
    return record(settings, outputs);
}

int TraceCommand::attach(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("attach"), QStringLiteral("PID [options]"),
        QStringLiteral("Traces a running process of yours and the processes it starts, until it exits, --seconds\n"
                       "pass, or Ctrl+C (which leaves the process running). Each thread's state comes from the\n"
                       "kernel, as with 'threadlab trace'. Exit code 7: no such process, or not yours."));
    const QCommandLineOption sched = CliOptions::schedOption();
    const QCommandLineOption seconds(QStringLiteral("seconds"),
        QStringLiteral("Stop tracing after this many seconds, 1 to 86400 (default: when the process exits)."),
        QStringLiteral("n"));
    line.addOption(sched);
    line.addOption(seconds);
    RecordingOutputs outputs;
    outputs.addOptions(line);
    if (const auto done = line.parse(arguments))
        return *done;
    const QStringList positional = line.positional();
    bool number = false;
    const qint64 pid = positional.value(0).toLongLong(&number);
    if (positional.size() != 1 || !number || pid <= 0)
        return line.usageError(positional.isEmpty()
                ? QStringLiteral("which process? (a process id, as ps shows it)")
                : QStringLiteral("expected one process id, got '%1'").arg(positional.join(u' ')));
    int limit = 0;
    if (line.isSet(seconds)) {
        limit = line.value(seconds).toInt(&number);
        if (!number || limit < 1 || limit > 86'400)
            return line.usageError(QStringLiteral("--seconds: expected a whole number from 1 to 86400, got '%1'")
                                       .arg(line.value(seconds)));
    }
    ProgramTraceSettings settings;
    if (const auto wrong = readCommon(line, sched, outputs, settings))
        return *wrong;
    if (const QString problem = ProgramTrace::attachProblem(pid); !problem.isEmpty()) {
        CliOptions::err(QStringLiteral("threadlab attach: ") + problem);
        return Cli::NoProgram;
    }
    if (const auto unwritable = outputs.checkWritable())
        return *unwritable;
    settings.attachPid = pid;
    settings.attachSeconds = limit;
    return record(settings, outputs);
}

} // namespace threadlab
