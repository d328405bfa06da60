#pragma once

#include "base/result.h"
#include "chart/ganttframe.h"

#include <QSize>
#include <QString>
#include <QStringList>

namespace threadlab {

struct RecordedRun;

// Writes a recorded run in the format its file name asks for: .png, .svg, .pdf (the chart, drawn by
// the chart's own painter), .csv (segments), .json (Chrome trace for Perfetto), .threadlab (native).
class RunExporter
{
public:
    static const QStringList &extensions();
    static bool supports(const QString &path);
    static bool isImage(const QString &path);
    // Chart images show the Threads or the Cores view, under a title line unless titled is false.
    static Result<void> write(const RecordedRun &recording, const QString &path, QSize imageSize = {},
        ChartView view = ChartView::Threads, bool titled = true);
    // "counter-race — Counter race: lock on / lock off · threads, 4 workers, lock on, GIL off · wall 1.46 s"
    static QString titleLine(const RecordedRun &recording);
};

} // namespace threadlab
