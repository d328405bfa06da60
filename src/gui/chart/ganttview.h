#pragma once

#include "chart/ganttframe.h"
#include "chart/gantthit.h"
#include "chart/ganttpainter.h"
#include "trace/tracesource.h"

#include <QAbstractScrollArea>
#include <QPoint>

class QAction;

namespace threadlab {

// The live Gantt chart. It only reads the trace it is given: a growing one under its builder's lock,
// for the length of a frame or a tooltip (the owner calls traceUpdated() at the display rate). While it follows, the
// whole run stays in view as it grows; zooming (Ctrl+wheel, +/−), panning (drag, Shift+wheel, arrows, scroll bar) leave
// follow mode; Fit (F) returns to it. Hover shows what a lane was doing; clicking a lock wait shows who held the lock
// and links the release to the wait it ended.
class GanttView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit GanttView(QWidget *parent = nullptr);

    void setTrace(TraceSource trace, qint64 ownPid);
    // Threads (a row per lane) or Cores (a row per CPU, from the OS scheduler's data).
    void setView(ChartView view);
    ChartView view() const { return m_view; }
    // View > Cores view: checkable, toggles the view (Ctrl+Shift+C).
    QAction *coresAction() const { return m_coresAction; }
    // View > Next / Previous lost update (N, Shift+N): selects the next write that lost updates
    // and zooms to it and the writes it erased. Enabled when the trace has one.
    QAction *nextLostAction() const { return m_nextLostAction; }
    QAction *previousLostAction() const { return m_previousLostAction; }
    bool showLostUpdate(bool forward);
    const RaceSelection &race() const { return m_race; }
    const ResultLink &resultLink() const { return m_result; }
    void traceUpdated(int64_t nowNs, bool live);

    void fit();
    void zoomBy(double factor);
    // Shows [startNs, startNs + spanNs) and says why in a caption over the chart (until the view
    // is fitted or another trace shown): a first view that makes a lesson's point readable.
    void showWindow(int64_t startNs, int64_t spanNs, const QString &caption);
    QString caption() const { return m_caption; }
    // Centres the chart on t (at the zoom it has), brings the lane into view and marks the moment
    // with a line until the next click: where a console line was printed, say.
    void showMoment(int lane, int64_t t);
    int64_t momentNs() const { return m_momentNs; }
    // A replay: the chart shows the run up to t only (INT64_MAX: all of it), and scrolls to keep
    // t in view.
    void setRevealNs(int64_t t);
    int64_t revealNs() const { return m_revealNs; }
    void setFollow(bool follow);
    bool follows() const { return m_follow; }

    const TimeMapping &mapping() const { return m_mapping; }
    const std::vector<LaneRow> &rows() const { return m_rows; }
    GanttHit hitAt(const QPoint &viewportPos) const;
    void selectAt(const QPoint &viewportPos);
    const LockWaitSelection &selection() const { return m_selection; }
    // A frame of the chart as the view shows it, for the given size, painting the trace read.
    GanttFrame frame(const QSize &size, const TraceReading &trace) const;
    // The window as time since the run's start: how two runs are shown on one scale.
    int64_t relativeStartNs() const;
    void setRelativeView(int64_t relativeStartNs, double nsPerPixel);

Q_SIGNALS:
    void followChanged(bool follows);
    void viewChanged();
    // After each paint: the newest event the chart drew, and how many the trace held (-1, 0
    // without a trace). What bench_live times event -> pixel by.
    void framePainted(int64_t newestEventNs, uint64_t events);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    int chartWidth() const;
    int64_t extentEndNs() const;
    void setMapping(TimeMapping mapping);
    void syncScrollBars();
    void leaveFollow();
    void rebuildRows(const Trace &trace, bool force = false);
    // While a run goes on: from when the picture can still change (before it, it is final).
    int64_t stillChangingFromNs(const Trace &trace) const;
    bool hasTrace() const { return !m_source.isNull(); }

    void selectRace(int64_t lostWriteNs, qint64 pid, uint32_t counter);
    void updateLostActions(const Trace &trace);
    void scrollLaneIntoView(int lane);

    QAction *m_coresAction = nullptr;
    QAction *m_nextLostAction = nullptr;
    QAction *m_previousLostAction = nullptr;
    RaceSelection m_race;
    ResultLink m_result;
    TraceSource m_source;
    int64_t m_originNs = 0; // of the trace, as last read
    int64_t m_lastEventNs = 0;
    qint64 m_ownPid = 0;
    std::vector<LaneRow> m_rows;
    size_t m_rowsForLanes = 0; // what the rows were built for: CPUs, or a key of lanes, locks, counters, queues
    ChartView m_view = ChartView::Threads;
    int m_legendHeight = GanttFrame::kLegendRowHeight + 4;
    TimeMapping m_mapping;
    bool m_follow = true;
    bool m_live = false;
    int64_t m_nowNs = 0;
    LockWaitSelection m_selection;
    GanttPainter m_painter;
    QPoint m_pressPos;
    QPoint m_lastDragPos;
    bool m_dragging = false;
    bool m_bandArmed = false; // pressed with Ctrl: a drag zooms to the stretch dragged over
    bool m_banding = false;
    QString m_caption;
    int64_t m_momentNs = -1;
    int64_t m_revealNs = INT64_MAX;
    int m_momentLane = -1;
    bool m_syncing = false;
};

} // namespace threadlab
