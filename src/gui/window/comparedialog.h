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
// follows; Fit fits the longer), with the speedup and lost-update figures between them.
class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    CompareDialog(std::vector<std::shared_ptr<RecordedRun>> runs, const QStringList &labels, QWidget *parent = nullptr);

    void choose(int first, int second);
    void fit(); // both runs on one scale, the longer one filling the width
    QString figures() const;
    GanttView *view(int index) const;

protected:
    void showEvent(QShowEvent *event) override; // fitted to the size it opens at

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
