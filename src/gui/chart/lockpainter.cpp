#include "chart/lockpainter.h"

#include "chart/cpupainter.h"
#include "trace/trace.h"

#include <QPainter>
#include <algorithm>
#include <climits>
#include <cmath>

namespace threadlab {

namespace {

// Calls hold(start, end) for each hold of `lock` by one lane that overlaps [from, to); a hold not
// released in the trace lasts until `openUntil`.
template <typename Hold>
void forEachHold(const LaneTrack &lane, uint32_t lock, int64_t from, int64_t to, int64_t openUntil, Hold hold)
{
    const auto &events = lane.lockEvents;
    auto it
        = std::lower_bound(events.begin(), events.end(), from, [](const Event &e, int64_t t) { return e.timeNs < t; });
    // Held when the window begins? The lane's last event of this lock before it says.
    int64_t since = INT64_MIN;
    for (auto back = it; back != events.begin();) {
        --back;
        if (back->object == lock) {
            since = back->kind == EventKind::LockAcquire ? back->timeNs : INT64_MIN;
            break;
        }
    }
    for (; it != events.end() && it->timeNs < to; ++it) {
        if (it->object != lock)
            continue;
        if (it->kind == EventKind::LockAcquire) {
            since = it->timeNs;
        } else if (since != INT64_MIN) {
            hold(since, it->timeNs);
            since = INT64_MIN;
        }
    }
    if (since != INT64_MIN) {
        // Released after the window, or not at all yet.
        for (; it != events.end(); ++it) {
            if (it->object == lock && it->kind == EventKind::LockRelease) {
                hold(since, it->timeNs);
                return;
            }
        }
        hold(since, std::max(since, openUntil));
    }
}

} // namespace

void LockPainter::paint(QPainter &painter, const GanttFrame &frame, uint32_t lock, const QRect &bar, bool dark)
{
    const int width = frame.chartWidth();
    if (width <= 0)
        return;
    const int64_t from = frame.mapping.xToTime(frame.labelWidth());
    const int64_t to = frame.mapping.xToTime(frame.size.width());
    const int64_t openUntil = frame.live ? frame.nowNs : frame.trace->lastEventNs;
    m_best.assign(size_t(width), 0.0);
    m_total.assign(size_t(width), 0.0);
    m_bestLane.assign(size_t(width), -1);
    const auto &lanes = frame.trace->lanes;
    // A semaphore has several places: its holders stack, each a share of the row's height.
    const auto &objects = frame.trace->objects;
    const bool stacked
        = lock < objects.size() && objects[lock].kind == ObjectKind::Semaphore && objects[lock].value > 1;
    const double places = stacked ? double(objects[lock].value) : 1.0;
    if (stacked)
        m_stack.assign(size_t(width), 0.0);
    for (size_t lane = 0; lane < lanes.size(); ++lane) {
        m_cover.assign(size_t(width), 0.0);
        bool any = false;
        forEachHold(lanes[lane], lock, from, to, openUntil, [&](int64_t start, int64_t end) {
            const double x0 = std::clamp(frame.mapping.timeToX(start) - frame.labelWidth(), 0.0, double(width));
            const double x1 = std::clamp(frame.mapping.timeToX(end) - frame.labelWidth(), 0.0, double(width));
            for (int c = int(x0); c < width && c <= int(x1); ++c) {
                const double overlap = std::min(x1, c + 1.0) - std::max(x0, double(c));
                if (overlap > 0) {
                    m_cover[size_t(c)] += overlap;
                    any = true;
                }
            }
        });
        if (!any)
            continue;
        if (stacked) {
            paintStacked(painter, frame, bar, int(lane), places, dark);
            continue;
        }
        for (int c = 0; c < width; ++c) {
            m_total[size_t(c)] += m_cover[size_t(c)];
            if (m_cover[size_t(c)] > m_best[size_t(c)]) {
                m_best[size_t(c)] = m_cover[size_t(c)];
                m_bestLane[size_t(c)] = int(lane);
            }
        }
    }
    // Runs of columns with the same holder and height, one rectangle each.
    for (int c = 0; c < width;) {
        const int lane = m_bestLane[size_t(c)];
        const int height = int(std::lround(std::min(1.0, m_total[size_t(c)]) * bar.height()));
        int end = c + 1;
        while (end < width && m_bestLane[size_t(end)] == lane
            && int(std::lround(std::min(1.0, m_total[size_t(end)]) * bar.height())) == height)
            ++end;
        if (lane >= 0 && height > 0)
            painter.fillRect(QRect(frame.labelWidth() + c, bar.bottom() + 1 - height, end - c, height),
                CpuPainter::laneColour(lane, dark));
        c = end;
    }
}

void LockPainter::paintStacked(
    QPainter &painter, const GanttFrame &frame, const QRect &bar, int lane, double places, bool dark)
{
    // This lane's share of each column, on top of the lanes drawn before it; runs of columns with
    // the same share and base are one rectangle.
    const int width = int(m_cover.size());
    auto heightAt = [&](int c) { return int(std::lround(std::min(1.0, m_cover[size_t(c)] / places) * bar.height())); };
    auto baseAt = [&](int c) { return int(std::lround(m_stack[size_t(c)])); };
    for (int c = 0; c < width;) {
        const int height = heightAt(c);
        const int base = baseAt(c);
        int end = c + 1;
        while (end < width && heightAt(end) == height && baseAt(end) == base)
            ++end;
        if (height > 0)
            painter.fillRect(QRect(frame.labelWidth() + c, bar.bottom() + 1 - base - height, end - c, height),
                CpuPainter::laneColour(lane, dark));
        for (int k = c; k < end; ++k)
            m_stack[size_t(k)] += height;
        c = end;
    }
}

int LockPainter::holderAt(const Trace &trace, uint32_t lock, int64_t t, int64_t *from, int64_t *to)
{
    for (size_t lane = 0; lane < trace.lanes.size(); ++lane) {
        int holder = -1;
        forEachHold(trace.lanes[lane], lock, t, t + 1, trace.lastEventNs, [&](int64_t start, int64_t end) {
            if (start <= t && t < end) {
                holder = int(lane);
                if (from)
                    *from = start;
                if (to)
                    *to = end;
            }
        });
        if (holder >= 0)
            return holder;
    }
    return -1;
}

} // namespace threadlab
