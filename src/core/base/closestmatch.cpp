#include "base/closestmatch.h"

#include <algorithm>
#include <vector>

namespace threadlab {

namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbours ("rnu" → "run") each count one.
qsizetype editDistance(const QString &a, const QString &b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<std::vector<qsizetype>> d(size_t(n + 1), std::vector<qsizetype>(size_t(m + 1)));
    for (qsizetype i = 0; i <= n; ++i)
        d[size_t(i)][0] = i;
    for (qsizetype j = 0; j <= m; ++j)
        d[0][size_t(j)] = j;
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const qsizetype cost = a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1;
            qsizetype best = std::min({ d[size_t(i - 1)][size_t(j)] + 1, d[size_t(i)][size_t(j - 1)] + 1,
                d[size_t(i - 1)][size_t(j - 1)] + cost });
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                best = std::min(best, d[size_t(i - 2)][size_t(j - 2)] + 1);
            d[size_t(i)][size_t(j)] = best;
        }
    }
    return d[size_t(n)][size_t(m)];
}

} // namespace

QString closestMatch(const QString &word, const QStringList &candidates)
{
    // Long words (a path, a pasted paragraph) are not typos of a short id.
    constexpr qsizetype kMaxWordLength = 64;
    if (word.isEmpty() || word.size() > kMaxWordLength)
        return {};
    const qsizetype allowed = std::max<qsizetype>(2, word.size() / 3);
    QString best;
    qsizetype bestDistance = allowed + 1;
    for (const QString &candidate : candidates) {
        if (std::abs(candidate.size() - word.size()) > allowed)
            continue;
        const qsizetype distance = editDistance(word, candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return best;
}

} // namespace threadlab
