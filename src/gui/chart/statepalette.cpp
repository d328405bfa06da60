#include "chart/statepalette.h"

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
    case State::Starting:
        return QColor(0x9e, 0x9a, 0x75); // khaki: not yet the program's own time
    case State::SemaphoreWait:
        return QColor(0xd6, 0x33, 0x84); // raspberry: a lock's red, for a lock with several places
    case State::ConditionWait:
        return QColor(0x2a, 0x9d, 0x8f); // teal
    case State::BarrierWait:
        return QColor(0x6a, 0x4c, 0x93); // deep violet
    }
    return Qt::gray;
}

StatePalette::StatePalette()
{
    for (State state : allStates()) {
        m_brushes[size_t(state)] = QBrush(color(state));
        m_rgb[size_t(state)] = color(state).rgb();
    }
    lostUpdatePen = QPen(QColor(0xd0, 0x00, 0x00), 2);
    lostWindowPen = QPen(QColor(0xd0, 0x00, 0x00), 3);
    receivingBrush = QBrush(QColor(0xc9, 0xae, 0xf2));
    setDark(false);
}

void StatePalette::setDark(bool dark)
{
    m_dark = dark;
    // Ink: what is drawn on the lanes in black on a light chart, in near-white on a dark one.
    const QColor ink = dark ? QColor(0xe6, 0xe8, 0xeb) : QColor(0x10, 0x10, 0x10);
    boundaryPen = QPen(dark ? QColor(0x10, 0x12, 0x14) : QColor(0x20, 0x20, 0x20), 1);
    markPen = QPen(ink, 1);
    markFill = ink;
    raceWindowPen = QPen(dark ? QColor(0xd0, 0xd4, 0xda) : QColor(0x30, 0x30, 0x30), 2);
    holdPen = QPen(dark ? QColor(0xff, 0x6b, 0x81) : QColor(0x7a, 0x00, 0x10), 3);
    gridPen = QPen(dark ? QColor(255, 255, 255, 30) : QColor(0, 0, 0, 28), 1);
    nowPen = QPen(dark ? QColor(0x5a, 0x9b, 0xff) : QColor(0x00, 0x60, 0xff), 1, Qt::DashLine);
    highlightPen = QPen(ink, 2);
    linkPen = QPen(ink, 2);
    resultBrush = QBrush(dark ? QColor(0x3a, 0x6e, 0xc8) : QColor(0x1d, 0x35, 0x57));
    failedBrush = QBrush(dark ? QColor(0xff, 0x4d, 0x4d) : QColor(0x7f, 0x00, 0x00));
    failedPen = QPen(failedBrush.color(), 2);
    laneBrush = QBrush(dark ? QColor(0x26, 0x29, 0x2e) : QColor(0xfb, 0xfb, 0xfb));
    alternateLaneBrush = QBrush(dark ? QColor(0x2d, 0x31, 0x37) : QColor(0xf2, 0xf4, 0xf7));
    headerBrush = QBrush(dark ? QColor(0x3a, 0x40, 0x49) : QColor(0xe4, 0xe8, 0xee));
    background = dark ? QColor(0x1f, 0x22, 0x26) : QColor(Qt::white);
    text = dark ? QColor(0xe6, 0xe8, 0xeb) : QColor(Qt::black);
    headerText = dark ? QColor(0xf0, 0xf2, 0xf5) : QColor(0x33, 0x3a, 0x44);
    panel = dark ? QColor(0x2a, 0x2e, 0x34) : QColor(0xf7, 0xf8, 0xfa);
    rule = dark ? QColor(0x55, 0x5b, 0x63) : QColor(0x99, 0x99, 0x99);
}

} // namespace threadlab
