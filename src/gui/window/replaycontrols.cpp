#include "window/replaycontrols.h"

#include "chart/ganttview.h"
#include "trace/trace.h"
#include "trace/traceanalysis.h"

#include <QAction>
#include <QComboBox>
#include <QTimer>
#include <QToolBar>

namespace threadlab {

namespace {
constexpr int kFrameMs = 16;
} // namespace

ReplayControls::ReplayControls(QToolBar *bar, GanttView *view)
    : QObject(bar)
    , m_view(view)
    , m_timer(new QTimer(this))
{
    m_play = bar->addAction(tr("Replay"));
    m_play->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_play->setToolTip(tr("Play the run back from its start, revealing what happened as it happened (%1)")
                           .arg(m_play->shortcut().toString(QKeySequence::NativeText)));
    m_speed = new QComboBox(bar);
    m_speed->addItem(tr("×1"), 1.0);
    m_speed->addItem(tr("×0.1"), 0.1);
    m_speed->addItem(tr("×0.01"), 0.01);
    m_speed->setToolTip(tr("Replay speed: real time, ten or a hundred times slower"));
    m_speed->setAccessibleName(tr("Replay speed"));
    bar->addWidget(m_speed);
    m_step = bar->addAction(tr("Step"));
    m_step->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_step->setToolTip(tr("Pause and go to the next moment a lane's state changes (%1)")
                           .arg(m_step->shortcut().toString(QKeySequence::NativeText)));
    m_end = bar->addAction(tr("End replay"));
    m_end->setToolTip(tr("Show the whole run again"));
    m_timer->setInterval(kFrameMs);
    connect(m_timer, &QTimer::timeout, this, &ReplayControls::tick);
    connect(m_play, &QAction::triggered, this, [this] { isPlaying() ? pause() : play(); });
    connect(m_step, &QAction::triggered, this, &ReplayControls::step);
    connect(m_end, &QAction::triggered, this, &ReplayControls::end);
    updateActions();
}

bool ReplayControls::isPlaying() const
{
    return m_timer->isActive();
}

double ReplayControls::speed() const
{
    return m_speed->currentData().toDouble();
}

void ReplayControls::setSpeed(double speed)
{
    const int index = m_speed->findData(speed);
    if (index >= 0)
        m_speed->setCurrentIndex(index);
}

void ReplayControls::setTrace(const Trace *trace)
{
    if (trace == m_trace)
        return;
    m_timer->stop();
    m_trace = trace;
    m_revealNs = INT64_MAX; // the view shows a new trace whole
    updateActions();
}

void ReplayControls::play()
{
    if (!m_trace)
        return;
    if (!isReplaying() || m_revealNs >= m_trace->lastEventNs)
        reveal(m_trace->originNs);
    m_clock.start();
    m_timer->start();
    updateActions();
}

void ReplayControls::pause()
{
    m_timer->stop();
    updateActions();
}

void ReplayControls::step()
{
    if (!m_trace)
        return;
    m_timer->stop();
    const int64_t from = isReplaying() ? m_revealNs : m_trace->originNs;
    const int64_t next = TraceAnalysis::nextStateChange(*m_trace, from);
    reveal(next == INT64_MAX ? m_trace->lastEventNs : next);
    updateActions();
}

void ReplayControls::end()
{
    m_timer->stop();
    m_revealNs = INT64_MAX;
    m_view->setRevealNs(INT64_MAX);
    m_view->setFollow(true); // the whole run, fitted
    m_view->fit();
    updateActions();
}

void ReplayControls::tick()
{
    if (!m_trace) {
        end();
        return;
    }
    // Wall time since the last frame, slowed down: at ×0.01 a 10 ms race takes a second.
    const int64_t elapsed = m_clock.nsecsElapsed();
    m_clock.restart();
    const int64_t t = m_revealNs + std::max<int64_t>(1, int64_t(double(elapsed) * speed()));
    if (t >= m_trace->lastEventNs) {
        reveal(m_trace->lastEventNs);
        pause();
        return;
    }
    reveal(t);
}

void ReplayControls::reveal(int64_t t)
{
    m_revealNs = t;
    m_view->setRevealNs(t);
}

void ReplayControls::updateActions()
{
    const bool available = m_trace != nullptr;
    m_play->setEnabled(available);
    const bool midway = isReplaying() && m_trace && m_revealNs < m_trace->lastEventNs;
    m_play->setText(isPlaying() ? tr("Pause") : midway ? tr("Resume") : tr("Replay"));
    m_step->setEnabled(available);
    m_end->setEnabled(available && isReplaying());
    m_speed->setEnabled(available);
}

} // namespace threadlab
