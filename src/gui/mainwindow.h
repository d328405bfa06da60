#pragma once

#include <QMainWindow>
#include <memory>

class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace threadlab {

class Run;

// A first window: pick a built-in lesson, run it, read the measured summary. The live Gantt chart
// replaces the text view in a later step; until then this keeps the GUI honest and usable.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void selectScenario(const QString &id);
    void startRun();
    bool isRunning() const;
    QString outputText() const;

private:
    void showSelectedLesson();
    void poll();
    void finishRun();

    QListWidget *m_scenarios = nullptr;
    QPlainTextEdit *m_output = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QTimer *m_poll = nullptr;
    std::unique_ptr<Run> m_run;
};

} // namespace threadlab
