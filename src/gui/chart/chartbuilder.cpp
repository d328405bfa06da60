#include "chart/chartbuilder.h"

#include "base/clock.h"
#include "base/coretext.h"
#include "chart/imagefile.h"
#include "chart/statepalette.h"
#include "trace/trace.h"
#include "trace/traceanalysis.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QFileInfo>
#include <QHorizontalStackedBarSeries>
#include <QLineSeries>
#include <QPainter>
#include <QPalette>
#include <QValueAxis>

namespace threadlab {

namespace {

// Round ticks for a value axis that has a range (an empty one, with no data, is left alone).
void niceTicks(QValueAxis *axis)
{
    if (axis->max() > axis->min())
        axis->applyNiceNumbers();
}

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

// Puts the series on the chart with x along the bottom and y up the left side.
void addAxes(QChart *chart, QAbstractSeries *series, QAbstractAxis *x, QAbstractAxis *y)
{
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

} // namespace

QChart *ChartBuilder::concurrency(const Trace &trace)
{
    QChart *chart = newChart(Text::tr("Running lanes over time"));
    auto *series = new QLineSeries;
    series->setName(Text::tr("lanes in Running"));
    series->setColor(StatePalette::color(State::Running));
    int previous = 0;
    int peak = 1;
    for (const ConcurrencyPoint &point : TraceAnalysis::runningLanes(trace, kMaxPoints / 2)) {
        const double ms = nsToMs(point.timeNs - trace.originNs);
        series->append(ms, previous); // a step: hold the old count until the change
        series->append(ms, point.running);
        previous = point.running;
        peak = std::max(peak, point.running);
    }
    series->append(nsToMs(trace.lastEventNs - trace.originNs), previous);
    chart->addSeries(series);
    auto *x = new QValueAxis;
    x->setTitleText(Text::tr("ms since start"));
    x->setLabelFormat(QStringLiteral("%.0f"));
    auto *y = new QValueAxis;
    y->setTitleText(Text::tr("running lanes"));
    y->setRange(0, peak + 0.5);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickInterval(std::max(1, peak / 8));
    y->setTickAnchor(0);
    y->setLabelFormat(QStringLiteral("%.0f"));
    addAxes(chart, series, x, y);
    niceTicks(x); // round ticks: 0, 500, 1000 … not 0, 602.5 …
    chart->legend()->hide();
    return chart;
}

void ChartBuilder::followPalette(QChart *chart, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    QColor grid = text;
    grid.setAlpha(40);
    chart->setBackgroundBrush(base);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    for (QAbstractSeries *series : chart->series()) {
        if (auto *bars = qobject_cast<QAbstractBarSeries *>(series)) {
            for (QBarSet *set : bars->barSets()) {
                if (bars->labelsPosition() == QAbstractBarSeries::LabelsOutsideEnd)
                    set->setLabelColor(text);
            }
        }
    }
}

QChart *ChartBuilder::wallTimes(const std::vector<WallTimeBar> &bars, const QString &title)
{
    QChart *chart = newChart(title);
    auto *set = new QBarSet(Text::tr("wall time (ms)"));
    set->setColor(QColor(0x1d, 0x35, 0x57));
    set->setLabelColor(Qt::black);
    QStringList categories;
    double top = 1;
    for (const WallTimeBar &bar : bars) {
        *set << bar.wallMs;
        categories << bar.label;
        top = std::max(top, bar.wallMs);
    }
    auto *series = new QBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsFormat(Text::tr("@value ms"));
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    auto *y = new QValueAxis;
    y->setTitleText(Text::tr("wall time (ms)"));
    y->setRange(0, top * 1.15);
    niceTicks(y);
    y->setLabelFormat(QStringLiteral("%.0f"));
    addAxes(chart, series, x, y);
    chart->legend()->hide();
    return chart;
}

QChart *ChartBuilder::lockWaits(const std::vector<LockWaitDistribution> &locks)
{
    QChart *chart = newChart(locks.empty() ? Text::tr("Lock waits (no lock in this run)")
                                           : Text::tr("Lock wait distribution per lock (ms)"));
    const QString names[]
        = { QStringLiteral("min"), QStringLiteral("median"), QStringLiteral("p95"), QStringLiteral("max") };
    const QColor colors[]
        = { QColor(0xf4, 0xa2, 0x61), QColor(0xe7, 0x6f, 0x51), QColor(0xe6, 0x39, 0x46), QColor(0x9d, 0x02, 0x08) };
    auto *series = new QBarSeries;
    QStringList categories;
    double top = 0.001;
    for (int i = 0; i < 4; ++i) {
        auto *set = new QBarSet(names[i]);
        set->setColor(colors[i]);
        for (const LockWaitDistribution &lock : locks) {
            const double value = i == 0 ? lock.minMs : i == 1 ? lock.medianMs : i == 2 ? lock.p95Ms : lock.maxMs;
            *set << value;
            top = std::max(top, value);
        }
        series->append(set);
    }
    for (const LockWaitDistribution &lock : locks)
        categories << Text::tr("%1 (%2 waits)").arg(lock.lock).arg(lock.waits);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(categories);
    auto *y = new QValueAxis;
    y->setTitleText(Text::tr("wait (ms)"));
    y->setRange(0, top * 1.1);
    addAxes(chart, series, x, y);
    niceTicks(y);
    return chart;
}

QChart *ChartBuilder::stateTotals(const std::vector<LaneStateTotals> &lanes)
{
    QChart *chart = newChart(Text::tr("Time per state, per lane (ms)"));
    auto *series = new QHorizontalStackedBarSeries;
    QStringList categories;
    for (const LaneStateTotals &lane : lanes)
        categories << lane.name;
    for (State state : allStates()) {
        bool any = false;
        for (const LaneStateTotals &lane : lanes)
            any = any || lane.ms[size_t(state)] > 0;
        if (!any)
            continue;
        auto *set = new QBarSet(stateName(state));
        set->setColor(StatePalette::color(state));
        for (const LaneStateTotals &lane : lanes)
            *set << lane.ms[size_t(state)];
        series->append(set);
    }
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(categories);
    auto *x = new QValueAxis;
    x->setTitleText(QStringLiteral("ms"));
    addAxes(chart, series, x, y);
    niceTicks(x);
    return chart;
}

Result<void> ChartBuilder::save(QChart *chart, const QString &path, QSize size)
{
    QChartView view(chart); // owns the chart from here on
    view.setRenderHint(QPainter::Antialiasing);
    view.setFrameShape(QFrame::NoFrame);
    // Lay the chart out as if shown, without showing anything.
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.resize(size);
    view.show();
    QCoreApplication::processEvents();
    chart->resize(size);
    QCoreApplication::processEvents();
    const QString ext = QFileInfo(path).suffix().toLower();
    const auto render = [&view](QPainter &painter) { view.render(&painter); };
    if (ext == QStringLiteral("png"))
        return ImageFile::png(path, size, render);
    if (ext == QStringLiteral("svg"))
        return ImageFile::svg(path, size, chart->title(), render);
    return Error(Text::tr("%1: charts export as .png or .svg").arg(path));
}

} // namespace threadlab
