#pragma once

#include <QtGlobal>
#include <cstdint>
#include <map>
#include <span>
#include <vector>

namespace threadlab {

struct Trace;

// One item's time in a queue: put on one lane, taken out (maybe) on another.
struct QueueStay
{
    int64_t putNs = 0;
    int64_t gotNs = INT64_MAX; // INT64_MAX: still in the queue
    uint32_t item = 0; // the item's name (an object id)
    uint32_t putLane = 0;
    uint32_t gotLane = 0;
    uint16_t slot = 0; // the lowest row free when it went in: stays side by side never share one
};

// Every queue's contents over time, derived from the lanes' put and get marks (nothing of it is
// stored in a trace file) and grown as the run's trace grows: each item from the moment it went in
// until it was taken out. A get takes the earliest put of the same item still in.
class QueueStaysSet
{
public:
    static constexpr size_t kMaxQueues = 64;
    static constexpr uint16_t kMaxSlots = 4096; // more items in at once share the last slot

    struct Queue
    {
        uint32_t queue = 0;
        std::vector<QueueStay> stays; // in put order
        uint16_t slots = 0; // rows used
    };

    std::span<const Queue> all() const { return m_queues; }
    const Queue *find(uint32_t queue) const;
    // Stays of `queue` that overlap [fromNs, toNs).
    static std::vector<const QueueStay *> overlapping(const Queue &queue, int64_t fromNs, int64_t toNs);
    // Takes in the lanes' puts and gets up to untilNs; one older than the last taken rebuilds.
    void update(const Trace &trace, int64_t untilNs);

private:
    struct Pending
    {
        int64_t timeNs;
        uint32_t queue;
        uint32_t item;
        uint32_t lane;
        bool put;
    };
    void apply(const Pending &event);
    Queue *queueOf(uint32_t queue);

    std::vector<Queue> m_queues;
    std::vector<size_t> m_cursors; // per lane: marks looked at
    int64_t m_lastNs = INT64_MIN;
    std::map<std::pair<uint32_t, uint32_t>, std::vector<size_t>> m_in; // (queue, item) -> stays still in
    std::vector<std::vector<int64_t>> m_slotFreeAt; // per queue: when each slot frees (INT64_MAX: taken)
};

} // namespace threadlab
