#pragma once

#include "trace/segmentlod.h"

#include <QString>
#include <cmath>

namespace threadlab::test {

// Where two level-of-detail summaries differ (node spans exactly, state times to float rounding),
// or an empty string.
inline QString lodDifference(const SegmentLod &a, const SegmentLod &b)
{
    if (a.segmentCount() != b.segmentCount())
        return QStringLiteral("%1 vs %2 segments").arg(a.segmentCount()).arg(b.segmentCount());
    for (int level = 0; level < SegmentLod::kLevels; ++level) {
        const auto x = a.nodes(level);
        const auto y = b.nodes(level);
        if (x.size() != y.size())
            return QStringLiteral("level %1: %2 vs %3 nodes").arg(level).arg(x.size()).arg(y.size());
        for (size_t i = 0; i < x.size(); ++i) {
            if (x[i].startNs != y[i].startNs || x[i].endNs != y[i].endNs)
                return QStringLiteral("level %1 node %2: span [%3, %4) vs [%5, %6)")
                    .arg(level)
                    .arg(i)
                    .arg(x[i].startNs)
                    .arg(x[i].endNs)
                    .arg(y[i].startNs)
                    .arg(y[i].endNs);
            for (size_t s = 0; s < x[i].stateNs.size(); ++s) {
                const double tolerance = 1e-5 * std::max(1.0f, std::abs(y[i].stateNs[s]));
                if (std::abs(x[i].stateNs[s] - y[i].stateNs[s]) > tolerance)
                    return QStringLiteral("level %1 node %2 state %3: %4 vs %5")
                        .arg(level)
                        .arg(i)
                        .arg(s)
                        .arg(x[i].stateNs[s])
                        .arg(y[i].stateNs[s]);
            }
        }
    }
    return {};
}

} // namespace threadlab::test
