#include "base/lane.h"

namespace threadlab {

QString laneKindName(LaneKind kind)
{
    switch (kind) {
    case LaneKind::Main:
        return QStringLiteral("main");
    case LaneKind::Thread:
        return QStringLiteral("thread");
    case LaneKind::Process:
        return QStringLiteral("process");
    }
    return QStringLiteral("thread");
}

} // namespace threadlab
