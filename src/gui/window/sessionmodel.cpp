#include "window/sessionmodel.h"

#include "trace/outcome.h"
#include "trace/recordedrun.h"

#include <QFileInfo>
#include <QTime>
#include <cmath>

namespace threadlab {

int SessionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : size();
}

QVariant SessionModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= size())
        return {};
    const SessionRun &run = at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return run.label;
    case Qt::ToolTipRole:
        return QString(run.label + u'\n' + Outcome::lines(run.summary).join(u'\n'));
    case SettingsRole:
        return run.settings;
    case WallMsRole:
        return run.summary.wallMs;
    default:
        return {};
    }
}

const SessionRun &SessionModel::add(std::shared_ptr<RecordedRun> recording, const QString &settings)
{
    if (size() == kMaxRuns) {
        beginRemoveRows({}, 0, 0);
        m_runs.erase(m_runs.begin());
        endRemoveRows();
    }
    RunSummary summary = RunSummary::from(*recording);
    // A traced program by its program's name and its first argument ("python3 cpu-bound.py").
    QString what = summary.scenario;
    if (recording->program.isSet()) {
        QStringList words;
        for (const QString &word : recording->program.command.mid(0, 2))
            words << QFileInfo(word).fileName();
        what = words.join(u' ');
    }
    const QString label = QStringLiteral("%1  %2 — %3 — %4")
                              .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), what, settings,
                                  summary.stopped ? tr("stopped at %1").arg(Outcome::duration(summary.wallMs))
                                                  : Outcome::duration(summary.wallMs));
    beginInsertRows({}, size(), size());
    m_runs.push_back(SessionRun { std::move(recording), settings, std::move(summary), label });
    endInsertRows();
    return m_runs.back();
}

std::vector<std::shared_ptr<RecordedRun>> SessionModel::recordings() const
{
    std::vector<std::shared_ptr<RecordedRun>> recordings;
    recordings.reserve(m_runs.size());
    for (const SessionRun &run : m_runs)
        recordings.push_back(run.recording);
    return recordings;
}

QStringList SessionModel::labels() const
{
    QStringList labels;
    for (const SessionRun &run : m_runs)
        labels << run.label;
    return labels;
}

std::vector<WallTimeBar> SessionModel::wallTimeBars(const QString &scenario) const
{
    std::vector<WallTimeBar> bars;
    for (int i = 0; i < size(); ++i) {
        const SessionRun &run = at(i);
        if (run.summary.scenario != scenario)
            continue;
        bars.push_back(WallTimeBar {
            QStringLiteral("%1: %2%3").arg(i + 1).arg(run.settings, run.summary.stopped ? tr(" (stopped)") : QString()),
            std::round(run.summary.wallMs) });
    }
    return bars;
}

int SessionModel::earlierComparable(int row) const
{
    if (row < 0 || row >= size() || at(row).summary.stopped)
        return -1;
    // Its own lesson's runs, or those of the lesson it is paired with ("compare_with").
    const QString lesson = at(row).summary.scenario;
    const QString paired = at(row).recording ? at(row).recording->scenario.compareWith : QString();
    for (int i = row - 1; i >= 0; --i) {
        const QString other = at(i).summary.scenario;
        if ((other == lesson || (!paired.isEmpty() && other == paired)) && !at(i).summary.stopped)
            return i;
    }
    return -1;
}

} // namespace threadlab
