#pragma once

#include "chart/ganttframe.h"

#include <QBrush>
#include <QColor>
#include <QRect>
#include <vector>

class QPainter;

namespace threadlab {

struct CpuTrack;

// Paints one CPU's row of the Cores view: a bar per slice in the colour of the lane whose thread
// ran there, the run's own threads that are no lane in plain grey, another process's thread in
// hatched grey, idle time left empty. Slices that fall into
// one pixel column are drawn once, as the one that took most of it.
class CpuPainter
{
public:
    static QColor laneColour(int lane, bool dark); // a colour per lane, repeating after a dozen
    // A lane's colour; kRunThread plain grey; kOtherProcess hatched grey.
    static QBrush brushOf(int lane, bool dark);

    void paint(QPainter &painter, const GanttFrame &frame, const CpuTrack &track, const QRect &bar, bool dark) const;

    // A lane's thread that ran on one CPU and next on another: a line from where it left the first
    // row to where it came on in the second, in the lane's colour. Drawn where the view holds at
    // most kMaxMigrationsDrawn of them (more would hide the slices); false if it held more.
    // rowCentreOfCpu[cpu]: the y of that CPU's row, or INT_MIN where it is not on screen.
    static constexpr int kMaxMigrationsDrawn = 400;
    static bool paintMigrations(
        QPainter &painter, const GanttFrame &frame, const std::vector<int> &rowCentreOfCpu, bool dark);
};

} // namespace threadlab
