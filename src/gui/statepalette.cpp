#include "statepalette.h"

namespace threadlab {

QColor StatePalette::color(State state)
{
    switch (state) {
    case State::Running:
        return QColor(0x2e, 0x9e, 0x44);
    case State::Sleeping:
        return QColor(0x8e, 0xca, 0xe6);
    case State::IoWait:
        return QColor(0x9b, 0x5d, 0xe5);
    case State::LockWait:
        return QColor(0xe6, 0x39, 0x46);
    case State::QueueWait:
        return QColor(0xf4, 0xa2, 0x61);
    case State::EventWait:
        return QColor(0xe9, 0xc4, 0x6a);
    case State::JoinWait:
        return QColor(0x5c, 0x7c, 0xb8);
    case State::GilWait:
        return QColor(0xa0, 0x52, 0x2d);
    case State::Idle:
        return QColor(0xd4, 0xd4, 0xd4);
    case State::Runnable:
        return QColor(0xb7, 0xe4, 0xc7);
    }
    return Qt::gray;
}

StatePalette::StatePalette()
    : boundaryPen(QColor(0x20, 0x20, 0x20), 1)
    , markPen(QColor(0x10, 0x10, 0x10), 1)
    , lostUpdatePen(QColor(0xd0, 0x00, 0x00), 2)
    , raceWindowPen(QColor(0x30, 0x30, 0x30), 2)
    , lostWindowPen(QColor(0xd0, 0x00, 0x00), 3)
    , holdPen(QColor(0x7a, 0x00, 0x10), 3)
    , gridPen(QColor(0, 0, 0, 28), 1)
    , nowPen(QColor(0x00, 0x60, 0xff), 1, Qt::DashLine)
    , highlightPen(QColor(0x00, 0x00, 0x00), 2)
    , linkPen(QColor(0x00, 0x00, 0x00), 2)
    , resultBrush(QColor(0x1d, 0x35, 0x57))
    , failedBrush(QColor(0x7f, 0x00, 0x00))
    , receivingBrush(QColor(0xc9, 0xae, 0xf2))
    , failedPen(QColor(0x7f, 0x00, 0x00), 2)
    , laneBrush(QColor(0xfb, 0xfb, 0xfb))
    , alternateLaneBrush(QColor(0xf2, 0xf4, 0xf7))
    , headerBrush(QColor(0xe4, 0xe8, 0xee))
{
    for (State state : allStates()) {
        m_brushes[size_t(state)] = QBrush(color(state));
        m_rgb[size_t(state)] = color(state).rgb();
    }
}

} // namespace threadlab
