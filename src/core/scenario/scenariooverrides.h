#pragma once

#include "scenario/scenario.h"

#include <QStringList>
#include <optional>

namespace threadlab {

// What the person running a scenario changes about it: the CLI flags, the GUI's controls.
struct ScenarioOverrides
{
    std::optional<ExecutorKind> executor;
    std::optional<int> workers;
    std::optional<bool> lock;
    std::optional<bool> gil;
    std::optional<bool> ordering;

    // Applies the overrides; returns notes worth telling the user (what was decided for them).
    QStringList applyTo(Scenario &scenario) const;

    // The scenario's JSON with the executor and options it now has (what "Save as…" writes).
    static QByteArray rewrite(const Scenario &scenario);
};

} // namespace threadlab
