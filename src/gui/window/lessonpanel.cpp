#include "window/lessonpanel.h"

#include "chart/statepalette.h"
#include "scenario/expectedtext.h"
#include "scenario/scenario.h"
#include "trace/outcome.h"
#include "trace/runsummary.h"
#include "ui_lessonpanel.h"

#include <QEvent>
#include <QFontDatabase>
#include <QTextDocument>
#include <QThread>

namespace threadlab {

LessonPanel::LessonPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::LessonPanel>())
{
    m_ui->setupUi(this);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->pythonCode->setFont(mono);
    m_ui->cppCode->setFont(mono);
    m_ui->realProgram->hide();
    connect(m_ui->realProgram, &QPushButton::clicked, this, [this] { Q_EMIT realProgramRequested(m_realProgram); });
}

LessonPanel::~LessonPanel() = default;

void LessonPanel::offerRealProgram(const QString &lesson)
{
    m_realProgram = lesson;
    m_ui->realProgram->setVisible(!lesson.isEmpty());
}

void LessonPanel::showScenario(const Scenario &scenario)
{
    m_lessonHtml = QStringLiteral("<h2>%1</h2><p>%2</p>")
                       .arg(scenario.title.toHtmlEscaped(),
                           ExpectedText::lesson(scenario, ExpectedText::FrontEnd::Window).toHtmlEscaped());
    m_expectedHtml = QStringLiteral("<p><b>%1</b> %2</p>")
                         .arg(tr("Expected:").toHtmlEscaped(),
                             scenario.expected.isEmpty()
                                 ? QStringLiteral("—")
                                 : ExpectedText::forMachine(scenario, QThread::idealThreadCount()).toHtmlEscaped());
    m_outcomeHtml = m_expectedHtml
        + QStringLiteral("<p style='color:{dim}'>%1</p>").arg(tr("Press Run (F5) to measure it.").toHtmlEscaped());
    m_ui->pythonCode->setPlainText(scenario.pythonCode);
    m_ui->cppCode->setPlainText(scenario.cppCode);
    render();
}

void LessonPanel::showRunning(const QString &settings)
{
    m_outcomeHtml = m_expectedHtml
        + QStringLiteral("<h3>%1</h3><p style='color:{dim}'>%2</p>")
              .arg(tr("Running…").toHtmlEscaped(), settings.toHtmlEscaped());
    render();
}

void LessonPanel::showOutcome(const RunSummary &summary, const QString &settings, const QString &comparison)
{
    QString html;
    // A deadlock, found or possible, comes first: it is the lesson's point when there is one.
    auto block = [&html](const QStringList &lines) {
        html += QStringLiteral("<p style='color:{problem}'><b>%1</b></p><ul>").arg(lines.front().toHtmlEscaped());
        for (qsizetype i = 1; i < lines.size(); ++i)
            html += QStringLiteral("<li>%1</li>").arg(lines[i].toHtmlEscaped());
        html += QStringLiteral("</ul>");
    };
    if (const QStringList deadlock = Outcome::deadlockLines(summary); !deadlock.isEmpty())
        block(deadlock);
    for (const QStringList &potential : Outcome::potentialDeadlockLines(summary))
        block(potential);
    html += QStringLiteral("<h3>%1</h3><p style='color:{dim}'>%2</p><ul>")
                .arg(tr("Measured").toHtmlEscaped(), settings.toHtmlEscaped());
    for (const QString &line : Outcome::lines(summary))
        html += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
    if (!comparison.isEmpty())
        html += QStringLiteral("<li><b>%1</b></li>").arg(comparison.toHtmlEscaped());
    html += QStringLiteral("</ul>");
    const std::vector<QStringList> table = Outcome::schedTable(summary);
    if (!table.empty()) {
        // Per thread, what the OS scheduler gave it: numbers right-aligned, the header dimmed.
        html += QStringLiteral("<p style='color:{dim}'>%1</p>").arg(Outcome::schedTableCaption().toHtmlEscaped());
        html += QStringLiteral("<table cellspacing='0' cellpadding='2' style='margin-left:12px'>");
        for (size_t row = 0; row < table.size(); ++row) {
            html += QStringLiteral("<tr>");
            for (qsizetype column = 0; column < table[row].size(); ++column) {
                const QString align = column == 0 ? QStringLiteral("left") : QStringLiteral("right");
                html += row == 0
                    ? QStringLiteral("<td nowrap align='%1' style='color:{dim}'>%2</td>")
                          .arg(align, table[row][column].toHtmlEscaped())
                    : QStringLiteral("<td nowrap align='%1'>%2</td>").arg(align, table[row][column].toHtmlEscaped());
            }
            html += QStringLiteral("</tr>");
        }
        html += QStringLiteral("</table>");
    }
    html += m_expectedHtml;
    for (const QString &error : summary.errors)
        html += QStringLiteral("<p style='color:{problem}'><b>%1</b> %2</p>")
                    .arg(tr("Problem:").toHtmlEscaped(), error.toHtmlEscaped());
    m_outcomeHtml = html;
    render();
}

void LessonPanel::showProblem(const QString &problem)
{
    m_outcomeHtml = QStringLiteral("<p style='color:{problem}'><b>%1</b> %2</p>")
                        .arg(tr("Cannot run:").toHtmlEscaped(), problem.toHtmlEscaped());
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
    // Secondary and problem text in colours that read on this palette, light or dark.
    const bool dark = StatePalette::isDarkPalette(palette().color(QPalette::Base), palette().color(QPalette::Text));
    QString html = m_lessonHtml + m_outcomeHtml;
    html.replace(QStringLiteral("{dim}"), palette().color(QPalette::PlaceholderText).name());
    html.replace(QStringLiteral("{problem}"), dark ? QStringLiteral("#ff8a80") : QStringLiteral("#b00020"));
    m_ui->lessonText->setHtml(html);
}

void LessonPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        render();
}

} // namespace threadlab
