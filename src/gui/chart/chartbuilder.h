#pragma once

#include "base/result.h"

#include <QSize>
#include <QString>
#include <vector>

class QChart;
class QPalette;

namespace threadlab {

struct Trace;
struct LockWaitDistribution;
struct LaneStateTotals;

struct WallTimeBar
{
    QString label; // "threads · 4 workers · GIL on"
    double wallMs = 0;
};

// The Qt Charts of the summary panel and of `threadlab sweep --export`. Data is thinned before it
// reaches a chart (at most kMaxPoints points), as charts slow down with many points.
class ChartBuilder
{
public:
    static constexpr size_t kMaxPoints = 500;

    static QChart *concurrency(const Trace &trace); // running lanes over time
    static QChart *wallTimes(const std::vector<WallTimeBar> &bars, const QString &title);
    static QChart *lockWaits(const std::vector<LockWaitDistribution> &locks);
    static QChart *stateTotals(const std::vector<LaneStateTotals> &lanes);

    // Background, titles, labels and grid in the palette's colours (a dark desktop gets a dark
    // chart); the series keep their colours. Charts saved to files stay light.
    static void followPalette(QChart *chart, const QPalette &palette);
    // Renders a chart to .png or .svg. Takes ownership of the chart.
    static Result<void> save(QChart *chart, const QString &path, QSize size = QSize(1000, 600));
};

} // namespace threadlab
