#pragma once

#include <QStringList>

namespace threadlab {

// `threadlab run <id|file> [options]`: runs one scenario, prints a summary, writes the summary
// JSON and any exports.
class RunCommand
{
public:
    static int exec(const QStringList &arguments); // arguments after "run"
};

} // namespace threadlab
