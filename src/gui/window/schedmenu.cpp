#include "window/schedmenu.h"

#include <QActionGroup>
#include <QSettings>

namespace threadlab {

namespace {
const QString kSettingsKey = QStringLiteral("run/sched");
} // namespace

SchedMenu::SchedMenu(QWidget *parent)
    : QMenu(tr("OS &scheduler data"), parent)
    , m_group(new QActionGroup(this))
{
    setToolTipsVisible(true);
    const struct
    {
        SchedMode mode;
        QString text;
        QString tip;
    } choices[] = {
        { SchedMode::Auto, tr("&Automatic"),
            tr("Every switch when this user may read the kernel's scheduler "
               "tracepoints, else /proc sampled at 1 kHz") },
        { SchedMode::Exact, tr("&Exact"),
            tr("Every switch, from the kernel's scheduler tracepoints (needs root or "
               "CAP_PERFMON)") },
        { SchedMode::Sampled, tr("&Sampled"), tr("/proc at 1 kHz: totals exact, intervals approximate") },
        { SchedMode::Off, tr("&Off"),
            tr("Running then means: inside a task and not waiting on a ThreadLab "
               "primitive") },
    };
    for (const auto &choice : choices) {
        QAction *action = addAction(choice.text);
        action->setCheckable(true);
        action->setToolTip(choice.tip);
        action->setData(int(choice.mode));
        m_group->addAction(action);
    }
    const auto saved = schedModeFromName(QSettings().value(kSettingsKey).toString());
    setMode(saved.value_or(SchedMode::Auto));
    connect(
        m_group, &QActionGroup::triggered, this, [this] { QSettings().setValue(kSettingsKey, schedModeName(mode())); });
}

SchedMode SchedMenu::mode() const
{
    const QAction *checked = m_group->checkedAction();
    return checked ? SchedMode(checked->data().toInt()) : SchedMode::Auto;
}

void SchedMenu::setMode(SchedMode mode)
{
    for (QAction *action : m_group->actions())
        action->setChecked(SchedMode(action->data().toInt()) == mode);
}

} // namespace threadlab
