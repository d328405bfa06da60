#include "window/scenariolibrarypanel.h"

#include "scenario/scenariolibrary.h"
#include "ui_scenariolibrarypanel.h"

#include <QTreeWidgetItemIterator>

namespace threadlab {

namespace {

constexpr int kKeyRole = Qt::UserRole;

} // namespace

ScenarioLibraryPanel::ScenarioLibraryPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ScenarioLibraryPanel>())
{
    m_ui->setupUi(this);
    for (const char *topic : { "basics", "pools", "io-cpu", "processes", "locks", "queues", "sync", "deadlocks" })
        group(topicTitle(QString::fromLatin1(topic)));
    for (const ScenarioEntry &entry : ScenarioLibrary::builtIns()) {
        auto *item = new QTreeWidgetItem(group(topicTitle(entry.topic)), { entry.title });
        item->setData(0, kKeyRole, entry.id);
        item->setToolTip(0, entry.id);
    }
    m_ui->tree->expandAll();
    connect(m_ui->tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item && !item->data(0, kKeyRole).toString().isEmpty())
            Q_EMIT scenarioChosen(item->data(0, kKeyRole).toString());
    });
    connect(m_ui->openButton, &QPushButton::clicked, this, &ScenarioLibraryPanel::openRequested);
    connect(m_ui->saveButton, &QPushButton::clicked, this, &ScenarioLibraryPanel::saveRequested);
}

ScenarioLibraryPanel::~ScenarioLibraryPanel() = default;

QTreeWidgetItem *ScenarioLibraryPanel::group(const QString &title)
{
    for (int i = 0; i < m_ui->tree->topLevelItemCount(); ++i) {
        if (m_ui->tree->topLevelItem(i)->text(0) == title)
            return m_ui->tree->topLevelItem(i);
    }
    auto *item = new QTreeWidgetItem(m_ui->tree, { title });
    item->setFlags(Qt::ItemIsEnabled);
    QFont font = item->font(0);
    font.setBold(true);
    item->setFont(0, font);
    return item;
}

QTreeWidgetItem *ScenarioLibraryPanel::find(const QString &key) const
{
    for (QTreeWidgetItemIterator it(m_ui->tree); *it; ++it) {
        if ((*it)->data(0, kKeyRole).toString() == key)
            return *it;
    }
    return nullptr;
}

void ScenarioLibraryPanel::addFile(const QString &path, const QString &title)
{
    QTreeWidgetItem *item = find(path);
    if (!item) {
        QTreeWidgetItem *files = group(tr("Opened files"));
        item = new QTreeWidgetItem(files, { title });
        item->setData(0, kKeyRole, path);
        files->setExpanded(true);
    }
    item->setText(0, title);
    item->setToolTip(0, path);
}

bool ScenarioLibraryPanel::select(const QString &key)
{
    QTreeWidgetItem *item = find(key);
    if (!item)
        return false;
    if (m_ui->tree->currentItem() == item)
        Q_EMIT scenarioChosen(key);
    else
        m_ui->tree->setCurrentItem(item);
    return true;
}

QString ScenarioLibraryPanel::currentKey() const
{
    const QTreeWidgetItem *item = m_ui->tree->currentItem();
    return item ? item->data(0, kKeyRole).toString() : QString();
}

QString ScenarioLibraryPanel::topicTitle(const QString &topic)
{
    static const std::pair<const char *, const char *> titles[] = {
        { "basics", QT_TRANSLATE_NOOP("threadlab::ScenarioLibraryPanel", "Basics: threads, sleep, join") },
        { "pools", QT_TRANSLATE_NOOP("threadlab::ScenarioLibraryPanel", "Thread pools") },
        { "io-cpu", QT_TRANSLATE_NOOP("threadlab::ScenarioLibraryPanel", "I/O-bound vs CPU-bound") },
        { "processes", QT_TRANSLATE_NOOP("threadlab::ScenarioLibraryPanel", "Processes") },
        { "locks", QT_TRANSLATE_NOOP("threadlab::ScenarioLibraryPanel", "Locks & races") },
        { "queues", QT_TRANSLATE_NOOP("threadlab::ScenarioLibraryPanel", "Queues & events") },
        { "sync", QT_TRANSLATE_NOOP("threadlab::ScenarioLibraryPanel", "Semaphores, conditions, barriers") },
        { "deadlocks", QT_TRANSLATE_NOOP("threadlab::ScenarioLibraryPanel", "Deadlocks") },
    };
    for (const auto &[id, title] : titles) {
        if (topic == QLatin1String(id))
            return ScenarioLibraryPanel::tr(title);
    }
    return topic.isEmpty() ? ScenarioLibraryPanel::tr("Other") : topic;
}

} // namespace threadlab
