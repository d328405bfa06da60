#pragma once

#include <QString>
#include <cstdint>

namespace threadlab {

// The final state of one copy of a counter: the shared copy of a process, or a thread's own copy
// of a thread-local counter (lane >= 0).
struct CounterReport
{
    QString name;
    qint64 pid = 0;
    int lane = -1;
    int64_t expected = 0;
    int64_t actual = 0;
    int64_t lostUpdates = 0;
    int64_t lostAmount = 0;
};

} // namespace threadlab
