#pragma once

#include <QObject>
#include <QString>

class QMainWindow;
class QMenu;

namespace threadlab {

// The Help menu: the lesson index (every built-in lesson with what it should measure on this
// machine), the keyboard shortcuts (every action of the window that has one, and the chart's own
// keys and gestures), About ThreadLab (version, Qt) and About Qt.
class HelpMenu : public QObject
{
    Q_OBJECT
public:
    HelpMenu(QMenu *menu, QMainWindow *window);

    static QString lessonIndexHtml();
    static QString shortcutsHtml(const QMainWindow &window);
    static QString aboutHtml();

private:
    void show(const QString &title, const QString &html);

    QMainWindow *m_window;
};

} // namespace threadlab
