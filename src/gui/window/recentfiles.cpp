#include "window/recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace threadlab {

namespace {
const QString kKey = QStringLiteral("recent/files");
}

RecentFiles::RecentFiles(QMenu *menu, QObject *parent)
    : QObject(parent)
    , m_menu(menu)
    , m_files(QSettings().value(kKey).toStringList().mid(0, kMaxFiles))
{
    rebuild();
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_files.removeAll(absolute);
    m_files.prepend(absolute);
    while (m_files.size() > kMaxFiles)
        m_files.removeLast();
    save();
    rebuild();
}

void RecentFiles::rebuild()
{
    m_menu->clear();
    for (int i = 0; i < m_files.size(); ++i) {
        const QString path = m_files[i];
        // "&1 ten-threads.json — ~/lessons": the name first, then where it is.
        const QString where
            = QDir::toNativeSeparators(QFileInfo(path).path()).replace(QDir::homePath(), QStringLiteral("~"));
        const QString label = (i < 9 ? QStringLiteral("&%1 ").arg(i + 1) : QString())
            + QFileInfo(path).fileName().replace(u'&', QStringLiteral("&&")) + QStringLiteral("  —  ") + where;
        QAction *action = m_menu->addAction(label, this, [this, path] { Q_EMIT openRequested(path); });
        action->setToolTip(path);
        action->setEnabled(QFileInfo(path).isFile());
    }
    if (!m_files.isEmpty())
        m_menu->addSeparator();
    QAction *clear = m_menu->addAction(tr("Clear List"), this, [this] {
        m_files.clear();
        save();
        rebuild();
    });
    clear->setEnabled(!m_files.isEmpty());
    m_menu->setEnabled(!m_files.isEmpty());
}

void RecentFiles::save() const
{
    QSettings().setValue(kKey, m_files);
}

} // namespace threadlab
