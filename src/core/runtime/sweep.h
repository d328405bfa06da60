#pragma once

#include "scenario/scenario.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace threadlab {

struct RecordedRun;

// One run of a sweep: the settings it ran with.
struct SweepSetting
{
    ExecutorKind executor = ExecutorKind::Threads;
    std::optional<int> workers; // pool and processes only
    bool gil = false;
    bool lock = true;

    // "pool ×4 · GIL on · lock off"; the settings a sweep does not vary may be left out.
    QString label(bool withWorkers = true, bool withGil = true, bool withLock = true) const;
};

struct SweepRow
{
    SweepSetting setting;
    double wallMs = 0;
    double mainMs = 0;
    int64_t lostUpdates = 0;
    QStringList errors; // the run's, or why it could not run
};

// A scenario run once per combination of executors, worker counts, GIL and lock settings (what
// `threadlab sweep` does), and the table and JSON of the results. Running is the caller's
// (the CLI runs each interruptibly); the sweep stops at the first interrupted run.
class Sweep
{
public:
    struct Axes
    {
        std::vector<ExecutorKind> executors;
        std::vector<int> workers;
        std::vector<bool> gils;
        std::vector<bool> locks;
    };
    using RunOne = std::function<std::shared_ptr<RecordedRun>(Scenario scenario, bool *interrupted)>;

    static bool usesWorkers(ExecutorKind kind);
    static std::vector<SweepSetting> settings(const Axes &axes);
    // Runs base once per setting; notify(setting) comes before each run.
    static std::vector<SweepRow> run(const Scenario &base, const std::vector<SweepSetting> &settings,
        const RunOne &runOne, const std::function<void(const SweepSetting &)> &notify, bool *interrupted);

    static bool failed(const std::vector<SweepRow> &rows);
    static QString table(const Scenario &base, const std::vector<SweepRow> &rows);
    static QJsonObject json(const Scenario &base, const std::vector<SweepRow> &rows);
};

} // namespace threadlab
