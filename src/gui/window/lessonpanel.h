#pragma once

#include <QWidget>
#include <memory>

namespace Ui {
class LessonPanel;
}

namespace threadlab {

struct RunSummary;
struct Scenario;

// The lesson beside the chart: what the scenario teaches, its Python code from the tutorial and
// the C++ equivalent, and after a run what was measured beside what the lesson expects.
class LessonPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LessonPanel(QWidget *parent = nullptr);
    ~LessonPanel() override;

    void showScenario(const Scenario &scenario);
    void showRunning(const QString &settings);
    void showOutcome(const RunSummary &summary, const QString &settings, const QString &comparison = {});
    void showProblem(const QString &problem);
    QString outcomeText() const; // the measured outcome as plain text
    // Offers "Run the real Python program" for a lesson that has one (lesson id), or hides it.
    void offerRealProgram(const QString &lesson);

Q_SIGNALS:
    void realProgramRequested(const QString &lesson);

protected:
    void changeEvent(QEvent *event) override; // a new palette re-renders the text in its colours

private:
    void render();

    std::unique_ptr<Ui::LessonPanel> m_ui;
    QString m_lessonHtml;
    QString m_expectedHtml;
    QString m_outcomeHtml;
    QString m_realProgram;
};

} // namespace threadlab
