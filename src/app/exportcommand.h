#pragma once

#include "chart/ganttframe.h"

#include <QSize>
#include <QStringList>
#include <optional>

namespace threadlab {

class CommandLine;
struct RecordedRun;

// How chart images are exported: --export-size WxH, --export-view threads|cores, --export-title on|off.
struct ImageSettings
{
    QSize size; // empty: the chart's natural size
    ChartView view = ChartView::Threads;
    bool title = true; // a title line above the chart: what was run (--export-title off: none)
};

// `threadlab export <in.threadlab> <out>...`: re-exports a saved trace without running anything.
class ExportCommand
{
public:
    static int exec(const QStringList &arguments); // arguments after "export"
    // --export-size and --export-view, as run and export take them: added to the line, then read
    // after it is parsed (an exit code when one is wrong, the usage error said).
    static void addImageOptions(CommandLine &line);
    static std::optional<int> readImageOptions(CommandLine &line, ImageSettings &out);
    // Writes each file (the extension picks the format); false if any could not be written, each
    // failure reported on standard error. Successes are listed on standard output unless quiet.
    static bool writeAll(
        const RecordedRun &recording, const QStringList &paths, const ImageSettings &image, bool quiet);
};

} // namespace threadlab
