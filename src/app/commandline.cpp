#include "commandline.h"

#include "cli.h"
#include "clioptions.h"

namespace threadlab {

CommandLine::CommandLine(const QString &command, const QString &synopsis, const QString &description)
    : m_command(command)
    , m_synopsis(synopsis)
    , m_description(description)
    , m_help(QStringList { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help and exit."))
{
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOption(m_help);
}

std::optional<int> CommandLine::parse(const QStringList &arguments)
{
    if (!m_parser.parse(QStringList { QStringLiteral("threadlab ") + m_command } + arguments))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(m_help)) {
        CliOptions::out(help());
        return Cli::Ok;
    }
    return std::nullopt;
}

int CommandLine::usageError(const QString &problem) const
{
    CliOptions::err(QStringLiteral("threadlab %1: %2").arg(m_command, problem));
    CliOptions::err(
        QStringLiteral("usage: threadlab %1 %2 ('threadlab %1 --help' shows the options)").arg(m_command, m_synopsis));
    return Cli::Usage;
}

QString CommandLine::help() const
{
    // QCommandLineParser's own text, without its usage line (ours names the sub-command).
    QString options = m_parser.helpText();
    const qsizetype start = options.indexOf(QStringLiteral("Options:"));
    options = start >= 0 ? options.mid(start) : QString();
    return QStringLiteral("usage: threadlab %1 %2\n\n%3\n\n%4").arg(m_command, m_synopsis, m_description, options);
}

} // namespace threadlab
