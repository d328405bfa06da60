#include "window/runcontrols.h"

#include "scenario/scenariooverrides.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QToolBar>

namespace threadlab {

namespace {

const QList<ExecutorKind> kExecutors
    = { ExecutorKind::Sequential, ExecutorKind::Threads, ExecutorKind::Pool, ExecutorKind::Processes };

bool usesWorkers(ExecutorKind kind)
{
    return kind == ExecutorKind::Pool || kind == ExecutorKind::Processes;
}

} // namespace

RunControls::RunControls(QToolBar *bar)
    : QObject(bar)
{
    auto *executorLabel = new QLabel(tr(" &Executor "), bar);
    bar->addWidget(executorLabel);
    m_executor = new QComboBox(bar);
    executorLabel->setBuddy(m_executor);
    m_executor->setObjectName(QStringLiteral("executorBox"));
    for (ExecutorKind kind : kExecutors)
        m_executor->addItem(executorKindName(kind), int(kind));
    m_executor->setToolTip(tr("sequential: the main thread runs every task · threads: one thread per task · "
                              "pool: a thread pool of N workers · processes: N worker processes"));
    m_executor->setAccessibleName(tr("Executor"));
    m_executor->setAccessibleDescription(m_executor->toolTip());
    bar->addWidget(m_executor);
    auto *workersLabel = new QLabel(tr("  &Workers "), bar);
    bar->addWidget(workersLabel);
    m_workers = new QSpinBox(bar);
    workersLabel->setBuddy(m_workers);
    m_workers->setAccessibleName(tr("Workers"));
    m_workers->setObjectName(QStringLiteral("workersBox"));
    m_workers->setRange(1, 64);
    m_workers->setToolTip(tr("Pool threads or worker processes"));
    m_workers->setAccessibleDescription(m_workers->toolTip());
    bar->addWidget(m_workers);
    bar->addSeparator();
    m_lock = new QCheckBox(tr("Lock"), bar);
    m_lock->setObjectName(QStringLiteral("lockBox"));
    m_lock->setToolTip(tr("Off: every lock in the scenario is skipped, and shared counters race"));
    m_lock->setAccessibleDescription(m_lock->toolTip());
    bar->addWidget(m_lock);
    m_gil = new QCheckBox(tr("GIL"), bar);
    m_gil->setObjectName(QStringLiteral("gilBox"));
    m_gil->setToolTip(tr("Simulate CPython's GIL: CPU work of one process's threads takes turns in 5 ms slices"));
    m_gil->setAccessibleDescription(m_gil->toolTip());
    bar->addWidget(m_gil);
    m_ordering = new QCheckBox(tr("Lock ordering"), bar);
    m_ordering->setObjectName(QStringLiteral("orderingBox"));
    m_ordering->setToolTip(tr("On: a thread takes every lock it will need in one global order (by name), so two "
                              "threads can never wait for each other's locks"));
    m_ordering->setAccessibleDescription(m_ordering->toolTip());
    bar->addWidget(m_ordering);
    connect(m_executor, &QComboBox::currentIndexChanged, this, [this] {
        setRunning(m_running);
        Q_EMIT changed();
    });
}

ExecutorKind RunControls::executor() const
{
    return kExecutors.value(m_executor->currentIndex());
}

void RunControls::applyDefaults(const Scenario &scenario)
{
    m_executor->setCurrentIndex(int(kExecutors.indexOf(scenario.executor.kind)));
    m_workers->setValue(scenario.executor.workers);
    m_lock->setChecked(scenario.options.lock);
    m_gil->setChecked(scenario.options.gil);
    m_ordering->setChecked(scenario.options.ordering);
    setRunning(m_running);
}

Scenario RunControls::applyTo(const Scenario &scenario) const
{
    Scenario result = scenario;
    ScenarioOverrides overrides;
    overrides.executor = executor();
    if (usesWorkers(executor()))
        overrides.workers = m_workers->value();
    overrides.lock = m_lock->isChecked();
    overrides.gil = m_gil->isChecked();
    overrides.ordering = m_ordering->isChecked();
    overrides.applyTo(result);
    return result;
}

QString RunControls::describe(const Scenario &scenario)
{
    QString text = executorKindName(scenario.executor.kind);
    if (usesWorkers(scenario.executor.kind))
        text += tr(" with %1 workers").arg(scenario.executor.workers);
    return text
        + tr(", lock %1, GIL %2")
              .arg(scenario.options.lock ? tr("on") : tr("off"), scenario.options.gil ? tr("on") : tr("off"))
        + (scenario.options.ordering ? tr(", lock ordering on") : QString());
}

void RunControls::setRunning(bool running)
{
    m_running = running;
    m_executor->setEnabled(!running);
    m_workers->setEnabled(!running && usesWorkers(executor()));
    m_lock->setEnabled(!running);
    m_gil->setEnabled(!running);
    m_ordering->setEnabled(!running);
}

void RunControls::save(QSettings &settings) const
{
    settings.setValue(QStringLiteral("options/executor"), m_executor->currentText());
    settings.setValue(QStringLiteral("options/workers"), m_workers->value());
    settings.setValue(QStringLiteral("options/lock"), m_lock->isChecked());
    settings.setValue(QStringLiteral("options/gil"), m_gil->isChecked());
    settings.setValue(QStringLiteral("options/ordering"), m_ordering->isChecked());
}

void RunControls::restore(const QSettings &settings)
{
    if (!settings.contains(QStringLiteral("options/executor")))
        return;
    m_executor->setCurrentIndex(m_executor->findText(settings.value(QStringLiteral("options/executor")).toString()));
    m_workers->setValue(settings.value(QStringLiteral("options/workers"), m_workers->value()).toInt());
    m_lock->setChecked(settings.value(QStringLiteral("options/lock"), m_lock->isChecked()).toBool());
    m_gil->setChecked(settings.value(QStringLiteral("options/gil"), m_gil->isChecked()).toBool());
    m_ordering->setChecked(settings.value(QStringLiteral("options/ordering"), m_ordering->isChecked()).toBool());
}

} // namespace threadlab
