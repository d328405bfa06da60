#include "chart/ganttview.h"
#include "netservices.h"
#include "runtime/programs/programtrace.h"
#include "runtime/run.h"
#include "scenario/scenariolibrary.h"
#include "trace/recordedrun.h"
#include "trace/trace.h"
#include "trace/tracefile.h"
#include "window/attachdialog.h"
#include "window/comparedialog.h"
#include "window/helpmenu.h"
#include "window/lessonpanel.h"
#include "window/mainwindow.h"
#include "window/scenariolibrarypanel.h"
#include "window/translations.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>
#include <csignal>

using namespace threadlab;

namespace {

void pressRun(MainWindow &window)
{
    // Through the widgets, as a person would: the Run button on the toolbar.
    auto *toolBar = window.findChild<QToolBar *>(QStringLiteral("runToolBar"));
    QVERIFY(toolBar);
    QAction *run = window.findChild<QAction *>(QStringLiteral("actionRun"));
    QVERIFY(run && run->isEnabled());
    QTest::mouseClick(toolBar->widgetForAction(run), Qt::LeftButton);
}

bool notBlank(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 5)
        for (int x = 0; x < image.width(); x += 5)
            colours.insert(image.pixel(x, y));
    return colours.size() > 8;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void runsALessonLiveAndShowsItsLanes();
    void lockOffShowsTheRace();
    void stopsARun();
    void switchingLessonsShowsThatLessonsChart();
    void helpMenuListsLessonsShortcutsAndVersions();
    void badScenarioFileShowsWhatIsWrong();
    void processSharingIsRefusedClearly();
    void droppedFileOpensAndSettingsPersist();
    void keepsRunsAndReopensTraces();
    void recentFilesKeepTheLastTenAndFollowTheTheme();
    void speaksTheSystemLanguage();
    void downloadPoolIsSeveralTimesFasterThanOneByOne();
    void runsTheRealProgramBesideItsLesson();
    void aProgramThatCannotStartOrFailsSaysWhy();
    void theAttachDialogFindsAProcessBySearch();
    void stopsATracedProgram();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings go to a test location
    Run::setNetworkFactory([] { return std::make_shared<NetServices>(); }); // as main() does
    QSettings().clear();
}

void TestMainWindow::runsALessonLiveAndShowsItsLanes()
{
    MainWindow window;
    window.resize(1400, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.chooseScenario(QStringLiteral("threads-join"));
    QVERIFY(window.lesson()->outcomeText().contains(QStringLiteral("Press Run")));
    pressRun(window);
    QVERIFY(window.isRunning());
    // Live: lanes appear while the run goes.
    QTRY_VERIFY_WITH_TIMEOUT(window.gantt()->rows().size() >= 4, 10'000);
    QVERIFY(window.isRunning());
    const QImage during = window.grab().toImage();
    QVERIFY(notBlank(during));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 30'000);
    QTRY_VERIFY(window.lesson()->outcomeText().contains(QStringLiteral("Measured")));
    const Trace &trace = window.shownRun()->trace;
    // header + main + t1 + t2
    const auto &rows = window.gantt()->rows();
    QCOMPARE(rows.size(), size_t(4));
    QStringList names;
    for (const LaneRow &row : rows) {
        if (row.kind == LaneRow::Lane)
            names << trace.lanes[size_t(row.lane)].info.name;
    }
    QCOMPARE(names, (QStringList { QStringLiteral("main"), QStringLiteral("t1"), QStringLiteral("t2") }));
    // Each thread lane shows its ~1 s sleep; the main lane its join.
    for (const LaneRow &row : rows) {
        if (row.kind != LaneRow::Lane)
            continue;
        const LaneTrack &lane = trace.lanes[size_t(row.lane)];
        const State expected = lane.info.kind == LaneKind::Main ? State::JoinWait : State::Sleeping;
        int64_t ns = 0;
        for (const Segment &segment : lane.segments)
            ns += segment.state == expected ? segment.durationNs() : 0;
        QString detail;
        for (const Segment &segment : lane.segments)
            detail += QStringLiteral(" %1:%2").arg(stateName(segment.state)).arg(segment.durationNs());
        QVERIFY2(ns > 900'000'000,
            qPrintable(lane.info.name + detail + QStringLiteral(" open=%1").arg(lane.hasOpenSegment)));
    }
    // Hovering a thread lane in the middle of the run finds its sleep.
    const GanttView *view = window.gantt();
    const LaneRow &t1 = rows[2];
    const int x = int(view->mapping().timeToX(trace.originNs + 500'000'000));
    const GanttHit hit = view->hitAt(QPoint(x, GanttFrame::kAxisHeight + t1.y + t1.height / 2));
    QCOMPARE(hit.kind, GanttHit::SegmentHit);
    QCOMPARE(hit.segment.state, State::Sleeping);
    QVERIFY(notBlank(window.grab().toImage()));
}

void TestMainWindow::lockOffShowsTheRace()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.chooseScenario(QStringLiteral("counter-race"));
    auto *lock = window.findChild<QCheckBox *>(QStringLiteral("lockBox"));
    QVERIFY(lock && lock->isChecked());
    pressRun(window);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 60'000);
    QTRY_VERIFY(window.lesson()->outcomeText().contains(QStringLiteral("Measured")));
    QVERIFY(window.lesson()->outcomeText().contains(QStringLiteral("expected 0, got 0")));
    const QRegularExpression lostLine(QStringLiteral("got [^:]+: [\\d\\s]+ lost updates"));
    QVERIFY(!window.lesson()->outcomeText().contains(lostLine));

    lock->click(); // lock off
    QVERIFY(!lock->isChecked());
    pressRun(window);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 60'000);
    QTRY_VERIFY2(window.lesson()->outcomeText().contains(lostLine), qPrintable(window.lesson()->outcomeText()));
    QVERIFY2(window.lesson()->outcomeText().contains(QStringLiteral("lock off")),
        qPrintable(window.lesson()->outcomeText()));
    // The lost updates are on the lanes where they happened.
    size_t lost = 0;
    for (const LaneTrack &lane : window.shownRun()->trace.lanes)
        lost += lane.lostUpdates.size();
    QVERIFY(lost > 0);
}

void TestMainWindow::stopsARun()
{
    MainWindow window;
    window.show();
    window.chooseScenario(QStringLiteral("event-flag"));
    pressRun(window);
    QTRY_VERIFY_WITH_TIMEOUT(window.gantt()->rows().size() >= 3, 10'000);
    window.findChild<QAction *>(QStringLiteral("actionStop"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 10'000);
    QTRY_VERIFY(window.lesson()->outcomeText().contains(QStringLiteral("Measured")));
    QVERIFY(window.findChild<QAction *>(QStringLiteral("actionRun"))->isEnabled());
    // Stopped is said everywhere the run's figures are shown, not only in the status bar.
    QVERIFY2(window.lesson()->outcomeText().contains(QStringLiteral("stopped before the end")),
        qPrintable(window.lesson()->outcomeText()));
    auto *runs = window.findChild<QListView *>(QStringLiteral("runList"));
    QVERIFY(runs);
    QVERIFY(runs->model()->index(0, 0).data().toString().contains(QStringLiteral("stopped at")));
}

void TestMainWindow::helpMenuListsLessonsShortcutsAndVersions()
{
    MainWindow window;
    const QList<QAction *> menus = window.menuBar()->actions();
    QCOMPARE(menus.constLast()->text(), QStringLiteral("&Help"));
    QStringList items;
    for (const QAction *action : menus.constLast()->menu()->actions())
        items << action->text();
    QCOMPARE(items,
        (QStringList { QStringLiteral("&Lesson index"), QStringLiteral("&Keyboard shortcuts"), QString(),
            QStringLiteral("&About ThreadLab"), QStringLiteral("About &Qt") }));
    // The index has every built-in lesson, under its topic, with what it should measure here.
    const QString index = HelpMenu::lessonIndexHtml();
    for (const ScenarioEntry &entry : ScenarioLibrary::builtIns())
        QVERIFY2(index.contains(QStringLiteral("<code>%1</code>").arg(entry.id)), qPrintable(entry.id));
    QVERIFY(index.contains(QStringLiteral("Locks &amp; races")));
    QVERIFY(index.indexOf(QStringLiteral("sequential-sleep")) < index.indexOf(QStringLiteral("counter-race")));
    // Shortcuts come from the window's own actions: Run's F5 is there, once.
    const QString keys = HelpMenu::shortcutsHtml(window);
    QCOMPARE(keys.count(QStringLiteral("<b>F5</b>")), 1);
    QVERIFY(keys.contains(QStringLiteral("Cores view")));
    const QString about = HelpMenu::aboutHtml();
    QVERIFY(about.contains(QApplication::applicationVersion()) || QApplication::applicationVersion().isEmpty());
    QVERIFY(about.contains(QString::fromLatin1(qVersion())));
}

void TestMainWindow::switchingLessonsShowsThatLessonsChart()
{
    // The chart under a lesson's title is always that lesson's: its last run, or none yet.
    MainWindow window;
    window.show();
    window.chooseScenario(QStringLiteral("queue-order"));
    pressRun(window);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 30'000);
    QTRY_VERIFY(window.shownRun());
    QCOMPARE(window.shownRun()->scenario.id, QStringLiteral("queue-order"));
    window.chooseScenario(QStringLiteral("ten-threads"));
    QVERIFY(!window.shownRun());
    QVERIFY(window.gantt()->rows().empty());
    QVERIFY(!window.findChild<QAction *>(QStringLiteral("actionExport"))->isEnabled());
    window.chooseScenario(QStringLiteral("queue-order"));
    QVERIFY(window.shownRun());
    QCOMPARE(window.shownRun()->scenario.id, QStringLiteral("queue-order"));
    QVERIFY(!window.gantt()->rows().empty());

    // Three runs; the first and the third selected in the runs list: Compare compares those two.
    auto *runs = window.findChild<QListView *>(QStringLiteral("runList"));
    for (int i = 0; i < 2; ++i) {
        QTRY_VERIFY(window.findChild<QAction *>(QStringLiteral("actionRun"))->isEnabled());
        pressRun(window);
        QTRY_COMPARE_WITH_TIMEOUT(runs->model()->rowCount(), 2 + i, 30'000); // the run ended and joined the session
    }
    runs->selectionModel()->select(runs->model()->index(2, 0), QItemSelectionModel::ClearAndSelect);
    runs->selectionModel()->select(runs->model()->index(0, 0), QItemSelectionModel::Select);
    int first = -1;
    int second = -1;
    QTimer::singleShot(0, &window, [&] {
        auto *dialog = qobject_cast<CompareDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        const auto boxes = dialog->findChildren<QComboBox *>();
        QCOMPARE(boxes.size(), 2);
        first = boxes[0]->currentIndex();
        second = boxes[1]->currentIndex();
        dialog->reject();
    });
    QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("compareButton")), Qt::LeftButton);
    QCOMPARE(first, 0);
    QCOMPARE(second, 2);

    // Another lesson chosen, then a run of the first one clicked in the runs list: the library, the
    // title and the toolbar follow the run shown, so Run would run that lesson again.
    window.chooseScenario(QStringLiteral("ten-threads"));
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("Ten threads")));
    runs->setCurrentIndex(runs->model()->index(1, 0));
    QCOMPARE(window.shownRun()->scenario.id, QStringLiteral("queue-order"));
    QVERIFY2(window.windowTitle().startsWith(window.shownRun()->scenario.title), qPrintable(window.windowTitle()));
    auto *library = window.findChild<ScenarioLibraryPanel *>();
    QVERIFY(library);
    QCOMPARE(library->currentKey(), QStringLiteral("queue-order"));
}

void TestMainWindow::badScenarioFileShowsWhatIsWrong()
{
    MainWindow window;
    window.show();
    window.chooseScenario(QStringLiteral("ten-threads"));
    const QString path = QFINDTESTDATA("data/bad-step.json");
    QVERIFY(!window.loadFile(path));
    QVERIFY2(window.bannerText().contains(QStringLiteral("tasks[2].steps[0].sleep")), qPrintable(window.bannerText()));
    // The lesson that was loaded stays.
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("Ten threads")));
    QVERIFY(window.loadFile(QFINDTESTDATA("data/quick.json")));
    QVERIFY(window.bannerText().isEmpty());
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("A quick run")));
}

void TestMainWindow::processSharingIsRefusedClearly()
{
    MainWindow window;
    window.show();
    window.chooseScenario(QStringLiteral("queue-workers"));
    auto *executor = window.findChild<QComboBox *>(QStringLiteral("executorBox"));
    executor->setCurrentIndex(executor->findText(QStringLiteral("processes")));
    pressRun(window);
    QVERIFY(!window.isRunning());
    QVERIFY2(window.bannerText().contains(QStringLiteral("queue 'jobs' is shared")), qPrintable(window.bannerText()));
}

void TestMainWindow::droppedFileOpensAndSettingsPersist()
{
    const QString path = QFINDTESTDATA("data/quick.json");
    {
        MainWindow window;
        window.show();
        QMimeData data;
        data.setUrls({ QUrl::fromLocalFile(path) });
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("A quick run")));
        window.findChild<QCheckBox *>(QStringLiteral("gilBox"))->setChecked(true);
        window.close();
    }
    // A new window opens on the last scenario with the last options.
    MainWindow again;
    QVERIFY(again.windowTitle().startsWith(QStringLiteral("A quick run")));
    QVERIFY(again.findChild<QCheckBox *>(QStringLiteral("gilBox"))->isChecked());
    QCOMPARE(again.findChild<QComboBox *>(QStringLiteral("executorBox"))->currentText(), QStringLiteral("pool"));
}

void TestMainWindow::keepsRunsAndReopensTraces()
{
    MainWindow window;
    window.show();
    QVERIFY(window.loadFile(QFINDTESTDATA("data/quick.json")));
    for (int run = 0; run < 2; ++run) {
        pressRun(window);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 30'000);
        QTRY_COMPARE(window.sessionSize(), run + 1);
    }
    QVERIFY(window.findChild<QPushButton *>(QStringLiteral("compareButton"))->isEnabled());
    // Export the run shown as a native trace, then open it: it joins the session and is shown.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("quick.threadlab"));
    QCOMPARE(TraceFile::write(*window.shownRun(), path).error().text(), QString());
    const int64_t wall = window.shownRun()->trace.lastEventNs;
    QVERIFY(window.loadFile(path));
    QCOMPARE(window.sessionSize(), 3);
    QCOMPARE(window.shownRun()->trace.lastEventNs, wall);
    QVERIFY(window.lesson()->outcomeText().contains(QStringLiteral("Measured")));
    window.showSessionRun(0);
    QVERIFY(window.shownRun()->trace.lastEventNs != wall);
    // A damaged trace says what is wrong and changes nothing.
    QFile damaged(dir.filePath(QStringLiteral("damaged.threadlab")));
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    damaged.write("THREADLAB-TRACE\n\x01");
    damaged.close();
    QVERIFY(!window.loadFile(damaged.fileName()));
    QVERIFY2(window.bannerText().contains(QStringLiteral("damaged.threadlab")), qPrintable(window.bannerText()));
    QCOMPARE(window.sessionSize(), 3);
    // File → Open Recent lists what opened (newest first), not what failed, and opens it again.
    QMenu *recent = nullptr;
    for (QMenu *menu : window.findChildren<QMenu *>()) {
        if (menu->title() == QStringLiteral("Open &Recent"))
            recent = menu;
    }
    QVERIFY(recent && recent->isEnabled());
    QStringList entries;
    for (QAction *action : recent->actions()) {
        if (!action->isSeparator())
            entries << action->toolTip();
    }
    QCOMPARE(entries.mid(0, 2), (QStringList { path, QFileInfo(QFINDTESTDATA("data/quick.json")).absoluteFilePath() }));
    QVERIFY(!entries.contains(damaged.fileName()));
    recent->actions().constFirst()->trigger();
    QCOMPARE(window.sessionSize(), 4);
    // A screen reader hears what the chart shows: which run, its lanes, how it ended.
    const QString description = window.gantt()->accessibleDescription();
    QVERIFY2(description.contains(QStringLiteral("A quick run")) && description.contains(QStringLiteral("lanes (main"))
            && description.contains(QStringLiteral("finished")),
        qPrintable(description));
    QCOMPARE(window.gantt()->accessibleName(), QStringLiteral("Timeline chart"));
}

void TestMainWindow::recentFilesKeepTheLastTenAndFollowTheTheme()
{
    QTemporaryDir dir;
    {
        MainWindow window;
        for (int i = 0; i < 12; ++i) {
            const QString copy = dir.filePath(QStringLiteral("quick-%1.json").arg(i));
            QVERIFY(QFile::copy(QFINDTESTDATA("data/quick.json"), copy));
            QVERIFY(window.loadFile(copy));
        }
    }
    const QStringList kept = QSettings().value(QStringLiteral("recent/files")).toStringList();
    QCOMPARE(kept.size(), 10);
    QCOMPARE(QFileInfo(kept.constFirst()).fileName(), QStringLiteral("quick-11.json"));
    QCOMPARE(QFileInfo(kept.constLast()).fileName(), QStringLiteral("quick-2.json"));
    // View → Appearance → Dark: the chart follows, and the choice is kept for the next window.
    MainWindow window;
    window.resize(1000, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction *dark = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == QStringLiteral("Dar&k"))
            dark = action;
    }
    QVERIFY(dark);
    dark->trigger();
    QCoreApplication::processEvents(); // the new palette reaches the widgets through posted events
    const QImage chart = window.gantt()->grab().toImage();
    const QColor surface = chart.pixelColor(chart.width() / 2, chart.height() / 4);
    QVERIFY2(surface.lightness() < 70, qPrintable(surface.name()));
    // The toolbar's Run icon is drawn in the palette's text colour: light on a dark toolbar.
    QAction *run = window.findChild<QAction *>(QStringLiteral("actionRun"));
    const auto iconInk = [run] { return run->icon().pixmap(32, 32).toImage().pixelColor(14, 16).lightness(); };
    QVERIFY2(iconInk() > 180, qPrintable(QString::number(iconInk())));
    QCOMPARE(QSettings().value(QStringLiteral("view/theme")).toInt(), 2);
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == QStringLiteral("&Light"))
            action->trigger();
    }
    QCoreApplication::processEvents();
    const QImage light = window.gantt()->grab().toImage();
    QVERIFY(light.pixelColor(light.width() / 2, light.height() / 4).lightness() > 200);
    QVERIFY2(iconInk() < 80, qPrintable(QString::number(iconInk())));
}

void TestMainWindow::speaksTheSystemLanguage()
{
    QVERIFY(!installTranslations(QLocale(QLocale::Swahili))); // no such translation: English stays
    QVERIFY(installTranslations(QLocale(QLocale::German, QLocale::Germany)));
    {
        MainWindow window;
        QStringList menus;
        for (QAction *action : window.menuBar()->actions())
            menus << action->text();
        QCOMPARE(menus.mid(0, 3),
            (QStringList { QStringLiteral("&Datei"), QStringLiteral("&Ausführen"), QStringLiteral("A&nsicht") }));
        QCOMPARE(window.gantt()->accessibleName(), QStringLiteral("Zeitleisten-Diagramm"));
    }
    for (QTranslator *translator : QCoreApplication::instance()->findChildren<QTranslator *>()) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    QCOMPARE(MainWindow().menuBar()->actions().constFirst()->text(), QStringLiteral("&File"));
}

void TestMainWindow::downloadPoolIsSeveralTimesFasterThanOneByOne()
{
    MainWindow window;
    window.show();
    for (const char *id : { "download-sequential", "download-pool" }) {
        window.chooseScenario(QString::fromLatin1(id));
        pressRun(window);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 60'000);
        QTRY_VERIFY(window.lesson()->outcomeText().contains(QStringLiteral("Measured")));
        QVERIFY2(window.bannerText().isEmpty(), qPrintable(window.bannerText().replace(u'\n', u' ')));
    }
    // The lesson panel says how much faster, with the measured figures.
    const QString outcome = window.lesson()->outcomeText();
    const QRegularExpression faster(QStringLiteral("([\\d.]+)× faster than the last run of download-sequential"));
    const QRegularExpressionMatch match = faster.match(outcome);
    QVERIFY2(match.hasMatch(), qPrintable(outcome));
    QVERIFY2(match.captured(1).toDouble() >= 3, qPrintable(outcome));
    // Every lane that downloaded waited in IoWait.
    int waiting = 0;
    for (const TaskRecord &task : window.shownRun()->trace.tasks)
        waiting += task.stateNs[size_t(State::IoWait)] > 150'000'000 ? 1 : 0;
    QCOMPARE(waiting, 15);
}

void TestMainWindow::runsTheRealProgramBesideItsLesson()
{
    if (!QFileInfo(QStringLiteral("/usr/bin/python3")).isExecutable()
        && QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
        QSKIP("python3 is not installed");
    MainWindow window;
    window.resize(1400, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.chooseScenario(QStringLiteral("threads-join"));
    auto *button = window.lesson()->findChild<QPushButton *>(QStringLiteral("realProgram"));
    QVERIFY(button);
    QVERIFY(button->isVisibleTo(window.lesson())); // this lesson has its real program
    pressRun(window); // the re-enactment first
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 30'000);
    QTRY_COMPARE(window.sessionSize(), 1);
    button->click(); // then the real thing
    QVERIFY(window.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 30'000);
    QTRY_COMPARE(window.sessionSize(), 2);
    const RecordedRun *real = window.shownRun();
    QVERIFY(real->program.isSet());
    QCOMPARE(real->program.lesson, QStringLiteral("threads-join"));
    QCOMPARE(real->program.exitCode, 0);
    // Its lanes: the Python main thread and the two threads, named as Python names them.
    QStringList names;
    for (const LaneTrack &lane : real->trace.lanes)
        names << lane.info.name;
    QVERIFY2(names.contains(QStringLiteral("MainThread")) && names.contains(QStringLiteral("Thread-1 (do_something)")),
        qPrintable(names.join(u',')));
    // The lesson panel compares it with the re-enactment it follows.
    QVERIFY2(window.lesson()->outcomeText().contains(QStringLiteral("the last run of threads-join")),
        qPrintable(window.lesson()->outcomeText()));
    QVERIFY2(window.lesson()->outcomeText().contains(QStringLiteral("the program exited with status 0")),
        qPrintable(window.lesson()->outcomeText()));
    QVERIFY(button->isVisibleTo(window.lesson())); // run it again from its own run
    QVERIFY(notBlank(window.grab().toImage()));
}

void TestMainWindow::aProgramThatCannotStartOrFailsSaysWhy()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ProgramTraceSettings settings;
    settings.command = QStringList { QStringLiteral("/no/such/program") };
    window.startTrace(settings);
    QVERIFY(!window.isRunning());
    QVERIFY2(window.bannerText().contains(QStringLiteral("Cannot trace")), qPrintable(window.bannerText()));
    QVERIFY2(window.bannerText().contains(QStringLiteral("/no/such/program")), qPrintable(window.bannerText()));
    QCOMPARE(window.sessionSize(), 0);
    // A program that fails: the banner says how, with the end of what it wrote.
    settings.command = QStringList { QStringLiteral("sh"), QStringLiteral("-c"),
        QStringLiteral("echo 'Traceback: ZeroDivisionError' >&2; exit 1") };
    settings.captureOutput = true;
    window.startTrace(settings);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 10'000);
    QTRY_COMPARE(window.sessionSize(), 1);
    QVERIFY2(window.bannerText().contains(QStringLiteral("exited with status 1")), qPrintable(window.bannerText()));
    QVERIFY2(window.bannerText().contains(QStringLiteral("ZeroDivisionError")), qPrintable(window.bannerText()));
}

void TestMainWindow::theAttachDialogFindsAProcessBySearch()
{
    QProcess sleeper;
    sleeper.start(QStringLiteral("sleep"), { QStringLiteral("30") });
    QVERIFY(sleeper.waitForStarted());
    QTest::qWait(100);
    AttachDialog dialog;
    dialog.refresh();
    auto *search = dialog.findChild<QLineEdit *>(QStringLiteral("filter"));
    QVERIFY(search);
    search->setText(QString::number(sleeper.processId()));
    // The search picked its match: OK attaches to it, for as long as the spin box says.
    QCOMPARE(dialog.settings().attachPid, sleeper.processId());
    QCOMPARE(dialog.settings().attachSeconds, 10);
    auto *buttons = dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttons"));
    QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
    search->setText(QStringLiteral("no process has this in its command line"));
    QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
    sleeper.kill();
    sleeper.waitForFinished();
}

void TestMainWindow::stopsATracedProgram()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ProgramTraceSettings settings;
    settings.command = QStringList { QStringLiteral("sleep"), QStringLiteral("30") };
    window.startTrace(settings);
    QVERIFY(window.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(window.gantt()->rows().size() >= 2, 10'000); // its lane, live
    window.stopRun();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isRunning(), 6'000); // SIGINT ends sleep at once
    QTRY_COMPARE(window.sessionSize(), 1); // (the next poll hands the finished run to the session)
    const RecordedRun *run = window.shownRun();
    QVERIFY(run && run->program.isSet());
    QVERIFY(run->stopped);
    QCOMPARE(run->program.signal, SIGINT);
    QVERIFY(run->trace.lanes[0].endNs > run->trace.lanes[0].beginNs);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
