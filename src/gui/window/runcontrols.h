#pragma once

#include "scenario/scenario.h"

#include <QObject>

class QCheckBox;
class QComboBox;
class QSettings;
class QSpinBox;
class QToolBar;

namespace threadlab {

// The run options on the toolbar: executor, workers, Lock, GIL, Lock ordering. They start from a scenario's own
// settings, say how the scenario will run with them, and remember themselves between sessions.
class RunControls : public QObject
{
    Q_OBJECT
public:
    explicit RunControls(QToolBar *bar); // adds its widgets to the bar

    void applyDefaults(const Scenario &scenario);
    Scenario applyTo(const Scenario &scenario) const; // the scenario as these options run it
    static QString describe(const Scenario &scenario); // "pool with 4 workers, lock on, GIL off"
    void setRunning(bool running);

    void save(QSettings &settings) const;
    void restore(const QSettings &settings);

Q_SIGNALS:
    void changed();

private:
    ExecutorKind executor() const;

    QComboBox *m_executor = nullptr;
    QSpinBox *m_workers = nullptr;
    QCheckBox *m_lock = nullptr;
    QCheckBox *m_gil = nullptr;
    QCheckBox *m_ordering = nullptr;
    bool m_running = false;
};

} // namespace threadlab
