#include "runtime/waitgraph.h"

#include "base/clock.h"

#include <algorithm>
#include <unordered_set>

namespace threadlab {

void WaitGraph::setSink(Sink sink, Holdings holdings)
{
    std::lock_guard lock(m_mutex);
    m_sink = std::move(sink);
    m_holdings = std::move(holdings);
}

void WaitGraph::expect(int tasks)
{
    std::lock_guard lock(m_mutex);
    m_pending += tasks;
}

void WaitGraph::enter(uint32_t lane, bool wasExpected)
{
    std::lock_guard lock(m_mutex);
    if (++m_lanes[lane].depth == 1 && wasExpected)
        m_pending = std::max(0, m_pending - 1);
}

void WaitGraph::markDaemon(uint32_t lane)
{
    std::lock_guard lock(m_mutex);
    if (const auto it = m_lanes.find(lane); it != m_lanes.end())
        it->second.daemon = true;
}

void WaitGraph::leave(uint32_t lane)
{
    std::unique_lock lock(m_mutex);
    const auto it = m_lanes.find(lane);
    if (it == m_lanes.end())
        return;
    if (--it->second.depth > 0)
        return;
    if (it->second.blocked)
        --m_blocked;
    m_lanes.erase(it);
    // The last lane that could still wake the others has gone.
    if (!m_lanes.empty() && m_blocked == int(m_lanes.size()) && m_pending == 0)
        check(lock, m_lanes.begin()->first);
}

void WaitGraph::block(uint32_t lane, Wait wait)
{
    std::unique_lock lock(m_mutex);
    const auto it = m_lanes.find(lane);
    if (it == m_lanes.end() || it->second.blocked)
        return;
    it->second.blocked = true;
    it->second.wait = wait;
    ++m_blocked;
    if (mayCloseDeadlock(lane, wait))
        check(lock, lane);
}

void WaitGraph::unblock(uint32_t lane)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_lanes.find(lane);
    if (it == m_lanes.end() || !it->second.blocked)
        return;
    it->second.blocked = false;
    --m_blocked;
}

bool WaitGraph::reported() const
{
    std::lock_guard lock(m_mutex);
    return m_reported;
}

bool WaitGraph::mayCloseDeadlock(uint32_t lane, const Wait &wait) const
{
    // The cheap test that keeps contention cheap: a deadlock can only form now if every lane that
    // could end this wait waits too (for a wait that anyone could end: every lane).
    if (m_reported || !m_sink)
        return false;
    if (m_blocked == int(m_lanes.size()) && m_pending == 0)
        return true;
    const std::vector<uint32_t> enders = wait.target->enders();
    if (enders.empty())
        return false;
    return std::all_of(enders.begin(), enders.end(), [&](uint32_t ender) {
        const auto it = m_lanes.find(ender);
        return ender == lane || (it != m_lanes.end() && it->second.blocked);
    });
}

std::vector<uint32_t> WaitGraph::stuckLanes() const
{
    // Start from every waiting lane and drop, until nothing changes, each one that something can
    // still wake: its wait is ready, one of its enders still runs, or (a wait anyone can end) some
    // lane runs or a task is still to start. An ender that no longer takes part (a joined thread
    // whose task just ended) is taken as able to wake it: never a deadlock that is not one.
    std::unordered_set<uint32_t> stuck;
    for (const auto &[lane, participant] : m_lanes) {
        if (participant.blocked)
            stuck.insert(lane);
    }
    for (bool changed = true; changed && !stuck.empty();) {
        changed = false;
        for (auto it = stuck.begin(); it != stuck.end();) {
            const Wait &wait = m_lanes.at(*it).wait;
            bool wakeable = wait.target->ready(*it);
            if (!wakeable) {
                const std::vector<uint32_t> enders = wait.target->enders();
                if (enders.empty())
                    wakeable = m_pending > 0 || stuck.size() < m_lanes.size();
                else
                    wakeable = std::any_of(enders.begin(), enders.end(),
                        [&](uint32_t ender) { return !m_lanes.contains(ender) || !stuck.contains(ender); });
            }
            if (wakeable) {
                it = stuck.erase(it);
                changed = true;
            } else {
                ++it;
            }
        }
    }
    std::vector<uint32_t> lanes(stuck.begin(), stuck.end());
    std::sort(lanes.begin(), lanes.end());
    return lanes;
}

Deadlock WaitGraph::describe(std::vector<uint32_t> stuck, uint32_t start) const
{
    Deadlock deadlock;
    deadlock.found = true;
    deadlock.detectedNs = nowNs();
    // Follow "waits for what X holds" from the lane that closed it: coming back to a lane seen
    // before is the cycle, listed in its order; the other stuck lanes follow.
    if (std::find(stuck.begin(), stuck.end(), start) == stuck.end())
        start = stuck.front();
    std::vector<uint32_t> path;
    for (uint32_t lane = start;;) {
        const auto seen = std::find(path.begin(), path.end(), lane);
        if (seen != path.end()) {
            path.erase(path.begin(), seen);
            deadlock.cycle = true;
            break;
        }
        path.push_back(lane);
        const std::vector<uint32_t> enders = m_lanes.at(lane).wait.target->enders();
        const auto next = std::find_if(enders.begin(), enders.end(),
            [&](uint32_t ender) { return std::binary_search(stuck.begin(), stuck.end(), ender); });
        if (next == enders.end())
            break;
        lane = *next;
    }
    std::vector<uint32_t> order = deadlock.cycle ? path : std::vector<uint32_t> {};
    for (uint32_t lane : stuck) {
        if (std::find(order.begin(), order.end(), lane) == order.end())
            order.push_back(lane);
    }
    for (uint32_t lane : order) {
        const Wait &wait = m_lanes.at(lane).wait;
        DeadlockLink link;
        link.lane = lane;
        link.waitState = wait.state;
        link.waitsFor = wait.object;
        const std::vector<uint32_t> enders = wait.target->enders();
        if (enders.size() == 1)
            link.heldBy = enders.front();
        if (m_holdings)
            link.holds = m_holdings(lane);
        deadlock.links.push_back(std::move(link));
    }
    return deadlock;
}

void WaitGraph::check(std::unique_lock<std::mutex> &lock, uint32_t lane)
{
    if (m_reported || !m_sink)
        return;
    std::vector<uint32_t> stuck = stuckLanes();
    const bool onlyDaemons
        = std::all_of(stuck.begin(), stuck.end(), [&](uint32_t lane) { return m_lanes.at(lane).daemon; });
    if (onlyDaemons) // nothing stuck, or daemons the end of the program will cut off
        return;
    m_reported = true;
    const Deadlock deadlock = describe(std::move(stuck), lane);
    const Sink sink = m_sink;
    lock.unlock();
    sink(deadlock);
}

} // namespace threadlab
