#include "mainwindow.h"

#include "run.h"
#include "runsummary.h"
#include "scenariolibrary.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace threadlab {

namespace {
constexpr int kPollIntervalMs = 40; // the display rate: 25 updates a second
const QString kDefaultScenario = QStringLiteral("ten-threads");
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("ThreadLab"));
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    m_scenarios = new QListWidget(central);
    m_scenarios->setMaximumWidth(320);
    for (const ScenarioEntry &entry : ScenarioLibrary::builtIns()) {
        auto *item = new QListWidgetItem(entry.title, m_scenarios);
        item->setData(Qt::UserRole, entry.id);
        item->setToolTip(entry.id);
    }
    auto *right = new QVBoxLayout;
    auto *buttons = new QHBoxLayout;
    m_runButton = new QPushButton(tr("Run"), central);
    m_runButton->setShortcut(QKeySequence(Qt::Key_F5));
    m_stopButton = new QPushButton(tr("Stop"), central);
    m_stopButton->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stopButton->setEnabled(false);
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_stopButton);
    buttons->addStretch();
    m_output = new QPlainTextEdit(central);
    m_output->setReadOnly(true);
    m_output->setFont(QFont(QStringLiteral("monospace")));
    right->addLayout(buttons);
    right->addWidget(m_output);
    layout->addWidget(m_scenarios);
    layout->addLayout(right, 1);
    setCentralWidget(central);
    resize(1100, 700);

    m_poll = new QTimer(this);
    m_poll->setInterval(kPollIntervalMs);
    connect(m_poll, &QTimer::timeout, this, &MainWindow::poll);
    connect(m_scenarios, &QListWidget::currentRowChanged, this, &MainWindow::showSelectedLesson);
    connect(m_runButton, &QPushButton::clicked, this, &MainWindow::startRun);
    connect(m_stopButton, &QPushButton::clicked, this, [this] {
        if (m_run)
            m_run->stop();
    });
    selectScenario(kDefaultScenario);
    statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() = default;

void MainWindow::selectScenario(const QString &id)
{
    for (int row = 0; row < m_scenarios->count(); ++row) {
        if (m_scenarios->item(row)->data(Qt::UserRole).toString() == id)
            m_scenarios->setCurrentRow(row);
    }
}

bool MainWindow::isRunning() const
{
    return m_run && !m_run->isFinished();
}

QString MainWindow::outputText() const
{
    return m_output->toPlainText();
}

void MainWindow::showSelectedLesson()
{
    const QListWidgetItem *item = m_scenarios->currentItem();
    if (!item || isRunning())
        return;
    const ParsedScenario parsed = ScenarioLibrary::load(item->data(Qt::UserRole).toString());
    if (!parsed.ok()) {
        m_output->setPlainText(parsed.errors.join(u'\n'));
        return;
    }
    const Scenario &s = parsed.scenario;
    m_output->setPlainText(s.title + QStringLiteral("\n\n") + s.lesson + QStringLiteral("\n\nExpected: ") + s.expected
        + QStringLiteral("\n\nPython:\n") + s.pythonCode);
}

void MainWindow::startRun()
{
    const QListWidgetItem *item = m_scenarios->currentItem();
    if (!item || isRunning())
        return;
    ParsedScenario parsed = ScenarioLibrary::load(item->data(Qt::UserRole).toString());
    if (!parsed.ok()) {
        m_output->setPlainText(parsed.errors.join(u'\n'));
        return;
    }
    m_run = std::make_unique<Run>(std::move(parsed.scenario));
    m_run->start();
    m_runButton->setEnabled(false);
    m_stopButton->setEnabled(true);
    m_scenarios->setEnabled(false);
    m_output->setPlainText(tr("Running…"));
    m_poll->start();
}

void MainWindow::poll()
{
    if (!m_run)
        return;
    m_run->collect();
    const double elapsedMs = nsToMs(m_run->trace().lastEventNs - m_run->trace().originNs);
    statusBar()->showMessage(
        tr("Running — %1 s, %2 events").arg(elapsedMs / 1000.0, 0, 'f', 1).arg(m_run->trace().eventCount));
    if (m_run->isFinished())
        finishRun();
}

void MainWindow::finishRun()
{
    m_poll->stop();
    m_run->waitForFinished();
    m_run->collect();
    const RunSummary summary = RunSummary::from(*m_run);
    m_output->setPlainText(summary.toText());
    m_runButton->setEnabled(true);
    m_stopButton->setEnabled(false);
    m_scenarios->setEnabled(true);
    statusBar()->showMessage(summary.errors.isEmpty() ? tr("Finished") : tr("Finished with errors"));
}

} // namespace threadlab
