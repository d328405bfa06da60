#include "trace/tracedprogram.h"

#include "base/coretext.h"

#include <algorithm>
#include <csignal>
#include <cstring>

namespace threadlab {

QString signalName(int signal)
{
    const char *abbreviation = sigabbrev_np(signal);
    return abbreviation ? QStringLiteral("SIG") + QLatin1String(abbreviation) : Text::tr("signal %1").arg(signal);
}

QString ProgramRun::displayCommand() const
{
    QStringList words;
    for (const QString &word : command) {
        const bool plain = !word.isEmpty() && std::all_of(word.begin(), word.end(), [](QChar c) {
            return c.isLetterOrNumber() || QStringLiteral("-_./=:,+@%").contains(c);
        });
        words << (plain ? word : u'\'' + QString(word).replace(u'\'', QStringLiteral("'\\''")) + u'\'');
    }
    return words.join(u' ');
}

QString ProgramRun::exitText() const
{
    if (!exited)
        return attached ? Text::tr("was still running when tracing ended") : Text::tr("was stopped before it ended");
    if (signal != 0)
        return Text::tr("was killed by signal %1 (%2)").arg(signal).arg(signalName(signal));
    return Text::tr("exited with status %1").arg(exitCode);
}

Scenario ProgramRun::describe() const
{
    Scenario scenario;
    // Runs of the same program compare with each other; a lesson's real program with its lesson.
    scenario.id = QStringLiteral("program:") + displayCommand().left(200);
    scenario.title = displayCommand().left(200);
    scenario.topic = QStringLiteral("programs");
    scenario.compareWith = lesson;
    // Plain text: the lesson panel escapes it.
    QString text = attached ? Text::tr("ThreadLab attached to process %1 (%2) and drew each of its threads, and those "
                                       "of the processes it started, as the kernel scheduled them.")
                                  .arg(pid)
                                  .arg(scenario.title)
                            : Text::tr("ThreadLab ran %1 and drew each of its threads, and those of every process it "
                                       "started, as the kernel scheduled them.")
                                  .arg(scenario.title);
    if (!workingDirectory.isEmpty())
        text += Text::tr(" Working directory: %1.").arg(workingDirectory);
    text += Text::tr(" A lane's waits are named by the system call its thread was blocked in: futex → lock wait "
                     "(CPython's threads waiting for the GIL wait on a futex too, all at one address), a sleep or a "
                     "select/poll on no file → sleeping, poll, read or recv on a pipe or socket → I/O, wait4/waitid → "
                     "join. Hover over a wait to see the call and the rule.");
    if (!pythonHook.isEmpty())
        text += Text::tr(" Python: %1.").arg(pythonHook);
    text += Text::tr(" The program %1.").arg(exitText());
    scenario.lesson = text;
    return scenario;
}

} // namespace threadlab
