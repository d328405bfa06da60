#include "cli.h"

#include "base/closestmatch.h"
#include "clioptions.h"
#include "commandline.h"
#include "exportcommand.h"
#include "runcommand.h"
#include "scenario/scenariolibrary.h"
#include "sweepcommand.h"
#include "trace/tracefile.h"
#include "tracecommand.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstring>

namespace threadlab {

const QStringList &Cli::commands()
{
    static const QStringList names { QStringLiteral("list"), QStringLiteral("run"), QStringLiteral("sweep"),
        QStringLiteral("trace"), QStringLiteral("attach"), QStringLiteral("export"), QStringLiteral("help") };
    return names;
}

bool Cli::handles(int argc, const char *const *argv)
{
    if (argc < 2)
        return false;
    const char *first = argv[1];
    for (const char *option : { "--help", "-h", "--version", "-v" }) {
        if (std::strcmp(first, option) == 0)
            return true;
    }
    if (first[0] == '-')
        return false; // Qt's options (-style, -platform …) go to the window
    // A file to open looks like one (a path or a .json/.threadlab name); a bare word is a command,
    // or a typo of one that deserves "did you mean".
    const QString word = QString::fromLocal8Bit(first);
    return !word.contains(u'/') && !word.contains(u'.');
}

QString Cli::overview()
{
    return QStringLiteral(
        "usage: threadlab [FILE.threadlab|FILE.json]   open the window (on that trace or scenario);\n"
        "                                              Qt's options (-style, -platform ...) go to Qt\n"
        "       threadlab list [--json]                built-in scenario ids, topics and titles\n"
        "       threadlab run <id|file.json> ...       run a scenario headless: summary, exports\n"
        "       threadlab sweep <id|file.json> ...     run it once per setting, compare wall times\n"
        "       threadlab trace [...] -- PROGRAM ARGS  run any program and trace its threads and processes\n"
        "       threadlab attach PID [--seconds N]     trace a running process of yours\n"
        "       threadlab export <in.threadlab> <out>  re-export a saved trace without running it\n"
        "       threadlab help <command>               a command's options (also: COMMAND --help)\n"
        "       threadlab --version\n"
        "\n"
        "exit codes: 0 success, 2 bad command line, 3 bad scenario or trace file, 4 the run reported errors\n"
        "            or was interrupted, 5 an output file could not be written, 6 the run deadlocked,\n"
        "            7 the program could not be started (trace) or the process is not there or not yours (attach)\n");
}

int Cli::usage(const QString &problem)
{
    CliOptions::err(QStringLiteral("threadlab: ") + problem);
    CliOptions::err(overview().trimmed());
    return Usage;
}

bool Cli::refusesTrace(const QString &path)
{
    if (!TraceFile::isTraceFile(path))
        return false;
    CliOptions::err(QStringLiteral("%1: this is a recorded trace, not a scenario: open it in the window ('threadlab "
                                   "%1') or export it ('threadlab export %1 OUT.png')")
                        .arg(path));
    return true;
}

int Cli::exec(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    const QStringList rest = arguments.mid(2);
    if (command == QStringLiteral("--version") || command == QStringLiteral("-v")) {
        CliOptions::out(QStringLiteral("threadlab %1\n").arg(QCoreApplication::applicationVersion()));
        return Ok;
    }
    if (command == QStringLiteral("--help") || command == QStringLiteral("-h")) {
        CliOptions::out(overview());
        return Ok;
    }
    if (command == QStringLiteral("list"))
        return list(rest);
    if (command == QStringLiteral("run"))
        return RunCommand::exec(rest);
    if (command == QStringLiteral("sweep"))
        return SweepCommand::exec(rest);
    if (command == QStringLiteral("trace"))
        return TraceCommand::trace(rest);
    if (command == QStringLiteral("attach"))
        return TraceCommand::attach(rest);
    if (command == QStringLiteral("export"))
        return ExportCommand::exec(rest);
    if (command == QStringLiteral("help"))
        return help(rest);
    const QString guess = closestMatch(command, commands());
    return usage(QStringLiteral("unknown command '%1'").arg(command)
        + (guess.isEmpty() ? QString() : QStringLiteral("; did you mean '%1'?").arg(guess)));
}

int Cli::help(const QStringList &arguments)
{
    if (arguments.isEmpty()) {
        CliOptions::out(overview());
        return Ok;
    }
    if (arguments.size() == 1 && commands().contains(arguments.constFirst()) && arguments.constFirst() != u"help")
        return exec(QStringList { QStringLiteral("threadlab"), arguments.constFirst(), QStringLiteral("--help") });
    return usage(QStringLiteral("help: expected one of list, run, sweep, trace, attach, export; got '%1'")
                     .arg(arguments.join(u' ')));
}

int Cli::list(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("list"), QStringLiteral("[--json]"),
        QStringLiteral("Lists the built-in scenarios: the id to pass to 'threadlab run', the topic and the title."));
    const QCommandLineOption json(QStringLiteral("json"),
        QStringLiteral("Write a JSON array of {\"id\", \"topic\", \"title\"} objects instead of a table."));
    line.addOption(json);
    if (const auto done = line.parse(arguments))
        return *done;
    if (!line.positional().isEmpty())
        return line.usageError(QStringLiteral("takes no arguments, got '%1'").arg(line.positional().join(u' ')));
    const QList<ScenarioEntry> entries = ScenarioLibrary::builtIns();
    if (line.isSet(json)) {
        QJsonArray array;
        for (const ScenarioEntry &entry : entries)
            array.append(QJsonObject { { QStringLiteral("id"), entry.id }, { QStringLiteral("topic"), entry.topic },
                { QStringLiteral("title"), entry.title } });
        CliOptions::out(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return Ok;
    }
    qsizetype width = 0;
    for (const ScenarioEntry &entry : entries)
        width = std::max(width, entry.id.size());
    for (const ScenarioEntry &entry : entries)
        CliOptions::out(entry.id.leftJustified(width + 2) + entry.topic.leftJustified(12) + entry.title + u'\n');
    return Ok;
}

} // namespace threadlab
