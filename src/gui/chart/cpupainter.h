#pragma once

#include "chart/ganttframe.h"

#include <QBrush>
#include <QColor>
#include <QRect>

class QPainter;

namespace threadlab {

struct CpuTrack;

// Paints one CPU's row of the Cores view: a bar per slice in the colour of the lane whose thread
// ran there, another process's thread in hatched grey, idle time left empty. Slices that fall into
// one pixel column are drawn once, as the one that took most of it.
class CpuPainter
{
public:
    static QColor laneColour(int lane, bool dark); // a colour per lane, repeating after a dozen
    static QBrush brushOf(int lane, bool dark); // a lane's colour; another process's thread (-1) hatched

    void paint(QPainter &painter, const GanttFrame &frame, const CpuTrack &track, const QRect &bar, bool dark) const;
};

} // namespace threadlab
