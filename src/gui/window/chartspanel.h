#pragma once

#include "chart/chartbuilder.h"

#include <QWidget>
#include <vector>

class QChartView;
class QTabWidget;

namespace threadlab {

struct RecordedRun;

// Charts beside the Gantt: running lanes over time, wall time across this lesson's runs, lock
// wait distribution per lock, time per state per lane. Each exports as PNG or SVG.
class ChartsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ChartsPanel(QWidget *parent = nullptr);

    void showRun(const RecordedRun &recording, const std::vector<WallTimeBar> &session);
    void clear(); // no run shown: empty charts
    int chartCount() const;
    Result<void> exportCurrent(const QString &path) const;
    // Per lane state totals, in the Gantt chart's lane order (top lane at the top of the chart).
    static std::vector<LaneStateTotals> stateTotalsInGanttOrder(const RecordedRun &recording);

protected:
    void changeEvent(QEvent *event) override; // a new palette recolours the charts

private:
    void replace(int index, QChart *chart);
    void exportWithDialog();

    QTabWidget *m_tabs = nullptr;
    std::vector<QChartView *> m_views;
    const RecordedRun *m_shown = nullptr;
    std::vector<WallTimeBar> m_session;
};

} // namespace threadlab
