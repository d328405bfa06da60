#pragma once

#include <QWidget>
#include <memory>

class QTreeWidgetItem;

namespace Ui {
class ScenarioLibraryPanel;
}

namespace threadlab {

// The lessons by topic (basics, pools, I/O vs CPU, processes, locks & races, queues & events) and
// the scenario files the user opened. An entry's key is a built-in id or a file path.
class ScenarioLibraryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ScenarioLibraryPanel(QWidget *parent = nullptr);
    ~ScenarioLibraryPanel() override;

    void addFile(const QString &path, const QString &title);
    static QString topicTitle(const QString &topic); // "io-cpu": "I/O-bound vs CPU-bound"
    bool select(const QString &key);
    QString currentKey() const;

Q_SIGNALS:
    void scenarioChosen(const QString &key);
    void openRequested();
    void saveRequested();

private:
    QTreeWidgetItem *group(const QString &title);
    QTreeWidgetItem *find(const QString &key) const;

    std::unique_ptr<Ui::ScenarioLibraryPanel> m_ui;
};

} // namespace threadlab
