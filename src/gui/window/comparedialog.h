#pragma once

#include <QDialog>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;

namespace threadlab {

class GanttView;
struct RecordedRun;

// Two runs of the session, their charts stacked on one time scale (zoom or pan either, the other
// follows), with the speedup and lost-update figures between them.
class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    CompareDialog(std::vector<std::shared_ptr<RecordedRun>> runs, const QStringList &labels, QWidget *parent = nullptr);

    void choose(int first, int second);
    QString figures() const;
    GanttView *view(int index) const;

private:
    void update();
    void sync(GanttView *from, GanttView *to);

    std::vector<std::shared_ptr<RecordedRun>> m_runs;
    QComboBox *m_first = nullptr;
    QComboBox *m_second = nullptr;
    GanttView *m_views[2] = {};
    QLabel *m_figures = nullptr;
    bool m_syncing = false;
};

} // namespace threadlab
