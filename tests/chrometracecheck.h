#pragma once

// Reads a Chrome trace export as the readers do (every number a double) and says what a reader
// would get wrong: slices that do not nest or that overlap the next one on their thread, flow
// events that bind to no slice (DevTools binds by ts, pid, tid and cat) or run back in time,
// slices without args. Empty when all is well.

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <algorithm>
#include <vector>

namespace threadlab::test {

inline QString chromeTraceProblem(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return QStringLiteral("not JSON: ") + error.errorString();
    const QJsonArray events = document.object().value(QStringLiteral("traceEvents")).toArray();
    struct Slice
    {
        double ts, end;
        QString cat, name;
    };
    QHash<QString, std::vector<Slice>> threads; // "pid/tid"
    auto threadOf = [](const QJsonObject &e) {
        return QStringLiteral("%1/%2")
            .arg(e.value(QStringLiteral("pid")).toInteger())
            .arg(e.value(QStringLiteral("tid")).toInteger());
    };
    for (const QJsonValue &value : events) {
        const QJsonObject e = value.toObject();
        if (e.value(QStringLiteral("ph")).toString() != QStringLiteral("X"))
            continue;
        const double ts = e.value(QStringLiteral("ts")).toDouble();
        const double dur = e.value(QStringLiteral("dur")).toDouble();
        if (dur < 0)
            return QStringLiteral("a slice of negative duration at %1").arg(ts);
        if (e.value(QStringLiteral("args")).toObject().isEmpty())
            return QStringLiteral("slice '%1' at %2 has no args")
                .arg(e.value(QStringLiteral("name")).toString())
                .arg(ts);
        threads[threadOf(e)].push_back(Slice {
            ts, ts + dur, e.value(QStringLiteral("cat")).toString(), e.value(QStringLiteral("name")).toString() });
    }
    for (auto it = threads.begin(); it != threads.end(); ++it) {
        std::vector<Slice> &slices = it.value();
        std::stable_sort(slices.begin(), slices.end(), [](const Slice &a, const Slice &b) {
            return a.ts != b.ts ? a.ts < b.ts : a.end > b.end; // parents first
        });
        std::vector<const Slice *> open;
        for (const Slice &slice : slices) {
            while (!open.empty() && open.back()->end <= slice.ts)
                open.pop_back();
            if (!open.empty() && slice.end > open.back()->end)
                return QStringLiteral("on %1, '%2' %3..%4 overlaps '%5' %6..%7 without nesting in it")
                    .arg(it.key(), slice.name)
                    .arg(slice.ts, 0, 'f', 4)
                    .arg(slice.end, 0, 'f', 4)
                    .arg(open.back()->name)
                    .arg(open.back()->ts, 0, 'f', 4)
                    .arg(open.back()->end, 0, 'f', 4);
            open.push_back(&slice);
        }
    }
    QHash<qint64, double> flowStarts;
    for (const QJsonValue &value : events) {
        const QJsonObject e = value.toObject();
        const QString ph = e.value(QStringLiteral("ph")).toString();
        if (ph != QStringLiteral("s") && ph != QStringLiteral("f"))
            continue;
        const double ts = e.value(QStringLiteral("ts")).toDouble();
        const QString cat = e.value(QStringLiteral("cat")).toString();
        const auto thread = threads.constFind(threadOf(e));
        const auto sameStart = [&](const Slice &s) { return s.ts == ts && s.cat == cat; };
        if (thread == threads.constEnd() || std::none_of(thread->begin(), thread->end(), sameStart))
            return QStringLiteral("flow '%1' (%2) at %3 on %4 starts no slice of category '%5' there")
                .arg(e.value(QStringLiteral("name")).toString(), ph)
                .arg(ts, 0, 'f', 4)
                .arg(threadOf(e), cat);
        const qint64 id = e.value(QStringLiteral("id")).toInteger();
        if (ph == QStringLiteral("s"))
            flowStarts.insert(id, ts);
        else if (!flowStarts.contains(id) || flowStarts.value(id) >= ts)
            return QStringLiteral("flow %1 ends at %2, not after its start").arg(id).arg(ts, 0, 'f', 4);
    }
    return {};
}

} // namespace threadlab::test
