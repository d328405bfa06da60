#pragma once

#include "chart/ganttframe.h"

#include <QSize>
#include <QStringList>

namespace threadlab {

struct RecordedRun;

// `threadlab export <in.threadlab> <out>...`: re-exports a saved trace without running anything.
class ExportCommand
{
public:
    static int exec(const QStringList &arguments); // arguments after "export"
    // Writes each file (the extension picks the format); false if any could not be written, each
    // failure reported on standard error. Successes are listed on standard output unless quiet.
    static bool writeAll(
        const RecordedRun &recording, const QStringList &paths, QSize imageSize, ChartView view, bool quiet);
};

} // namespace threadlab
