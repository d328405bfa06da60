#pragma once

#include "chart/ganttframe.h"

#include <QRect>
#include <functional>

class QPainter;

namespace threadlab {

class StatePalette;

// The deadlock a run stopped on, drawn where it formed: a red line at the moment it was found and,
// for each lane of a cycle, an arrow from the waiting lane up to the row of the lock it waits for
// and from there on to the lane that holds it (lane → object → lane); a join, straight to the
// joined lane. A lane that waits forever for what nobody can do gets a tag on its own bar.
class DeadlockPainter
{
public:
    // Where a lane's bar is, and where an object's row is (locks, rlocks and semaphores have one).
    using BarOf = std::function<QRect(LaneRow::Kind kind, int index)>; // a null QRect: no such row
    static void paint(QPainter &painter, const GanttFrame &frame, const StatePalette &palette, const BarOf &barOf);
};

} // namespace threadlab
