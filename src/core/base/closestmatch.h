#pragma once

#include <QString>
#include <QStringList>

namespace threadlab {

// The candidate a mistyped word most likely meant ("ten-thread" → "ten-threads"), or an empty
// string when none is close: at most a third of the word's letters differ (at least 2).
QString closestMatch(const QString &word, const QStringList &candidates);

} // namespace threadlab
