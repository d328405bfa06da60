#pragma once

#include "base/state.h"

#include <QBrush>
#include <QColor>
#include <QPen>
#include <array>

namespace threadlab {

// The fixed colour of every state, with the brushes and pens built once (constructing them allocates),
// and the chart's surface (lanes, labels, axis, legend, marks) for a light or a dark desktop. The
// state colours stay the same in both: a state is recognised by its colour whatever the theme.
class StatePalette
{
public:
    StatePalette();

    // Light (the default, and every export) or dark surface colours.
    void setDark(bool dark);
    bool isDark() const { return m_dark; }
    // A palette is dark when its window is darker than its text.
    static bool isDarkPalette(const QColor &window, const QColor &text)
    {
        return window.lightness() < text.lightness();
    }

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
    QColor background;
    QColor text;
    QColor headerText;
    QColor panel; // behind the axis and the legend
    QColor rule; // the lines that separate them from the lanes
    QColor markFill; // print triangles, queue and event dots

private:
    bool m_dark = false;
    std::array<QBrush, kStateCount> m_brushes;
    std::array<QRgb, kStateCount> m_rgb;
};

} // namespace threadlab
