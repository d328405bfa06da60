#pragma once

#include <QStringList>

namespace threadlab {

// `threadlab sweep <id|file> --workers 1,2,4 [--executor …] [--gil on,off] [--lock on,off]`: runs
// the scenario once per combination and prints wall time and speedup (against the first row) —
// threads vs processes, IO-bound vs CPU-bound in one command. Optional summary JSON and a bar
// chart (--export chart.png|svg).
class SweepCommand
{
public:
    static int exec(const QStringList &arguments); // arguments after "sweep"
};

} // namespace threadlab
