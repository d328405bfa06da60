#pragma once

#include "runtime/schedcapture.h"
#include "scenario/scenario.h"

#include <QCommandLineOption>
#include <QSize>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace threadlab {

// Parsing of the CLI's option values; each returns nullopt for a value it cannot read.
class CliOptions
{
public:
    static std::optional<bool> onOff(const QString &value);
    static std::optional<ExecutorKind> executor(const QString &value);
    static std::optional<int> workers(const QString &value);
    static std::optional<QSize> size(const QString &value); // "1600x900"
    // --sched auto|exact|sampled|off, shared by run and sweep.
    static QCommandLineOption schedOption();
    // "1,2,4": every item must parse.
    template <typename T, typename Parse> static std::optional<std::vector<T>> list(const QString &value, Parse &&parse)
    {
        std::vector<T> items;
        for (const QString &part : value.split(u',')) {
            const std::optional<T> item = parse(part.trimmed());
            if (!item)
                return std::nullopt;
            items.push_back(*item);
        }
        return items;
    }

    // Writes JSON to a file, or to standard output for "-"; false (with a message) if it cannot.
    static bool writeJson(const QByteArray &json, const QString &path);
    // Text as it may go to a terminal: control characters other than tab and newline escaped (\x1b).
    static QString printable(const QString &text);
    // Write printable(text) whole (a NUL does not end it).
    static void out(const QString &text);
    static void err(const QString &text);
};

} // namespace threadlab
