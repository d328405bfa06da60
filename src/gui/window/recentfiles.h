#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace threadlab {

// File → Open Recent: the last kMaxFiles scenarios and traces opened, newest first, kept in the
// settings. A file that has gone is shown disabled; "Clear List" forgets them all.
class RecentFiles : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxFiles = 10;

    RecentFiles(QMenu *menu, QObject *parent);
    void add(const QString &path);
    QStringList files() const { return m_files; }

Q_SIGNALS:
    void openRequested(const QString &path);

private:
    void rebuild();
    void save() const;

    QMenu *m_menu;
    QStringList m_files;
};

} // namespace threadlab
