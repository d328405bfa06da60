#include "window/comparedialog.h"

#include "chart/ganttview.h"
#include "trace/outcome.h"
#include "trace/recordedrun.h"
#include "trace/runsummary.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShowEvent>
#include <QSplitter>
#include <QVBoxLayout>

namespace threadlab {

namespace {

int64_t lostUpdates(const RunSummary &summary)
{
    int64_t lost = 0;
    for (const CounterSummary &counter : summary.counters)
        lost += counter.report.lostUpdates;
    return lost;
}

} // namespace

CompareDialog::CompareDialog(std::vector<std::shared_ptr<RecordedRun>> runs, const QStringList &labels, QWidget *parent)
    : QDialog(parent)
    , m_runs(std::move(runs))
{
    setWindowTitle(tr("Compare runs"));
    resize(1300, 760);
    auto *layout = new QVBoxLayout(this);
    auto *choices = new QFormLayout;
    m_first = new QComboBox(this);
    m_second = new QComboBox(this);
    m_first->addItems(labels);
    m_second->addItems(labels);
    choices->addRow(tr("Run A:"), m_first);
    choices->addRow(tr("Run B:"), m_second);
    layout->addLayout(choices);
    m_figures = new QLabel(this);
    m_figures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = m_figures->font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    m_figures->setFont(font);
    auto *figuresRow = new QHBoxLayout;
    figuresRow->addWidget(m_figures, 1);
    auto *fitButton = new QPushButton(tr("&Fit both runs"), this);
    fitButton->setToolTip(tr("Both runs on one scale, the longer one filling the width"));
    connect(fitButton, &QPushButton::clicked, this, &CompareDialog::fit);
    figuresRow->addWidget(fitButton, 0, Qt::AlignTop);
    layout->addLayout(figuresRow);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    for (auto &view : m_views) {
        view = new GanttView(splitter);
        splitter->addWidget(view);
    }
    layout->addWidget(splitter, 1);
    connect(m_views[0], &GanttView::viewChanged, this, [this] { sync(m_views[0], m_views[1]); });
    connect(m_views[1], &GanttView::viewChanged, this, [this] { sync(m_views[1], m_views[0]); });
    connect(m_first, &QComboBox::currentIndexChanged, this, &CompareDialog::update);
    connect(m_second, &QComboBox::currentIndexChanged, this, &CompareDialog::update);
    choose(std::max(0, int(m_runs.size()) - 2), int(m_runs.size()) - 1);
}

GanttView *CompareDialog::view(int index) const
{
    return m_views[index];
}

void CompareDialog::choose(int first, int second)
{
    m_first->setCurrentIndex(first);
    m_second->setCurrentIndex(second);
    update();
}

void CompareDialog::sync(GanttView *from, GanttView *to)
{
    if (m_syncing)
        return;
    m_syncing = true;
    to->setRelativeView(from->relativeStartNs(), from->mapping().nsPerPixel);
    m_syncing = false;
}

void CompareDialog::update()
{
    const int a = m_first->currentIndex();
    const int b = m_second->currentIndex();
    if (a < 0 || b < 0 || size_t(a) >= m_runs.size() || size_t(b) >= m_runs.size())
        return;
    const RecordedRun *runs[2] = { m_runs[size_t(a)].get(), m_runs[size_t(b)].get() };
    for (int i = 0; i < 2; ++i) {
        m_views[i]->setTrace(TraceSource(runs[i]->trace), runs[i]->pid);
        m_views[i]->traceUpdated(runs[i]->trace.lastEventNs, false);
    }
    fit();
    m_figures->setText(figures());
}

void CompareDialog::fit()
{
    const int a = m_first->currentIndex();
    const int b = m_second->currentIndex();
    if (a < 0 || b < 0 || size_t(a) >= m_runs.size() || size_t(b) >= m_runs.size())
        return;
    int64_t longest = 1;
    for (const int run : { a, b })
        longest = std::max(longest, m_runs[size_t(run)]->trace.lastEventNs - m_runs[size_t(run)]->trace.originNs);
    // One scale for both: the longer run fits the width the views have now.
    const double nsPerPixel
        = double(longest) * 1.04 / std::max(1, m_views[0]->viewport()->width() - m_views[0]->mapping().left);
    m_views[0]->setRelativeView(-longest / 100, nsPerPixel);
    m_views[1]->setRelativeView(-longest / 100, nsPerPixel);
}

void CompareDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // Before it is shown the views have no width yet: a scale taken then spans minutes.
    layout()->activate();
    fit();
}

QString CompareDialog::figures() const
{
    const int a = m_first->currentIndex();
    const int b = m_second->currentIndex();
    if (a < 0 || b < 0)
        return {};
    const RunSummary first = RunSummary::from(*m_runs[size_t(a)]);
    const RunSummary second = RunSummary::from(*m_runs[size_t(b)]);
    QString text = tr("A: wall %1, main done after %2   ·   B: wall %3, main done after %4")
                       .arg(Outcome::duration(first.wallMs), Outcome::duration(first.mainMs),
                           Outcome::duration(second.wallMs), Outcome::duration(second.mainMs));
    if (first.wallMs > 0 && second.wallMs > 0) {
        const double speedup = first.wallMs / second.wallMs;
        text += tr("\nB is %1× %2 than A")
                    .arg(QString::number(speedup >= 1 ? speedup : 1 / speedup, 'f', 2),
                        speedup >= 1 ? tr("faster") : tr("slower"));
    }
    text += tr("   ·   lost updates: A %1, B %2")
                .arg(Outcome::count(lostUpdates(first)), Outcome::count(lostUpdates(second)));
    return text;
}

} // namespace threadlab
