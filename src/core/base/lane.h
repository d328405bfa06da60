#pragma once

#include <QString>
#include <cstdint>

namespace threadlab {

enum class LaneKind : uint8_t { Main, Thread, Process };

QString laneKindName(LaneKind kind);

// One thread or one process of a run.
struct LaneInfo
{
    uint32_t id = 0;
    LaneKind kind = LaneKind::Thread;
    qint64 pid = 0;
    qint64 tid = 0;
    QString name;
    int parent = -1; // lane id of the lane that started this one, -1 for the main lane
};

} // namespace threadlab
