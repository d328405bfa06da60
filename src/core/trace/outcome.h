#pragma once

#include <QString>
#include <QStringList>

namespace threadlab {

struct RunSummary;

// What a run measured, in the words a lesson uses ("expected 0, got −31 416: 212 lost updates").
class Outcome
{
public:
    static QStringList lines(const RunSummary &summary);
    // This run against an earlier one: "6.7× faster than the run before it, download-sequential (sequential): 0.46 s
    // against 3.09 s".
    static QString comparison(const RunSummary &now, const RunSummary &before, const QString &beforeSettings);
    static QString count(int64_t value); // −31 416: a real minus sign, grouped digits
    static QString duration(double ms);
};

} // namespace threadlab
