#pragma once

#include "state.h"

#include <QBrush>
#include <QColor>
#include <QPen>
#include <array>

namespace threadlab {

// The fixed colour of every state, with the brushes and pens built once (constructing them allocates).
class StatePalette
{
public:
    StatePalette();

    static QColor color(State state);
    const QBrush &brush(State state) const { return m_brushes[size_t(state)]; }
    QRgb rgb(State state) const { return m_rgb[size_t(state)]; }

    QPen boundaryPen;
    QPen markPen;
    QPen lostUpdatePen;
    QPen raceWindowPen;
    QPen lostWindowPen;
    QPen holdPen;
    QPen gridPen;
    QPen nowPen;
    QPen highlightPen;
    QPen linkPen;
    QBrush resultBrush;
    QBrush failedBrush; // a task that failed
    QBrush receivingBrush; // IoWait while the response arrives
    QPen failedPen;
    QBrush laneBrush;
    QBrush alternateLaneBrush;
    QBrush headerBrush;

private:
    std::array<QBrush, kStateCount> m_brushes;
    std::array<QRgb, kStateCount> m_rgb;
};

} // namespace threadlab
