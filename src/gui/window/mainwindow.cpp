#include "window/mainwindow.h"

#include "base/clock.h"
#include "base/osids.h"
#include "chart/ganttview.h"
#include "chart/timeaxis.h"
#include "runtime/programs/programtrace.h"
#include "runtime/run.h"
#include "scenario/scenariolibrary.h"
#include "scenario/scenariooverrides.h"
#include "scenario/sharingcheck.h"
#include "trace/outcome.h"
#include "trace/runsummary.h"
#include "trace/traceanalysis.h"
#include "trace/tracefile.h"
#include "ui_mainwindow.h"
#include "window/appearance.h"
#include "window/attachdialog.h"
#include "window/chartspanel.h"
#include "window/comparedialog.h"
#include "window/consolepanel.h"
#include "window/exportdialog.h"
#include "window/helpmenu.h"
#include "window/lessonpanel.h"
#include "window/realprograms.h"
#include "window/recentfiles.h"
#include "window/replaycontrols.h"
#include "window/runcontrols.h"
#include "window/schedmenu.h"
#include "window/sessionmodel.h"
#include "window/tracedialog.h"

#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMimeData>
#include <QProgressBar>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

namespace threadlab {

namespace {
// A live run is looked at once per frame of the display (60 Hz where the screen does not say).
int displayFrameMs(const QScreen *screen)
{
    const double hz = screen && screen->refreshRate() >= 20 ? screen->refreshRate() : 60.0;
    return std::clamp(int(1000.0 / hz), 4, 50);
}
const QString kDefaultScenario = QStringLiteral("ten-threads");
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    m_session = new SessionModel(this);
    m_ui->runList->setModel(m_session);
    setWindowIcon(QIcon(QStringLiteral(":/icons/threadlab.svg")));
    m_ui->banner->hide();
    m_ui->menuView->addAction(m_ui->libraryDock->toggleViewAction());
    m_ui->menuView->addAction(m_ui->lessonDock->toggleViewAction());
    m_ui->menuView->addAction(m_ui->runsDock->toggleViewAction());
    m_ui->menuView->addAction(m_ui->chartsDock->toggleViewAction());
    m_ui->menuView->addAction(m_ui->consoleDock->toggleViewAction());
    m_ui->menuView->addSeparator();
    m_appearance = new Appearance(m_ui->menuView->addMenu(tr("&Appearance")), this);
    auto *recentMenu = new QMenu(tr("Open &Recent"), this);
    m_ui->menuFile->insertMenu(m_ui->actionSave, recentMenu);
    m_recent = new RecentFiles(recentMenu, this);
    connect(m_recent, &RecentFiles::openRequested, this, &MainWindow::loadFile);
    tabifyDockWidget(m_ui->lessonDock, m_ui->chartsDock);
    tabifyDockWidget(m_ui->chartsDock, m_ui->consoleDock);
    connect(m_ui->console, &ConsolePanel::jumpRequested, m_ui->gantt, &GanttView::showMoment);
    m_ui->lessonDock->raise();
    splitDockWidget(m_ui->libraryDock, m_ui->runsDock, Qt::Vertical);
    // The side panels take their share of the screen the window opens on, so that the chart keeps
    // at least half of a small one.
    const int screenWidth = screen() ? screen()->availableGeometry().width() : 1600;
    resizeDocks({ m_ui->libraryDock, m_ui->lessonDock },
        { std::clamp(screenWidth * 17 / 100, 200, 300), std::clamp(screenWidth * 24 / 100, 260, 420) }, Qt::Horizontal);
    resizeDocks({ m_ui->libraryDock, m_ui->runsDock }, { 500, 180 }, Qt::Vertical);
    m_ui->menuRun->addSeparator();
    m_sched = new SchedMenu(this);
    m_ui->menuRun->addMenu(m_sched);
    buildToolBar();
    buildStatusBar();
    nameForAccessibility();
    m_poll = new QTimer(this);
    m_poll->setTimerType(Qt::PreciseTimer);
    connect(m_poll, &QTimer::timeout, this, &MainWindow::poll);
    connectActions();
    restoreSettings();
    updateControls();
}

MainWindow::~MainWindow() = default;

GanttView *MainWindow::gantt() const
{
    return m_ui->gantt;
}

int MainWindow::sessionSize() const
{
    return m_session->size();
}

LessonPanel *MainWindow::lesson() const
{
    return m_ui->lesson;
}

QString MainWindow::bannerText() const
{
    return m_ui->banner->isVisibleTo(this) ? m_ui->banner->text() : QString();
}

void MainWindow::buildToolBar()
{
    QToolBar *bar = m_ui->runToolBar;
    drawRunIcons();
    bar->addAction(m_ui->actionRun);
    bar->addAction(m_ui->actionStop);
    bar->addSeparator();
    m_controls = new RunControls(bar);
    bar->addSeparator();
    bar->addAction(m_ui->actionFit);
    bar->addAction(m_ui->gantt->coresAction());
    bar->addSeparator();
    m_replay = new ReplayControls(bar, m_ui->gantt);
    auto *replayMenu = m_ui->menuView->addMenu(tr("&Replay"));
    replayMenu->addActions({ m_replay->playAction(), m_replay->stepAction(), m_replay->endAction() });
    m_ui->menuView->addAction(m_ui->gantt->coresAction());
    m_ui->menuView->addAction(m_ui->gantt->nextLostAction());
    m_ui->menuView->addAction(m_ui->gantt->previousLostAction());
    new HelpMenu(menuBar()->addMenu(tr("&Help")), this);
}

void MainWindow::nameForAccessibility()
{
    // Screen readers say these names; the chart's description says what it shows (describeChart()).
    m_ui->gantt->setAccessibleName(tr("Timeline chart"));
    m_ui->library->setAccessibleName(tr("Lessons"));
    m_ui->runList->setAccessibleName(tr("Runs of this session"));
    m_ui->runList->setAccessibleDescription(
        tr("Choose a run to show it in the timeline chart; select two (Ctrl+click) and press Compare to compare them"));
    m_ui->runList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_ui->runList->setToolTip(tr("Click a run to show it; Ctrl+click a second one, then Compare two runs…"));
    m_ui->lesson->setAccessibleName(tr("Lesson and outcome"));
    m_ui->charts->setAccessibleName(tr("Charts"));
    m_ui->banner->setAccessibleName(tr("Problem"));
    m_stateLabel->setAccessibleName(tr("Run state"));
    m_elapsedLabel->setAccessibleName(tr("Elapsed time"));
    m_eventsLabel->setAccessibleName(tr("Recorded events"));
    m_progress->setAccessibleName(tr("Run in progress"));
}

void MainWindow::buildStatusBar()
{
    m_stateLabel = new QLabel(tr("Ready"), this);
    m_elapsedLabel = new QLabel(this);
    m_eventsLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->setMaximumHeight(14);
    m_progress->hide();
    statusBar()->addWidget(m_stateLabel);
    statusBar()->addWidget(m_progress);
    statusBar()->addPermanentWidget(m_elapsedLabel);
    statusBar()->addPermanentWidget(m_eventsLabel);
}

void MainWindow::connectActions()
{
    connect(m_ui->actionRun, &QAction::triggered, this, &MainWindow::startRun);
    connect(m_ui->actionStop, &QAction::triggered, this, &MainWindow::stopRun);
    connect(m_ui->actionOpen, &QAction::triggered, this, &MainWindow::openFile);
    connect(m_ui->actionSave, &QAction::triggered, this, &MainWindow::saveScenario);
    connect(m_ui->actionExport, &QAction::triggered, this, &MainWindow::exportChart);
    connect(m_ui->actionTrace, &QAction::triggered, this, &MainWindow::traceProgram);
    connect(m_ui->actionAttach, &QAction::triggered, this, &MainWindow::attachToProcess);
    connect(m_ui->lesson, &LessonPanel::realProgramRequested, this, &MainWindow::runRealProgram);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionFit, &QAction::triggered, m_ui->gantt, [this] {
        m_ui->gantt->setFollow(true);
        m_ui->gantt->fit();
    });
    connect(m_ui->actionZoomIn, &QAction::triggered, m_ui->gantt, [this] { m_ui->gantt->zoomBy(1.25); });
    connect(m_ui->actionZoomOut, &QAction::triggered, m_ui->gantt, [this] { m_ui->gantt->zoomBy(0.8); });
    connect(m_ui->library, &ScenarioLibraryPanel::scenarioChosen, this, &MainWindow::chooseScenario);
    connect(m_ui->library, &ScenarioLibraryPanel::openRequested, this, &MainWindow::openFile);
    connect(m_ui->library, &ScenarioLibraryPanel::saveRequested, this, &MainWindow::saveScenario);
    connect(m_controls, &RunControls::changed, this, &MainWindow::updateControls);
    connect(m_ui->runList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) { showSessionRun(current.row()); });
    connect(m_ui->compareButton, &QPushButton::clicked, this, &MainWindow::compareRuns);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QString last = settings.value(QStringLiteral("scenario/last"), kDefaultScenario).toString();
    if (QFileInfo(last).isFile())
        loadFile(last);
    else if (!m_ui->library->select(last))
        m_ui->library->select(kDefaultScenario);
    if (m_key == last)
        m_controls->restore(settings);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("scenario/last"), m_key);
    m_controls->save(settings);
}

QString MainWindow::realProgramOf(const Scenario &scenario)
{
    // Only a built-in lesson's: a scenario file never names a program to run.
    return scenario.origin.startsWith(QStringLiteral(":/")) ? realProgramOf(scenario.id) : QString();
}

QString MainWindow::realProgramOf(const QString &lesson)
{
    return RealPrograms::exists(lesson) ? lesson : QString();
}

void MainWindow::showBanner(const QString &text)
{
    m_ui->banner->setText(text);
    m_ui->banner->setVisible(!text.isEmpty());
}

void MainWindow::chooseScenario(const QString &key)
{
    if (isRunning())
        return;
    Result<Scenario> parsed = ScenarioLibrary::load(key);
    if (!parsed.ok()) {
        showBanner(parsed.error().text());
        return;
    }
    showBanner(QString());
    m_key = key;
    m_scenario = std::move(*parsed);
    m_controls->applyDefaults(*m_scenario);
    updateControls();
    m_ui->lesson->showScenario(*m_scenario);
    m_ui->lesson->offerRealProgram(realProgramOf(*m_scenario));
    setWindowTitle(m_scenario->title + QStringLiteral(" — ThreadLab"));
    m_stateLabel->setText(tr("Ready"));
    m_ui->library->setAccessibleDescription(tr("Selected lesson: %1").arg(m_scenario->title));
    m_ui->gantt->setAccessibleDescription(tr("%1: not run yet. Press Run (F5) to record it.").arg(m_scenario->title));
    if (m_ui->library->currentKey() != key)
        m_ui->library->select(key);
    // The chart under the lesson's title is this lesson's: its last run in this session, or none
    // yet (never the lesson shown before).
    if (m_shown && m_shown->scenario.id == m_scenario->id)
        return;
    for (int i = m_session->size() - 1; i >= 0; --i) {
        if (m_session->at(i).summary.scenario == m_scenario->id) {
            showSessionRun(i);
            return;
        }
    }
    m_shown.reset();
    m_ui->gantt->setTrace(TraceSource(), 0);
    m_replay->setTrace(nullptr);
    m_ui->charts->clear();
    m_ui->console->clear();
    m_ui->runList->clearSelection();
    m_elapsedLabel->clear();
    m_eventsLabel->clear();
    updateControls();
}

bool MainWindow::loadFile(const QString &path)
{
    if (path.endsWith(QStringLiteral(".threadlab"), Qt::CaseInsensitive) || TraceFile::isTraceFile(path)) {
        if (!openTrace(path))
            return false;
        m_recent->add(path);
        return true;
    }
    const Result<Scenario> parsed = ScenarioParser::parseFile(path);
    if (!parsed.ok()) {
        showBanner(parsed.error().text());
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_ui->library->addFile(absolute, parsed->title);
    m_ui->library->select(absolute);
    m_recent->add(absolute);
    return true;
}

void MainWindow::updateControls()
{
    const bool running = isRunning();
    m_ui->actionRun->setEnabled(!running && m_scenario.has_value());
    m_ui->actionStop->setEnabled(running);
    m_ui->actionExport->setEnabled(!running && m_shown);
    m_ui->compareButton->setEnabled(!running && m_session->size() >= 2);
    m_ui->runList->setEnabled(!running);
    m_controls->setRunning(running);
    m_ui->library->setEnabled(!running);
    m_progress->setVisible(running);
}

bool MainWindow::isRunning() const
{
    return m_run && !m_run->isFinished();
}

void MainWindow::startRun()
{
    if (isRunning() || !m_scenario)
        return;
    Scenario scenario = m_controls->applyTo(*m_scenario);
    if (const QStringList problems = processSharingProblems(scenario); !problems.isEmpty()) {
        showBanner(problems.join(u'\n'));
        m_ui->lesson->showProblem(problems.join(u'\n'));
        return;
    }
    showBanner(QString());
    m_runSettings = RunControls::describe(scenario);
    RunSettings settings;
    settings.sched = m_sched->mode();
    startRecording(std::make_unique<Run>(std::move(scenario), settings));
}

void MainWindow::startRecording(std::unique_ptr<LiveRecording> recording)
{
    m_ui->gantt->setTrace({}, currentPid());
    m_run = std::move(recording);
    m_run->start();
    m_ui->gantt->setTrace(m_run->liveTrace(), m_run->mainPid());
    m_replay->setTrace(nullptr);
    m_ui->console->clear();
    m_ui->lesson->showRunning(m_runSettings);
    m_stateLabel->setText(tr("Running — %1").arg(m_runSettings));
    m_poll->start(displayFrameMs(screen())); // (the screen the window is on now)
    updateControls();
}

void MainWindow::traceProgram()
{
    if (isRunning())
        return;
    TraceDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        startTrace(dialog.settings());
}

void MainWindow::attachToProcess()
{
    if (isRunning())
        return;
    AttachDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        startTrace(dialog.settings());
}

void MainWindow::runRealProgram(const QString &lesson)
{
    if (isRunning())
        return;
    const Result<ProgramTraceSettings> settings = RealPrograms::settingsFor(lesson);
    if (!settings) {
        showBanner(settings.error().text());
        return;
    }
    startTrace(*settings);
}

void MainWindow::startTrace(const ProgramTraceSettings &given)
{
    if (isRunning())
        return;
    ProgramTraceSettings settings = given;
    settings.sched = m_sched->mode();
    auto trace = std::make_unique<ProgramTrace>(settings);
    ProgramTrace *program = trace.get();
    m_runSettings = settings.attachPid ? tr("attached to pid %1").arg(settings.attachPid) : tr("traced program");
    trace->start();
    if (const QString problem = trace->startError(); !problem.isEmpty()) {
        // Nothing ran: the chart keeps what it showed (it never saw this trace), the reason is on the banner.
        trace->waitForFinished();
        showBanner(tr("Cannot trace: %1").arg(problem));
        m_stateLabel->setText(tr("Not traced"));
        return;
    }
    showBanner(QString());
    startRecording(std::move(trace)); // (started already: it goes on)
    m_ui->lesson->showRunning(tr("Tracing %1").arg(program->title()));
    m_stateLabel->setText(tr("Tracing — %1").arg(program->title()));
}

void MainWindow::stopRun()
{
    if (!isRunning())
        return;
    m_run->stop();
    m_stateLabel->setText(tr("Stopping…"));
}

void MainWindow::poll()
{
    if (!m_run)
        return;
    // The run builds its trace on a thread of its own; this only looks at how far it has come.
    const bool finished = m_run->isFinished();
    int64_t originNs = 0;
    size_t lanes = 0;
    int64_t now = nowNs();
    {
        const TraceReading trace = m_run->liveTrace().read();
        originNs = trace->originNs;
        lanes = trace->lanes.size();
        if (finished)
            now = trace->lastEventNs;
        m_ui->console->showTrace(*trace);
    }
    m_ui->gantt->traceUpdated(now, !finished);
    m_elapsedLabel->setText(tr("%1 s").arg(nsToMs(now - originNs) / 1000.0, 0, 'f', 2));
    m_eventsLabel->setText(
        tr("%1 events recorded, %2 dropped")
            .arg(Outcome::count(int64_t(m_run->recordedEvents())), Outcome::count(int64_t(m_run->droppedEvents()))));
    m_ui->gantt->setAccessibleDescription(tr("Running %1 (%2): %n lanes so far, %3 s", nullptr, int(lanes))
                                              .arg(m_run->title(), m_runSettings)
                                              .arg(nsToMs(now - originNs) / 1000.0, 0, 'f', 1));
    if (finished)
        finishRun();
}

void MainWindow::finishRun()
{
    m_poll->stop();
    // The finished run hands its recording over (a move); the chart shows it from now on.
    const RunSummary &summary = addToSession(m_run->takeRecording(), m_runSettings).summary;
    const bool stopped = summary.stopped;
    const ProgramRun &program = summary.program;
    if (program.isSet() && (program.signal != 0 || program.exitCode > 0)) {
        // A program that failed: how, and the end of what it wrote (a traceback, an error).
        QStringList last = program.outputTail.trimmed().split(u'\n');
        last = last.mid(std::max<qsizetype>(0, last.size() - 8));
        showBanner(tr("The program %1 (what was recorded is kept).").arg(program.exitText())
            + (program.outputTail.trimmed().isEmpty() ? QString()
                                                      : tr(" The end of its output:\n") + last.join(u'\n')));
    }
    if (!summary.errors.isEmpty()) {
        showBanner(tr("The run reported problems (what was recorded is kept):\n") + summary.errors.join(u'\n'));
        m_stateLabel->setText(tr("Finished with problems"));
    } else {
        m_stateLabel->setText(summary.deadlock.found
                ? tr("Deadlocked — stopped at %1").arg(Outcome::duration(summary.deadlock.detectedMs))
                : stopped ? tr("Stopped")
                          : tr("Finished — %1").arg(m_runSettings));
        m_stateLabel->setToolTip(
            tr("OS scheduler data: %1 (%2)").arg(schedSourceName(summary.sched.source), summary.sched.reason));
    }
    updateControls();
}

const SessionRun &MainWindow::addToSession(std::shared_ptr<RecordedRun> recording, const QString &settings)
{
    const SessionRun &run = m_session->add(std::move(recording), settings);
    showSessionRun(m_session->size() - 1);
    return run;
}

void MainWindow::describeChart(const RunSummary &summary, const QString &settings)
{
    // What a screen reader says of the chart: which run, its lanes, how it ended, what it measured.
    QStringList lanes;
    for (const LaneInfo &lane : summary.lanes)
        lanes << lane.name;
    constexpr int kNamedLanes = 8;
    const QString named = lanes.mid(0, kNamedLanes).join(QStringLiteral(", "))
        + (lanes.size() > kNamedLanes ? tr(" and %n more", nullptr, int(lanes.size() - kNamedLanes)) : QString());
    const QString ended = summary.errors.isEmpty()
        ? tr("finished")
        : tr("finished with %n problems", nullptr, int(summary.errors.size()));
    m_ui->gantt->setAccessibleDescription(
        tr("%1 (%2), %3: %n lanes (%4). ", nullptr, int(lanes.size())).arg(summary.title, settings, ended, named)
        + Outcome::lines(summary).join(QStringLiteral("; ")));
}

void MainWindow::showSessionRun(int index)
{
    if (index < 0 || index >= m_session->size() || isRunning())
        return;
    const SessionRun &run = m_session->at(index);
    m_shown = run.recording;
    m_ui->gantt->setTrace(TraceSource(m_shown->trace), m_shown->pid);
    m_replay->setTrace(&m_shown->trace);
    m_ui->gantt->traceUpdated(m_shown->trace.lastEventNs, false);
    if (const auto turns = TraceAnalysis::gilTurnWindow(m_shown->trace)) {
        // The GIL's turns are a few pixels wide on the whole run: the first view shows some of them.
        m_ui->gantt->showWindow(turns->startNs, turns->spanNs,
            tr("%1 from the middle of the run: the threads take turns holding the GIL, about %2 each")
                .arg(TimeAxis::format(turns->spanNs, turns->spanNs),
                    TimeAxis::format(turns->turnNs, turns->turnNs / 10)));
    } else if (const auto tasks = TraceAnalysis::tasksWindow(m_shown->trace)) {
        // The tasks were over in a sliver of the run (the rest is starting and ending it).
        m_ui->gantt->showWindow(tasks->startNs, tasks->spanNs,
            tr("The tasks took %1 of the %2 run: zoomed to them")
                .arg(TimeAxis::format(tasks->turnNs, std::max<int64_t>(1, tasks->turnNs / 100)),
                    TimeAxis::format(m_shown->trace.lastEventNs - m_shown->trace.originNs,
                        (m_shown->trace.lastEventNs - m_shown->trace.originNs) / 100)));
    }
    m_ui->charts->showRun(*m_shown, m_session->wallTimeBars(run.summary.scenario));
    m_ui->console->clear();
    m_ui->console->showTrace(m_shown->trace);
    if (m_ui->runList->currentIndex().row() != index) {
        const QSignalBlocker blocker(m_ui->runList->selectionModel());
        m_ui->runList->setCurrentIndex(m_session->index(index));
    }
    const RunSummary &summary = run.summary;
    m_ui->lesson->showScenario(m_shown->scenario);
    m_ui->lesson->offerRealProgram(
        m_shown->program.isSet() ? realProgramOf(m_shown->program.lesson) : realProgramOf(m_shown->scenario));
    const int earlier = m_session->earlierComparable(index);
    const QString comparison = earlier >= 0
        ? Outcome::comparison(summary, run.settings, m_session->at(earlier).summary, m_session->at(earlier).settings)
        : QString();
    m_ui->lesson->showOutcome(summary, run.settings, comparison);
    describeChart(summary, run.settings);
    m_elapsedLabel->setText(tr("%1 s").arg(summary.wallMs / 1000.0, 0, 'f', 2));
    m_eventsLabel->setText(
        tr("%1 events recorded, %2 dropped")
            .arg(Outcome::count(int64_t(summary.eventsRecorded)), Outcome::count(int64_t(summary.eventsDropped))));
    followShownLesson();
    updateControls();
}

void MainWindow::followShownLesson()
{
    // A run of another built-in lesson shown (from the runs list or a trace file): the library, the
    // title and the toolbar follow it, so that Run runs that lesson again with the settings it ran
    // with. The lesson itself comes from the library, never from the run's (maybe foreign) copy.
    const QString id = m_shown->scenario.id;
    if (m_scenario && m_scenario->id == id)
        return; // (the usual case: the lesson just run; no need to read the library)
    const QList<ScenarioEntry> builtIns = ScenarioLibrary::builtIns();
    if (std::none_of(builtIns.begin(), builtIns.end(), [&id](const ScenarioEntry &entry) { return entry.id == id; }))
        return;
    Result<Scenario> lesson = ScenarioLibrary::load(id);
    if (!lesson.ok())
        return;
    lesson->executor = m_shown->scenario.executor;
    lesson->options = m_shown->scenario.options;
    m_key = id;
    m_scenario = std::move(*lesson);
    m_controls->applyDefaults(*m_scenario);
    setWindowTitle(m_scenario->title + QStringLiteral(" — ThreadLab"));
    const QSignalBlocker blocker(m_ui->library);
    m_ui->library->select(id);
}

bool MainWindow::openTrace(const QString &path)
{
    Result<std::shared_ptr<RecordedRun>> recording = TraceFile::read(path);
    if (!recording) {
        showBanner(recording.error().text());
        return false;
    }
    showBanner(QString());
    const QString settings
        = tr("opened %1 (%2)")
              .arg(QFileInfo(path).fileName(),
                  (*recording)->program.isSet() ? tr("traced program") : RunControls::describe((*recording)->scenario));
    addToSession(std::move(*recording), settings);
    m_stateLabel->setText(tr("Showing a recorded trace"));
    return true;
}

void MainWindow::compareRuns()
{
    if (m_session->size() < 2) {
        statusBar()->showMessage(tr("Run twice (or open a trace) to have two runs to compare"), 5000);
        return;
    }
    CompareDialog dialog(m_session->recordings(), m_session->labels(), this);
    // Two runs selected in the runs list (Ctrl+click): those two, the older as A.
    QModelIndexList selected = m_ui->runList->selectionModel()->selectedRows();
    if (selected.size() == 2) {
        std::sort(selected.begin(), selected.end());
        dialog.choose(selected[0].row(), selected[1].row());
    }
    dialog.exec();
}

void MainWindow::openFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario or trace"), QString(),
        tr("Scenarios and traces (*.json *.threadlab);;ThreadLab scenarios (*.json);;ThreadLab traces "
           "(*.threadlab);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

void MainWindow::saveScenario()
{
    if (!m_scenario)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save scenario"), m_scenario->id + QStringLiteral(".json"), tr("ThreadLab scenarios (*.json)"));
    if (path.isEmpty())
        return;
    // The scenario as loaded, with the executor and options chosen in the toolbar.
    QSaveFile file(path);
    const QByteArray json = ScenarioOverrides::rewrite(m_controls->applyTo(*m_scenario));
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        showBanner(tr("%1: cannot save the scenario: %2").arg(path, file.errorString()));
        return;
    }
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    loadFile(path);
}

void MainWindow::exportChart()
{
    if (!m_shown || isRunning()) {
        statusBar()->showMessage(tr("Run a scenario first: the run shown is exported"), 5000);
        return;
    }
    ExportDialog dialog(*m_shown, m_ui->gantt->view(), this);
    if (dialog.exec() == QDialog::Accepted)
        statusBar()->showMessage(tr("Exported"), 5000);
}

void MainWindow::drawRunIcons()
{
    m_ui->actionRun->setIcon(Appearance::runIcon(palette(), true));
    m_ui->actionStop->setIcon(Appearance::runIcon(palette(), false));
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        drawRunIcons();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    // The window goes, and the run's recording with it: nothing is waited for.
    if (m_run)
        m_run->abandon();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        const QString file = url.toLocalFile();
        if (url.isLocalFile()
            && (file.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)
                || file.endsWith(QStringLiteral(".threadlab"), Qt::CaseInsensitive))) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            loadFile(url.toLocalFile());
    }
    event->acceptProposedAction();
}

} // namespace threadlab
