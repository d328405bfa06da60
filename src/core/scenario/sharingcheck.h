#pragma once

#include "scenario/scenario.h"

#include <QStringList>

namespace threadlab {

// Worker processes share no memory: a queue or event that the main lane and a task, or two tasks,
// both use would be a separate copy in every process, and a lane waiting on it would wait forever.
// Returns one message per such object (empty for any executor but processes).
QStringList processSharingProblems(const Scenario &scenario);

} // namespace threadlab
