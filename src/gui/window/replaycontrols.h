#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <cstdint>

class QAction;
class QComboBox;
class QTimer;
class QToolBar;

namespace threadlab {

class GanttView;
struct Trace;

// Replays a finished run on the chart: from its start at ×1, ×0.1 or ×0.01 of real time, the
// chart revealing what happened as it happened; pause, and step to the next moment a lane's state
// changed, so that a 10 ms race can be followed in slow motion. Adds its controls to a toolbar and
// its actions to a menu's worth of QActions.
class ReplayControls : public QObject
{
    Q_OBJECT
public:
    ReplayControls(QToolBar *bar, GanttView *view);

    // The finished run shown (nullptr: none, or a run is live): what a replay plays.
    void setTrace(const Trace *trace);
    bool isReplaying() const { return m_revealNs != INT64_MAX; }
    bool isPlaying() const;
    int64_t revealNs() const { return m_revealNs; }
    double speed() const;
    void setSpeed(double speed); // 1, 0.1 or 0.01

    QAction *playAction() const { return m_play; }
    QAction *stepAction() const { return m_step; }
    QAction *endAction() const { return m_end; }

    void play(); // from the start, or on from where it is paused
    void pause();
    void step(); // to the next state change on any lane, paused there
    void end(); // the whole run again

private:
    void tick();
    void reveal(int64_t t);
    void updateActions();

    GanttView *m_view;
    const Trace *m_trace = nullptr;
    QAction *m_play = nullptr;
    QAction *m_step = nullptr;
    QAction *m_end = nullptr;
    QComboBox *m_speed = nullptr;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
    int64_t m_revealNs = INT64_MAX;
};

} // namespace threadlab
