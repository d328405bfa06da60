#pragma once

#include "scenario/scenarioparser.h"

#include <QList>
#include <QString>

namespace threadlab {

struct ScenarioEntry
{
    QString id;
    QString title;
    QString topic;
    QString path; // resource path of a built-in
};

// The built-in lessons (resources/scenarios/*.json), loaded through the same parser as users' files.
class ScenarioLibrary
{
public:
    static QList<ScenarioEntry> builtIns();
    // An existing file path, or the id of a built-in scenario.
    // A mistyped id gets "did you mean".
    static Result<Scenario> load(const QString &idOrPath);
};

} // namespace threadlab
