#pragma once

#include "scenario/scenario.h"
#include "trace/runsummary.h"

#include <QMainWindow>
#include <memory>
#include <optional>

class QLabel;
class QProgressBar;
class QTimer;

namespace Ui {
class MainWindow;
}

namespace threadlab {

class GanttView;
class LessonPanel;
class LiveRecording;
struct ProgramTraceSettings;
class RunControls;
class ReplayControls;
class SchedMenu;
struct RunSummary;
class RecentFiles;
class Appearance;
class SessionModel;
struct SessionRun;
struct RecordedRun;

// The ThreadLab window: the lesson library on the left, the run controls on top, the live Gantt
// chart in the centre, the lesson and its measured outcome on the right, the run's state below.
// The GUI thread never runs or waits on a task: it polls the run's trace at the display rate.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void chooseScenario(const QString &key); // a built-in id or a file path
    bool loadFile(const QString &path); // a scenario (.json) or a recorded trace (.threadlab)
    void startRun();
    void stopRun();
    bool isRunning() const;
    const LiveRecording *run() const { return m_run.get(); }
    // Traces a program (File ▸ Trace a program…, Attach…, or a lesson's real program).
    void startTrace(const ProgramTraceSettings &settings);
    void runRealProgram(const QString &lesson);
    const RecordedRun *shownRun() const { return m_shown.get(); }
    int sessionSize() const;
    void showSessionRun(int index);
    void compareRuns();
    GanttView *gantt() const;
    LessonPanel *lesson() const;
    QString bannerText() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override; // a new palette redraws the toolbar's icons
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void followShownLesson();
    void buildToolBar();
    void buildStatusBar();
    void drawRunIcons();
    void nameForAccessibility();
    void connectActions();
    void restoreSettings();
    void saveSettings() const;
    void updateControls();
    void poll();
    void finishRun();
    void openFile();
    void traceProgram();
    void attachToProcess();
    void startRecording(std::unique_ptr<LiveRecording> recording);
    void saveScenario();
    void exportChart();
    void showBanner(const QString &text);
    static QString realProgramOf(const Scenario &scenario); // the lesson id when it has a real program
    static QString realProgramOf(const QString &lesson);
    void describeChart(const RunSummary &summary, const QString &settings);
    const SessionRun &addToSession(std::shared_ptr<RecordedRun> recording, const QString &settings);
    bool openTrace(const QString &path);

    std::unique_ptr<Ui::MainWindow> m_ui;
    RunControls *m_controls = nullptr;
    ReplayControls *m_replay = nullptr;
    SchedMenu *m_sched = nullptr; // Run ▸ OS scheduler data
    RecentFiles *m_recent = nullptr;
    Appearance *m_appearance = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_elapsedLabel = nullptr;
    QLabel *m_eventsLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QTimer *m_poll = nullptr;
    std::optional<Scenario> m_scenario;
    QString m_key;
    std::unique_ptr<LiveRecording> m_run;
    QString m_runSettings;
    SessionModel *m_session = nullptr; // the runs list's model
    std::shared_ptr<RecordedRun> m_shown; // what the chart shows when no run is live
};

} // namespace threadlab
