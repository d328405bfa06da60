#include "lessonpanel.h"

#include "outcome.h"
#include "runsummary.h"
#include "scenario.h"
#include "ui_lessonpanel.h"

#include <QFontDatabase>
#include <QTextDocument>

namespace threadlab {

LessonPanel::LessonPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::LessonPanel>())
{
    m_ui->setupUi(this);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->pythonCode->setFont(mono);
    m_ui->cppCode->setFont(mono);
}

LessonPanel::~LessonPanel() = default;

void LessonPanel::showScenario(const Scenario &scenario)
{
    m_lessonHtml
        = QStringLiteral("<h2>%1</h2><p>%2</p>").arg(scenario.title.toHtmlEscaped(), scenario.lesson.toHtmlEscaped());
    m_expectedHtml = QStringLiteral("<p><b>Expected:</b> %1</p>")
                         .arg(scenario.expected.isEmpty() ? QStringLiteral("—") : scenario.expected.toHtmlEscaped());
    m_outcomeHtml = m_expectedHtml + QStringLiteral("<p style='color:#666'>Press Run (F5) to measure it.</p>");
    m_ui->pythonCode->setPlainText(scenario.pythonCode);
    m_ui->cppCode->setPlainText(scenario.cppCode);
    render();
}

void LessonPanel::showRunning(const QString &settings)
{
    m_outcomeHtml = m_expectedHtml
        + QStringLiteral("<h3>Running…</h3><p style='color:#666'>%1</p>").arg(settings.toHtmlEscaped());
    render();
}

void LessonPanel::showOutcome(const RunSummary &summary, const QString &settings, const QString &comparison)
{
    QString html = QStringLiteral("<h3>Measured</h3><p style='color:#666'>%1</p><ul>").arg(settings.toHtmlEscaped());
    for (const QString &line : Outcome::lines(summary))
        html += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
    if (!comparison.isEmpty())
        html += QStringLiteral("<li><b>%1</b></li>").arg(comparison.toHtmlEscaped());
    html += QStringLiteral("</ul>") + m_expectedHtml;
    for (const QString &error : summary.errors)
        html += QStringLiteral("<p style='color:#b00020'><b>Problem:</b> %1</p>").arg(error.toHtmlEscaped());
    m_outcomeHtml = html;
    render();
}

void LessonPanel::showProblem(const QString &problem)
{
    m_outcomeHtml = QStringLiteral("<p style='color:#b00020'><b>Cannot run:</b> %1</p>").arg(problem.toHtmlEscaped());
    render();
}

QString LessonPanel::outcomeText() const
{
    QTextDocument document;
    document.setHtml(m_outcomeHtml);
    return document.toPlainText();
}

void LessonPanel::render()
{
    m_ui->lessonText->setHtml(m_lessonHtml + m_outcomeHtml);
}

} // namespace threadlab
