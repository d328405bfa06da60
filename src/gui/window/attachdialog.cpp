#include "window/attachdialog.h"

#include "ui_attachdialog.h"

#include <QPushButton>
#include <QTreeWidgetItem>

namespace threadlab {

AttachDialog::AttachDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AttachDialog>())
{
    m_ui->setupUi(this);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setText(tr("&Attach"));
    connect(m_ui->refresh, &QPushButton::clicked, this, &AttachDialog::refresh);
    connect(m_ui->filter, &QLineEdit::textChanged, this, &AttachDialog::filter);
    connect(m_ui->processes, &QTreeWidget::itemSelectionChanged, this, &AttachDialog::updateOk);
    connect(m_ui->processes, &QTreeWidget::itemActivated, this, &AttachDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &AttachDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &AttachDialog::reject);
    refresh();
    m_ui->filter->setFocus();
}

AttachDialog::~AttachDialog() = default;

void AttachDialog::refresh()
{
    m_ui->processes->setSortingEnabled(false);
    m_ui->processes->clear();
    for (const auto &[pid, command] : ProgramTrace::attachableProcesses()) {
        auto *item = new QTreeWidgetItem(m_ui->processes);
        item->setData(0, Qt::DisplayRole, pid);
        item->setText(1, command.left(300));
        item->setToolTip(1, command.left(2000));
    }
    m_ui->processes->setSortingEnabled(true);
    m_ui->processes->sortByColumn(0, Qt::DescendingOrder);
    m_ui->processes->resizeColumnToContents(0);
    filter(m_ui->filter->text());
}

void AttachDialog::filter(const QString &text)
{
    QTreeWidgetItem *firstShown = nullptr;
    for (int i = 0; i < m_ui->processes->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_ui->processes->topLevelItem(i);
        item->setHidden(
            !text.isEmpty() && !item->text(0).contains(text) && !item->text(1).contains(text, Qt::CaseInsensitive));
        if (!item->isHidden() && !firstShown)
            firstShown = item;
    }
    // A search picks its first match, so that Enter attaches to it.
    const QList<QTreeWidgetItem *> selected = m_ui->processes->selectedItems();
    if (!text.isEmpty() && firstShown && (selected.isEmpty() || selected.constFirst()->isHidden()))
        m_ui->processes->setCurrentItem(firstShown);
    updateOk();
}

void AttachDialog::updateOk()
{
    const QList<QTreeWidgetItem *> selected = m_ui->processes->selectedItems();
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(!selected.isEmpty() && !selected.constFirst()->isHidden());
}

ProgramTraceSettings AttachDialog::settings() const
{
    ProgramTraceSettings settings;
    const QList<QTreeWidgetItem *> selected = m_ui->processes->selectedItems();
    if (!selected.isEmpty())
        settings.attachPid = selected.constFirst()->data(0, Qt::DisplayRole).toLongLong();
    settings.attachSeconds = m_ui->seconds->value();
    return settings;
}

} // namespace threadlab
