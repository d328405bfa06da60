#include "window/chartspanel.h"

#include "chart/lanelayout.h"
#include "trace/recordedrun.h"
#include "trace/traceanalysis.h"

#include <QChartView>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace threadlab {

namespace {
const char *const kTitles[] = { "Concurrency", "Wall time", "Lock waits", "States" };
}

ChartsPanel::ChartsPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_tabs = new QTabWidget(this);
    for (const char *title : kTitles) {
        auto *view = new QChartView(m_tabs);
        view->setRenderHint(QPainter::Antialiasing);
        m_views.push_back(view);
        m_tabs->addTab(view, tr(title));
    }
    layout->addWidget(m_tabs);
    auto *buttons = new QHBoxLayout;
    auto *exportButton = new QPushButton(tr("Export chart…"), this);
    exportButton->setObjectName(QStringLiteral("exportChartButton"));
    exportButton->setToolTip(tr("Save the chart shown as PNG or SVG"));
    buttons->addStretch();
    buttons->addWidget(exportButton);
    layout->addLayout(buttons);
    connect(exportButton, &QPushButton::clicked, this, &ChartsPanel::exportWithDialog);
}

int ChartsPanel::chartCount() const
{
    return int(m_views.size());
}

void ChartsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    for (QChartView *view : m_views) {
        if (view->chart())
            ChartBuilder::followPalette(view->chart(), palette());
    }
}

void ChartsPanel::replace(int index, QChart *chart)
{
    QChartView *view = m_views[size_t(index)];
    QChart *old = view->chart();
    ChartBuilder::followPalette(chart, palette());
    view->setChart(chart);
    delete old;
}

std::vector<LaneStateTotals> ChartsPanel::stateTotalsInGanttOrder(const RecordedRun &recording)
{
    // The lanes as the Gantt chart lists them, top first; a horizontal bar chart lists its first
    // category at the bottom, so they go in reversed.
    const std::vector<LaneStateTotals> totals = TraceAnalysis::stateTotals(recording.trace);
    std::vector<LaneStateTotals> ordered;
    for (const LaneRow &row : LaneLayout::build(recording.trace, recording.pid)) {
        if (row.kind != LaneRow::Lane)
            continue;
        const auto it = std::find_if(
            totals.begin(), totals.end(), [&row](const LaneStateTotals &lane) { return lane.lane == row.lane; });
        if (it != totals.end())
            ordered.push_back(*it);
    }
    std::reverse(ordered.begin(), ordered.end());
    return ordered;
}

void ChartsPanel::showRun(const RecordedRun &recording, const std::vector<WallTimeBar> &session)
{
    m_shown = &recording;
    m_session = session;
    replace(0, ChartBuilder::concurrency(recording.trace));
    replace(1, ChartBuilder::wallTimes(session, tr("Wall time of this lesson's runs in this session")));
    replace(2, ChartBuilder::lockWaits(TraceAnalysis::lockWaits(recording.trace)));
    replace(3, ChartBuilder::stateTotals(stateTotalsInGanttOrder(recording)));
}

void ChartsPanel::clear()
{
    m_shown = nullptr;
    m_session.clear();
    replace(0, ChartBuilder::concurrency(Trace()));
    replace(1, ChartBuilder::wallTimes({}, tr("Wall time of this lesson's runs in this session")));
    replace(2, ChartBuilder::lockWaits({}));
    replace(3, ChartBuilder::stateTotals({}));
}

Result<void> ChartsPanel::exportCurrent(const QString &path) const
{
    if (!m_shown)
        return Error(tr("Run a scenario first: there is no chart yet"));
    QChart *chart = nullptr;
    switch (m_tabs->currentIndex()) {
    case 0:
        chart = ChartBuilder::concurrency(m_shown->trace);
        break;
    case 1:
        chart = ChartBuilder::wallTimes(m_session, tr("Wall time of this lesson's runs in this session"));
        break;
    case 2:
        chart = ChartBuilder::lockWaits(TraceAnalysis::lockWaits(m_shown->trace));
        break;
    default:
        chart = ChartBuilder::stateTotals(stateTotalsInGanttOrder(*m_shown));
        break;
    }
    return ChartBuilder::save(chart, path, QSize(1200, 700));
}

void ChartsPanel::exportWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export chart"), QStringLiteral("chart.png"), tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    if (const Result<void> written = exportCurrent(path); !written)
        QMessageBox::warning(this, tr("Export chart"), written.error().text());
}

} // namespace threadlab
