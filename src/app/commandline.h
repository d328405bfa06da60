#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <optional>

namespace threadlab {

// One sub-command's command line: its options with their descriptions, `--help`, and the same
// message for every usage error ("threadlab run: …" and where the help is).
class CommandLine
{
public:
    CommandLine(const QString &command, const QString &synopsis, const QString &description);

    void addOption(const QCommandLineOption &option) { m_parser.addOption(option); }
    // An exit code when the command ends here (help shown: 0; a usage error: Cli::Usage).
    std::optional<int> parse(const QStringList &arguments);
    int usageError(const QString &problem) const; // prints it and where the help is; Cli::Usage

    QString help() const;
    QStringList positional() const { return m_parser.positionalArguments(); }
    bool isSet(const QCommandLineOption &option) const { return m_parser.isSet(option); }
    QString value(const QCommandLineOption &option) const { return m_parser.value(option); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QCommandLineOption &option) const { return m_parser.values(option); }

private:
    QString m_command;
    QString m_synopsis;
    QString m_description;
    QCommandLineParser m_parser;
    QCommandLineOption m_help;
};

} // namespace threadlab
