#include "trace/syncsummary.h"

#include "base/clock.h"
#include "trace/deadlocks.h"
#include "trace/trace.h"

#include <QJsonArray>
#include <cmath>

namespace threadlab {

namespace {

bool isWaitState(State state)
{
    switch (state) {
    case State::LockWait:
    case State::QueueWait:
    case State::EventWait:
    case State::SemaphoreWait:
    case State::ConditionWait:
    case State::BarrierWait:
        return true;
    default:
        return false;
    }
}

} // namespace

DeadlockSummary DeadlockSummary::from(const Trace &trace)
{
    DeadlockSummary s;
    const Deadlock &d = trace.deadlock;
    if (!d.found)
        return s;
    s.found = true;
    s.cycle = d.cycle;
    s.detectedMs = nsToMs(d.detectedNs - trace.originNs);
    for (const DeadlockLink &link : d.links) {
        Link named { trace.laneName(link.lane), {}, Deadlocks::waitedObject(trace, link.waitState, link.waitsFor),
            link.waitState == State::JoinWait ? QString() : trace.laneName(link.heldBy) };
        for (uint32_t held : link.holds)
            named.holds << trace.objectName(held);
        s.links.push_back(named);
    }
    s.sentences = Deadlocks::explain(trace, d);
    return s;
}

QJsonObject DeadlockSummary::toJson() const
{
    QJsonArray lanes;
    for (const Link &link : links) {
        QJsonObject item { { QStringLiteral("lane"), link.lane },
            { QStringLiteral("holds"), QJsonArray::fromStringList(link.holds) },
            { QStringLiteral("waits_for"), link.waitsFor } };
        if (!link.heldBy.isEmpty())
            item.insert(QStringLiteral("held_by"), link.heldBy);
        lanes.append(item);
    }
    return QJsonObject { { QStringLiteral("detected_ms"), roundedMs(detectedMs) },
        { QStringLiteral("kind"), cycle ? QStringLiteral("cycle") : QStringLiteral("waits_forever") },
        { QStringLiteral("cycle"), lanes }, { QStringLiteral("explanation"), QJsonArray::fromStringList(sentences) } };
}

std::vector<PotentialDeadlockSummary> PotentialDeadlockSummary::from(const Trace &trace)
{
    std::vector<PotentialDeadlockSummary> list;
    for (const PotentialDeadlock &p : Deadlocks::potential(trace)) {
        PotentialDeadlockSummary s;
        for (uint32_t lock : p.locks)
            s.locks << trace.objectName(lock);
        for (uint32_t lane : p.lanes)
            s.lanes << trace.laneName(lane);
        s.steps = Deadlocks::explain(trace, p);
        list.push_back(s);
    }
    return list;
}

QJsonObject PotentialDeadlockSummary::toJson() const
{
    return QJsonObject { { QStringLiteral("locks"), QJsonArray::fromStringList(locks) },
        { QStringLiteral("lanes"), QJsonArray::fromStringList(lanes) },
        { QStringLiteral("steps"), QJsonArray::fromStringList(steps) } };
}

std::vector<SyncSummary> SyncSummary::from(const Trace &trace)
{
    std::vector<SyncSummary> all(trace.objects.size());
    auto add = [&](const Segment &segment) {
        if (isWaitState(segment.state) && segment.object < all.size()) {
            ++all[segment.object].waits;
            all[segment.object].waitMsTotal += nsToMs(segment.durationNs());
        }
    };
    for (const LaneTrack &lane : trace.lanes) {
        for (const Segment &segment : lane.segments)
            add(segment);
        if (lane.hasOpenSegment)
            add(lane.open);
        for (const Event &event : lane.marks) {
            if (event.object >= all.size())
                continue;
            SyncSummary &s = all[event.object];
            if (event.kind == EventKind::WaitTimeout)
                ++(event.arg == 1 ? s.broken : s.timeouts);
            else if (event.kind == EventKind::Notify)
                ++s.notifies;
            else if (event.kind == EventKind::Woken)
                ++s.wokenByNotify;
        }
    }
    std::vector<SyncSummary> used;
    for (size_t id = 0; id < all.size(); ++id) {
        SyncSummary &s = all[id];
        const ObjectKind kind = trace.objects[id].kind;
        const bool sync = kind == ObjectKind::Semaphore || kind == ObjectKind::Condition || kind == ObjectKind::Barrier
            || kind == ObjectKind::Event;
        if ((sync && (s.waits > 0 || s.notifies > 0 || s.wokenByNotify > 0)) || s.timeouts > 0 || s.broken > 0) {
            s.name = trace.objects[id].name;
            s.kind = kind;
            used.push_back(s);
        }
    }
    return used;
}

QJsonObject SyncSummary::toJson() const
{
    QJsonObject json { { QStringLiteral("name"), name }, { QStringLiteral("kind"), objectKindName(kind) },
        { QStringLiteral("waits"), qint64(waits) }, { QStringLiteral("wait_ms_total"), roundedMs(waitMsTotal) },
        { QStringLiteral("timeouts"), qint64(timeouts) } };
    if (kind == ObjectKind::Barrier)
        json.insert(QStringLiteral("broken"), qint64(broken));
    if (kind == ObjectKind::Condition)
        json.insert(QStringLiteral("notifies"), qint64(notifies));
    if (kind == ObjectKind::Condition || kind == ObjectKind::Barrier)
        json.insert(QStringLiteral("woken"), qint64(wokenByNotify));
    return json;
}

} // namespace threadlab
