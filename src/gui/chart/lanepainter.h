#pragma once

#include "chart/ganttframe.h"

#include <QImage>
#include <QPointF>
#include <QRect>
#include <span>
#include <vector>

class QPainter;

namespace threadlab {

class StatePalette;
struct Event;
struct LaneTrack;

// Paints one lane's states and marks. Cost follows pixels: few visible segments are drawn one by
// one (with task boundaries and labels); many are summarised per pixel column by the lane's LOD
// and drawn as runs of columns. Point events are culled to the window and thinned to one per
// column when dense.
class LanePainter
{
public:
    explicit LanePainter(const StatePalette &palette);

    void paint(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar);

    // The small marks at a lane's bottom edge, shared with the legend: a queue put (hollow ▲) or
    // get (filled ▼), an event set (filled ◆) or cleared (hollow ◇). Antialiasing is the caller's.
    static void drawQueueMark(QPainter &painter, const StatePalette &palette, QPointF at, bool put);
    static void drawEventMark(QPainter &painter, const StatePalette &palette, QPointF at, bool set);
    // A wait that gave up at its timeout (or a broken barrier): a slashed circle; a condition's
    // notify: a small bell-like ring with a clapper.
    static void drawTimeoutMark(QPainter &painter, const StatePalette &palette, QPointF at);
    static void drawNotifyMark(QPainter &painter, const StatePalette &palette, QPointF at);
    // Where a daemon task was cut off at the end of the program: a jagged red cut across the bar.
    static void drawCutMark(QPainter &painter, const StatePalette &palette, QPointF at, double height);

private:
    void paintSegments(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar);
    void paintSummary(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar);
    void paintOpenSegment(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar);
    void paintLockHolds(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar);
    void paintRaceWindows(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar);
    void paintLostUpdates(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar);
    void paintMarks(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar);
    void paintFailedTasks(QPainter &painter, const GanttFrame &frame, const LaneTrack &track, const QRect &bar);
    // Calls draw(x, event) for the events in view, at most one per pixel column.
    template <typename Draw>
    void forEachVisible(const GanttFrame &frame, std::span<const Event> events, Draw &&draw) const;

    const StatePalette &m_palette;
    std::vector<uint8_t> m_columns;
    std::vector<uint32_t> m_lostPerColumn;
    QImage m_row;
};

} // namespace threadlab
