#include "window/helpmenu.h"

#include "scenario/expectedtext.h"
#include "scenario/scenariolibrary.h"
#include "window/scenariolibrarypanel.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QTextBrowser>
#include <QThread>
#include <QVBoxLayout>
#include <algorithm>
#include <tuple>

namespace threadlab {

HelpMenu::HelpMenu(QMenu *menu, QMainWindow *window)
    : QObject(window)
    , m_window(window)
{
    QAction *index = menu->addAction(tr("&Lesson index"));
    index->setObjectName(QStringLiteral("actionLessonIndex"));
    connect(index, &QAction::triggered, this, [this] { show(tr("Lesson index"), lessonIndexHtml()); });
    QAction *keys = menu->addAction(tr("&Keyboard shortcuts"));
    keys->setObjectName(QStringLiteral("actionShortcuts"));
    keys->setShortcut(QKeySequence::HelpContents);
    connect(keys, &QAction::triggered, this, [this] { show(tr("Keyboard shortcuts"), shortcutsHtml(*m_window)); });
    menu->addSeparator();
    QAction *about = menu->addAction(tr("&About ThreadLab"));
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    connect(
        about, &QAction::triggered, this, [this] { QMessageBox::about(m_window, tr("About ThreadLab"), aboutHtml()); });
    QAction *aboutQt = menu->addAction(tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

QString HelpMenu::lessonIndexHtml()
{
    // Each built-in lesson: its title, id (for 'threadlab run') and what it should measure here.
    QString html = tr("<p>Choose a lesson in the Lessons panel and press Run (F5). On the command line: "
                      "<code>threadlab run ID</code>.</p>");
    // In the Lessons panel's order of topics.
    static const QStringList order { QStringLiteral("basics"), QStringLiteral("pools"), QStringLiteral("io-cpu"),
        QStringLiteral("processes"), QStringLiteral("locks"), QStringLiteral("queues") };
    QList<ScenarioEntry> entries = ScenarioLibrary::builtIns();
    const auto rank
        = [](const ScenarioEntry &e) { return order.contains(e.topic) ? order.indexOf(e.topic) : order.size(); };
    std::stable_sort(entries.begin(), entries.end(), [&](const auto &a, const auto &b) { return rank(a) < rank(b); });
    QString topic;
    for (const ScenarioEntry &entry : entries) {
        if (entry.topic != topic) {
            html += (topic.isEmpty() ? QString() : QStringLiteral("</ul>"))
                + QStringLiteral("<h3>%1</h3><ul>").arg(ScenarioLibraryPanel::topicTitle(entry.topic).toHtmlEscaped());
            topic = entry.topic;
        }
        const Result<Scenario> scenario = ScenarioLibrary::load(entry.id);
        const QString expected = scenario.ok()
            ? ExpectedText::forMachine(*scenario, QThread::idealThreadCount(), ExpectedText::FrontEnd::Window)
            : QString();
        html += QStringLiteral("<li><b>%1</b> <code>%2</code>%3</li>")
                    .arg(entry.title.toHtmlEscaped(), entry.id.toHtmlEscaped(),
                        expected.isEmpty() ? QString() : QStringLiteral("<br>") + expected.toHtmlEscaped());
    }
    return html + QStringLiteral("</ul>");
}

QString HelpMenu::shortcutsHtml(const QMainWindow &window)
{
    QList<QPair<QString, QString>> rows;
    for (const QAction *action : window.findChildren<QAction *>()) {
        if (action->shortcut().isEmpty() || action->text().isEmpty())
            continue;
        QString text = action->text();
        text.remove(u'&');
        rows.append({ action->shortcut().toString(QKeySequence::NativeText), text });
    }
    std::sort(rows.begin(), rows.end(),
        [](const auto &a, const auto &b) { return std::tie(a.second, a.first) < std::tie(b.second, b.first); });
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end()); // (an action in a menu and a toolbar)
    QString html = QStringLiteral("<h3>%1</h3><table cellpadding='3'>").arg(tr("The window"));
    for (const auto &[keys, what] : rows)
        html
            += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
    html += QStringLiteral("</table><h3>%1</h3><table cellpadding='3'>").arg(tr("The chart"));
    const QPair<QString, QString> chart[] = { { tr("Ctrl+wheel, + and −"), tr("zoom in and out around the pointer") },
        { tr("Ctrl+Shift+wheel, Ctrl+↑ and Ctrl+↓"), tr("zoom in and out four times as far") },
        { tr("Ctrl+drag"), tr("zoom to the stretch dragged over") },
        { tr("click a lost update"), tr("show the write that lost it and the writes it erased") },
        { tr("drag, wheel, ← and →"), tr("pan") }, { tr("F or Home"), tr("fit the whole run and follow it live") },
        { tr("click a LockWait"), tr("highlight the hold whose release ended it") }, { tr("Esc"), tr("clear that") },
        { tr("hover"), tr("what a lane, CPU or lock was doing there") } };
    for (const auto &[keys, what] : chart)
        html
            += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
    return html + QStringLiteral("</table>");
}

QString HelpMenu::aboutHtml()
{
    return tr("<h3>ThreadLab %1</h3><p>Makes thread scheduling visible: real tasks on threads, a thread pool or "
              "child processes, drawn live as a Gantt chart of what each thread did, with the OS scheduler's "
              "truth where it can be had.</p><p>Qt %2 (built with %3)</p>")
        .arg(QApplication::applicationVersion().toHtmlEscaped(), QString::fromLatin1(qVersion()),
            QStringLiteral(QT_VERSION_STR));
}

void HelpMenu::show(const QString &title, const QString &html)
{
    QDialog dialog(m_window);
    dialog.setWindowTitle(title);
    dialog.resize(640, 560);
    auto *layout = new QVBoxLayout(&dialog);
    auto *text = new QTextBrowser(&dialog);
    text->setHtml(html);
    layout->addWidget(text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.exec();
}

} // namespace threadlab
