#include "cli.h"

#include "clioptions.h"
#include "runcommand.h"
#include "scenariolibrary.h"
#include "sweepcommand.h"

namespace threadlab {

bool Cli::handles(const QStringList &arguments)
{
    return arguments.size() > 1;
}

int Cli::usage(const QString &problem)
{
    CliOptions::err(QStringLiteral("threadlab: ") + problem);
    CliOptions::err(CliOptions::usage().trimmed());
    return Usage;
}

int Cli::exec(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    const QStringList rest = arguments.mid(2);
    if (command == QStringLiteral("list"))
        return rest.isEmpty() ? list() : usage(QStringLiteral("'list' takes no arguments"));
    if (command == QStringLiteral("run"))
        return RunCommand::exec(rest);
    if (command == QStringLiteral("sweep"))
        return SweepCommand::exec(rest);
    if (command == QStringLiteral("help") || command == QStringLiteral("--help") || command == QStringLiteral("-h")) {
        CliOptions::out(CliOptions::usage());
        return Ok;
    }
    return usage(QStringLiteral("unknown command '") + command + u'\'');
}

int Cli::list()
{
    const QList<ScenarioEntry> entries = ScenarioLibrary::builtIns();
    qsizetype width = 0;
    for (const ScenarioEntry &entry : entries)
        width = std::max(width, entry.id.size());
    for (const ScenarioEntry &entry : entries)
        CliOptions::out(entry.id.leftJustified(width + 2) + entry.topic.leftJustified(12) + entry.title + u'\n');
    return Ok;
}

} // namespace threadlab
