#pragma once

#include "chart/ganttframe.h"

#include <QRect>
#include <cstdint>

class QPainter;

namespace threadlab {

struct Trace;
struct QueueStay;

// Paints a queue's row: every item as a bar from the moment it went in to the moment it was taken
// out, named where it fits, side by side while several are in: the queue's contents over time, in
// the order they went in and came out (FIFO, LIFO or priority reads at a glance).
class QueuePainter
{
public:
    static constexpr int kSlotHeight = 14;
    static constexpr int kTallestRow = 6; // slots at full height; more squeeze into the row
    static constexpr int kMaxShownSlots = 12; // items in at once beyond this share the last slot
    static constexpr int kMaxDrawnStays = 20'000;

    static void paint(QPainter &painter, const GanttFrame &frame, uint32_t queue, const QRect &bar);
    // The row height for a queue that had `slots` items in at once at most.
    static int rowHeight(int slots);
    // The stay drawn at (t, y within the bar), or nullptr.
    static const QueueStay *stayAt(const Trace &trace, uint32_t queue, int64_t t, int y, int barHeight);
};

} // namespace threadlab
