#include "trace/deadlocks.h"

#include "base/boundedreader.h"
#include "base/clock.h"
#include "base/coretext.h"
#include "trace/trace.h"

#include <QDataStream>
#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace threadlab {

namespace {

QString laneName(const Trace &trace, int64_t lane)
{
    const QString name = trace.laneName(lane);
    return name.isEmpty() ? Text::tr("lane %1").arg(lane) : name;
}

QString objectLabel(const Trace &trace, uint32_t object)
{
    const QString kind = object < trace.objects.size() ? objectKindName(trace.objects[object].kind) : QString();
    return Text::tr("%1 '%2'").arg(kind, trace.objectName(object));
}

QString listOf(const QStringList &items)
{
    if (items.size() <= 1)
        return items.join(QString());
    return items.mid(0, items.size() - 1).join(Text::tr(", ")) + Text::tr(" and ") + items.last();
}

// An edge of the lock-order graph: a lane took `to` while holding `from`, first at timeNs.
struct OrderEdge
{
    uint32_t lane = 0;
    int64_t timeNs = 0;
};
using LockNode = std::pair<qint64, uint32_t>; // (pid, lock): locks of different processes are different

} // namespace

void Deadlocks::write(QDataStream &s, const Deadlock &d)
{
    s << d.cycle << qint64(d.detectedNs) << quint32(d.links.size());
    for (const DeadlockLink &link : d.links) {
        s << link.lane << quint8(link.waitState) << link.waitsFor << qint64(link.heldBy) << quint32(link.holds.size());
        for (uint32_t held : link.holds)
            s << held;
    }
}

bool Deadlocks::read(BoundedReader &in, Deadlock &d, quint64 maxLinks, quint64 maxHolds)
{
    quint32 links = 0;
    qint64 detected = 0;
    in.boolean(d.cycle);
    in.integer(detected);
    if (in.ok() && !isPlausibleTime(detected))
        return in.fail(Text::tr("the deadlock's time is out of range"));
    in.count(links, maxLinks, 4 + 1 + 4 + 8 + 4, "the number of deadlocked lanes");
    d.detectedNs = detected;
    for (quint32 i = 0; i < links && in.ok(); ++i) {
        DeadlockLink link;
        quint8 state = 0;
        qint64 heldBy = -1;
        quint32 holds = 0;
        in.integer(link.lane);
        in.integer(state);
        in.integer(link.waitsFor);
        in.integer(heldBy);
        in.count(holds, maxHolds, 4, "the number of locks a deadlocked lane holds");
        for (quint32 h = 0; h < holds && in.ok(); ++h) {
            uint32_t held = 0;
            in.integer(held);
            link.holds.push_back(held);
        }
        if (in.ok() && state >= kStateCount)
            return in.fail(Text::tr("deadlocked lane %1 waits in state %2").arg(i).arg(state));
        link.waitState = State(state);
        link.heldBy = heldBy;
        d.links.push_back(std::move(link));
    }
    return in.ok();
}

QString Deadlocks::waitedObject(const Trace &trace, State state, uint32_t object)
{
    if (state == State::JoinWait)
        return object < trace.tasks.size() ? Text::tr("task '%1' to finish").arg(trace.tasks[object].name)
                                           : Text::tr("the results of the tasks");
    return objectLabel(trace, object);
}

QStringList Deadlocks::explain(const Trace &trace, const Deadlock &deadlock)
{
    QStringList sentences;
    for (const DeadlockLink &link : deadlock.links) {
        QStringList held;
        for (uint32_t object : link.holds)
            held << objectLabel(trace, object);
        QString sentence = laneName(trace, link.lane);
        if (!held.isEmpty())
            sentence += Text::tr(" holds %1 and").arg(listOf(held));
        const QString waited = waitedObject(trace, link.waitState, link.waitsFor);
        const bool inProcess = link.lane < trace.lanes.size() && trace.lanes[link.lane].info.kind == LaneKind::Process;
        if (link.heldBy == int64_t(link.lane) && link.waitState != State::JoinWait)
            sentence += Text::tr(" waits for %1 again: a Lock is not re-entrant (an RLock would be)").arg(waited);
        else if (link.heldBy >= 0 && link.waitState != State::JoinWait)
            sentence += Text::tr(" waits for %1 (held by %2)").arg(waited, laneName(trace, link.heldBy));
        else if (link.heldBy < 0 && !deadlock.cycle && inProcess)
            sentence += Text::tr(" waits for %1, which no other lane of its process can still do (processes share "
                                 "no locks, queues or events)")
                            .arg(waited);
        else if (link.heldBy < 0 && !deadlock.cycle)
            sentence += Text::tr(" waits for %1, which no other lane can still do").arg(waited);
        else
            sentence += Text::tr(" waits for %1").arg(waited);
        sentences << sentence;
    }
    return sentences;
}

std::vector<PotentialDeadlock> Deadlocks::potential(const Trace &trace)
{
    // Each lane's acquires in time order, with the locks it held at each: an acquire of B while A
    // is held is the edge A -> B (the first lane and time it happened).
    std::map<LockNode, std::map<LockNode, std::vector<OrderEdge>>> edges;
    for (size_t laneIndex = 0; laneIndex < trace.lanes.size(); ++laneIndex) {
        const LaneTrack &lane = trace.lanes[laneIndex];
        std::vector<uint32_t> held;
        for (const Event &event : lane.lockEvents) {
            const bool isLock = event.object < trace.objects.size()
                && (trace.objects[event.object].kind == ObjectKind::Lock
                    || trace.objects[event.object].kind == ObjectKind::RLock);
            if (!isLock)
                continue;
            if (event.kind == EventKind::LockAcquire) {
                for (uint32_t before : held) {
                    auto &list = edges[{ lane.info.pid, before }][{ lane.info.pid, event.object }];
                    const bool seen = std::any_of(
                        list.begin(), list.end(), [&](const OrderEdge &e) { return e.lane == laneIndex; });
                    if (before != event.object && !seen)
                        list.push_back(OrderEdge { uint32_t(laneIndex), event.timeNs });
                }
                held.push_back(event.object);
            } else if (const auto it = std::find(held.rbegin(), held.rend(), event.object); it != held.rend()) {
                held.erase(std::next(it).base());
            }
        }
    }
    // Cycles, each found once from its smallest lock, whose edges were taken by different lanes.
    std::vector<PotentialDeadlock> found;
    constexpr size_t kMaxLength = 8;
    std::vector<LockNode> path;
    std::vector<const OrderEdge *> used;
    std::function<void(const LockNode &)> visit = [&](const LockNode &node) {
        if (found.size() >= kMaxReported)
            return;
        const auto out = edges.find(node);
        if (out == edges.end())
            return;
        for (const auto &[next, list] : out->second) {
            if (next < path.front())
                continue;
            for (const OrderEdge &edge : list) {
                const bool laneFree
                    = std::none_of(used.begin(), used.end(), [&](const OrderEdge *e) { return e->lane == edge.lane; });
                if (!laneFree)
                    continue;
                if (next == path.front() && path.size() >= 2) {
                    PotentialDeadlock cycle;
                    for (const LockNode &lock : path)
                        cycle.locks.push_back(lock.second);
                    for (const OrderEdge *e : used) {
                        cycle.lanes.push_back(e->lane);
                        cycle.timesNs.push_back(e->timeNs);
                    }
                    cycle.lanes.push_back(edge.lane);
                    cycle.timesNs.push_back(edge.timeNs);
                    found.push_back(std::move(cycle));
                    break;
                }
                if (next == path.front() || path.size() >= kMaxLength
                    || std::find(path.begin(), path.end(), next) != path.end())
                    break;
                path.push_back(next);
                used.push_back(&edge);
                visit(next);
                path.pop_back();
                used.pop_back();
                break; // one lane per edge is enough to show the cycle
            }
        }
    };
    for (const auto &[start, out] : edges) {
        path = { start };
        used.clear();
        visit(start);
    }
    return found;
}

QStringList Deadlocks::explain(const Trace &trace, const PotentialDeadlock &potential)
{
    // Edge i: the lane took lock i+1 while holding lock i (the last one closes the cycle).
    QStringList steps;
    const size_t n = potential.locks.size();
    for (size_t i = 0; i < n && i < potential.lanes.size(); ++i) {
        steps << Text::tr("%1 took %2 while holding %3 at %4 ms")
                     .arg(laneName(trace, potential.lanes[i]), objectLabel(trace, potential.locks[(i + 1) % n]),
                         objectLabel(trace, potential.locks[i]))
                     .arg(nsToMs(potential.timesNs[i] - trace.originNs), 0, 'f', 1);
    }
    return steps;
}

} // namespace threadlab
