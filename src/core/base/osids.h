#pragma once

#include <QtGlobal>

namespace threadlab {

// The operating system's ids, as ps, perf and Perfetto show them.
qint64 currentPid();
qint64 currentTid();

} // namespace threadlab
