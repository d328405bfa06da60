#include "trace/queuestays.h"

#include "trace/trace.h"

#include <algorithm>

namespace threadlab {

const QueueStaysSet::Queue *QueueStaysSet::find(uint32_t queue) const
{
    const auto it
        = std::find_if(m_queues.begin(), m_queues.end(), [queue](const Queue &q) { return q.queue == queue; });
    return it == m_queues.end() ? nullptr : &*it;
}

QueueStaysSet::Queue *QueueStaysSet::queueOf(uint32_t queue)
{
    for (Queue &q : m_queues) {
        if (q.queue == queue)
            return &q;
    }
    if (m_queues.size() >= kMaxQueues)
        return nullptr;
    m_queues.push_back(Queue { queue, {}, 0 });
    m_slotFreeAt.emplace_back();
    return &m_queues.back();
}

std::vector<const QueueStay *> QueueStaysSet::overlapping(const Queue &queue, int64_t fromNs, int64_t toNs)
{
    // Stays are in put order; a stay that went in before the window may still be in it.
    std::vector<const QueueStay *> out;
    const auto end = std::partition_point(
        queue.stays.begin(), queue.stays.end(), [toNs](const QueueStay &s) { return s.putNs < toNs; });
    for (auto it = queue.stays.begin(); it != end; ++it) {
        if (it->gotNs > fromNs)
            out.push_back(&*it);
    }
    return out;
}

void QueueStaysSet::apply(const Pending &event)
{
    Queue *queue = queueOf(event.queue);
    if (!queue)
        return;
    const size_t index = size_t(queue - m_queues.data());
    std::vector<int64_t> &freeAt = m_slotFreeAt[index];
    std::vector<size_t> &in = m_in[{ event.queue, event.item }];
    if (event.put) {
        // The lowest slot free now.
        uint16_t slot = 0;
        while (slot < freeAt.size() && freeAt[slot] > event.timeNs && slot + 1 < kMaxSlots)
            ++slot;
        if (slot == freeAt.size())
            freeAt.push_back(INT64_MAX);
        freeAt[slot] = INT64_MAX;
        queue->slots = std::max<uint16_t>(queue->slots, uint16_t(slot + 1));
        in.push_back(queue->stays.size());
        queue->stays.push_back(QueueStay { event.timeNs, INT64_MAX, event.item, event.lane, 0, slot });
        return;
    }
    if (in.empty())
        return; // a get without its put (a damaged trace): nothing to close
    QueueStay &stay = queue->stays[in.front()];
    in.erase(in.begin());
    stay.gotNs = event.timeNs;
    stay.gotLane = event.lane;
    if (stay.slot < freeAt.size())
        freeAt[stay.slot] = event.timeNs;
}

void QueueStaysSet::update(const Trace &trace, int64_t untilNs)
{
    if (m_cursors.size() < trace.lanes.size())
        m_cursors.resize(trace.lanes.size());
    std::vector<Pending> pending;
    for (size_t i = 0; i < trace.lanes.size(); ++i) {
        const auto &marks = trace.lanes[i].marks;
        size_t &cursor = m_cursors[i];
        for (; cursor < marks.size() && marks[cursor].timeNs <= untilNs; ++cursor) {
            const Event &e = marks[cursor];
            if (e.kind == EventKind::QueuePut || e.kind == EventKind::QueueGet)
                pending.push_back(
                    Pending { e.timeNs, e.object, uint32_t(e.arg), uint32_t(i), e.kind == EventKind::QueuePut });
        }
    }
    if (pending.empty())
        return;
    // A put and a get at the same instant: the put first.
    std::stable_sort(pending.begin(), pending.end(),
        [](const Pending &a, const Pending &b) { return a.timeNs != b.timeNs ? a.timeNs < b.timeNs : a.put > b.put; });
    if (pending.front().timeNs < m_lastNs) {
        // A lane reported late: start again from the whole trace (in one go, so in order).
        *this = QueueStaysSet {};
        update(trace, untilNs);
        return;
    }
    for (const Pending &event : pending)
        apply(event);
    m_lastNs = pending.back().timeNs;
}

} // namespace threadlab
