#pragma once

#include "base/result.h"
#include "chart/ganttframe.h"

#include <QSize>
#include <QString>

namespace threadlab {

struct Trace;

// Draws the whole run with the chart's own painter into a PNG, SVG or PDF file (by extension).
class ChartExporter
{
public:
    static constexpr int kDefaultWidth = 1600;

    static constexpr int kTitleHeight = 24;

    // An empty size means: kDefaultWidth wide, as tall as all lanes with axis and legend (and the
    // title line). The Cores view needs the OS scheduler's data. A title, when given, is a line
    // above the chart (RunExporter::titleLine says what the run was).
    static Result<void> exportChart(const Trace &trace, qint64 ownPid, const QString &path, QSize size = {},
        ChartView view = ChartView::Threads, const QString &title = QString());
    // The whole run's picture at this width: as tall as its rows with axis and legend.
    static QSize wholeRunSize(const Trace &trace, qint64 ownPid, int width, ChartView view);
    static bool supports(const QString &path);
};

} // namespace threadlab
