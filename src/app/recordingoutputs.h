#pragma once

#include "exportcommand.h"

#include <QCommandLineOption>
#include <QString>
#include <QStringList>
#include <optional>

namespace threadlab {

class CommandLine;
struct RecordedRun;

// What `run`, `trace` and `attach` write once they have recorded: the summary (text, and JSON with
// --summary-json) and the --export files, with the image options.
class RecordingOutputs
{
public:
    RecordingOutputs();
    void addOptions(CommandLine &line) const;
    // After parsing: reads the options; an exit code when they are wrong.
    std::optional<int> read(CommandLine &line);
    // Before recording: every output file can be written (else a message and Cli::OutputFailed).
    std::optional<int> checkWritable() const;
    // Prints the summary (with `extra` lines under it) and writes the outputs; returns `status`, or
    // Cli::OutputFailed when a file could not be written.
    int write(const RecordedRun &recording, const QString &text, int status) const;

private:
    QCommandLineOption m_summary;
    QCommandLineOption m_export;
    QString m_summaryPath;
    bool m_summaryAsked = false;
    QStringList m_exports;
    ImageSettings m_image;
};

} // namespace threadlab
