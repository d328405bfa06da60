#pragma once

#include "chart/chartbuilder.h"
#include "trace/runsummary.h"

#include <QAbstractListModel>
#include <memory>
#include <vector>

namespace threadlab {

struct RecordedRun;

// A finished run or an opened trace, with what the window shows of it (summarised once).
struct SessionRun
{
    std::shared_ptr<RecordedRun> recording;
    QString settings; // "threads, lock on, GIL off"
    RunSummary summary;
    QString label; // "14:02:11  ten-threads — threads, lock on, GIL off — 1.01 s"
};

// This session's runs, oldest first, at most kMaxRuns (the oldest goes): the runs list shows them,
// the compare dialog and the wall-time chart read them.
class SessionModel : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int kMaxRuns = 12;
    enum Role { SettingsRole = Qt::UserRole, WallMsRole };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    const SessionRun &add(std::shared_ptr<RecordedRun> recording, const QString &settings); // the new last row
    int size() const { return int(m_runs.size()); }
    const SessionRun &at(int row) const { return m_runs.at(size_t(row)); }
    std::vector<std::shared_ptr<RecordedRun>> recordings() const;
    QStringList labels() const;
    // The runs of one lesson, oldest first (a stopped run is marked as such).
    std::vector<WallTimeBar> wallTimeBars(const QString &scenario) const;
    // The latest run before `row` of the same lesson (or the lesson it is paired with, its
    // "compare_with") that was not stopped, to compare with; or -1.
    int earlierComparable(int row) const;

private:
    std::vector<SessionRun> m_runs;
};

} // namespace threadlab
