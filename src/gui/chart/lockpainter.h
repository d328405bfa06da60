#pragma once

#include "chart/ganttframe.h"

#include <QRect>
#include <cstdint>
#include <vector>

class QPainter;

namespace threadlab {

struct Trace;

// Paints one lock's row: who held it when, in the holding lane's colour (the colours of the Cores
// view; the lanes' labels carry a chip of theirs). One pixel column shows the lane that held the
// lock most of it, as tall as the share of the column the lock was held at all, so that "one at a
// time" and "how busy" read at every zoom. Holds come from the lanes' own acquire and release
// events; a hold still open in a live run reaches "now".
class LockPainter
{
public:
    void paint(QPainter &painter, const GanttFrame &frame, uint32_t lock, const QRect &bar, bool dark);

    // The lane holding `lock` at t, or -1 (with the hold's span in from/to).
    static int holderAt(const Trace &trace, uint32_t lock, int64_t t, int64_t *from = nullptr, int64_t *to = nullptr);

private:
    std::vector<double> m_cover; // per column: how much of it one lane held (in columns)
    std::vector<double> m_best;
    std::vector<double> m_total;
    std::vector<int> m_bestLane;
    std::vector<double> m_stack; // a semaphore's row: the height its holders drawn so far take
    void paintStacked(QPainter &painter, const GanttFrame &frame, const QRect &bar, int lane, double places, bool dark);
};

} // namespace threadlab
