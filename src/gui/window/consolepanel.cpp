#include "window/consolepanel.h"

#include "chart/timeaxis.h"
#include "trace/trace.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace threadlab {

namespace {
constexpr int kLaneRole = Qt::UserRole;
constexpr int kTimeRole = Qt::UserRole + 1;
} // namespace

ConsolePanel::ConsolePanel(QWidget *parent)
    : QWidget(parent)
    , m_lines(new QTreeWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_lines);
    m_lines->setColumnCount(3);
    m_lines->setHeaderLabels({ tr("Time"), tr("Lane"), tr("Printed") });
    m_lines->setRootIsDecorated(false);
    m_lines->setUniformRowHeights(true);
    m_lines->setAlternatingRowColors(true);
    m_lines->header()->setStretchLastSection(true);
    m_lines->setToolTip(tr("What the run's tasks printed, in order; click a line to see it on the chart"));
    m_lines->setAccessibleName(tr("Console: the run's prints"));
    connect(m_lines, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        if (item->data(0, kLaneRole).isValid())
            Q_EMIT jumpRequested(item->data(0, kLaneRole).toInt(), item->data(0, kTimeRole).toLongLong());
    });
    connect(m_lines, &QTreeWidget::itemActivated, m_lines, &QTreeWidget::itemClicked);
}

void ConsolePanel::clear()
{
    m_lines->clear();
    m_shownMarks = SIZE_MAX;
    m_shownTrace = nullptr;
}

void ConsolePanel::showTrace(const Trace &trace)
{
    size_t marks = 0;
    for (const LaneTrack &lane : trace.lanes)
        marks += lane.marks.size();
    if (&trace == m_shownTrace
        && (marks == m_shownMarks || (m_sinceRebuild.isValid() && m_sinceRebuild.elapsed() < kRebuildMs)))
        return; // nothing new, or read again a moment ago: the GUI thread does not sort at every poll
    m_sinceRebuild.start();
    m_shownTrace = &trace;
    m_shownMarks = marks;
    struct Print
    {
        int64_t timeNs;
        int lane;
        uint32_t text;
    };
    std::vector<Print> prints;
    for (size_t lane = 0; lane < trace.lanes.size(); ++lane) {
        for (const Event &event : trace.lanes[lane].marks) {
            if (event.kind == EventKind::Mark)
                prints.push_back(Print { event.timeNs, int(lane), event.object });
        }
    }
    std::stable_sort(prints.begin(), prints.end(), [](const Print &a, const Print &b) { return a.timeNs < b.timeNs; });
    const bool atEnd = m_lines->topLevelItemCount() == 0
        || m_lines->verticalScrollBar()->value() == m_lines->verticalScrollBar()->maximum();
    QList<QTreeWidgetItem *> items;
    const size_t shown = std::min(prints.size(), size_t(kMaxLines));
    items.reserve(qsizetype(shown) + 1);
    for (size_t i = 0; i < shown; ++i) {
        const Print &print = prints[i];
        const int64_t since = print.timeNs - trace.originNs;
        auto *item = new QTreeWidgetItem({ TimeAxis::format(since, std::max<int64_t>(1, since / 1000)),
            trace.lanes[size_t(print.lane)].info.name, trace.objectName(print.text) });
        item->setData(0, kLaneRole, print.lane);
        item->setData(0, kTimeRole, qint64(print.timeNs));
        item->setTextAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
        items.append(item);
    }
    if (prints.size() > shown)
        items.append(new QTreeWidgetItem({ QString(), QString(),
            tr("… %n more prints (the first %1 are listed)", nullptr, int(prints.size() - shown)).arg(kMaxLines) }));
    m_lines->clear();
    m_lines->addTopLevelItems(items);
    if (items.isEmpty())
        m_lines->addTopLevelItem(new QTreeWidgetItem({ QString(), QString(), tr("(nothing printed)") }));
    m_lines->resizeColumnToContents(0);
    m_lines->resizeColumnToContents(1);
    if (atEnd)
        m_lines->scrollToBottom(); // a live run's console follows its newest line
}

int ConsolePanel::lineCount() const
{
    int count = 0;
    for (int i = 0; i < m_lines->topLevelItemCount(); ++i)
        count += m_lines->topLevelItem(i)->data(0, kLaneRole).isValid() ? 1 : 0;
    return count;
}

QString ConsolePanel::lineText(int line) const
{
    const QTreeWidgetItem *item = m_lines->topLevelItem(line);
    return item ? QStringLiteral("%1  %2  %3").arg(item->text(0), item->text(1), item->text(2)) : QString();
}

} // namespace threadlab
