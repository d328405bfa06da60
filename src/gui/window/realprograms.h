#pragma once

#include "base/result.h"
#include "runtime/programs/programtrace.h"

#include <QString>

namespace threadlab {

// The tutorial programs that built-in lessons re-enact (resources/programs/<lesson>.py): which
// lessons have one, and how to trace it. The file is copied to the user's data folder
// (~/.local/share/ThreadLab/programs), where it can be read, changed and traced again.
class RealPrograms
{
public:
    static bool exists(const QString &lesson);
    // The interpreter: Debian's /usr/bin/python3 when there is one, else python3 on PATH.
    static QString python();
    static Result<ProgramTraceSettings> settingsFor(const QString &lesson);
};

} // namespace threadlab
