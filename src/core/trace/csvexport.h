#pragma once

#include "base/result.h"
#include "base/state.h"

#include <QString>
#include <vector>

class QIODevice;

namespace threadlab {

struct Trace;

// One row per segment: lane, pid, tid, state, start, end and duration (ns since the run's start),
// task, object, and the CPU a Running segment was on (empty when not known). RFC 4180: CRLF line
// ends, a field with a comma, quote, CR or LF quoted (quotes doubled). Safe in a spreadsheet: a
// name (lane, task, object) that starts with =, +, -, @, tab, CR or ' gets a leading ', which
// read() strips again, so that no cell is taken for a formula.
class CsvExport
{
public:
    struct Row
    {
        QString lane;
        qint64 pid = 0;
        qint64 tid = 0;
        State state = State::Running;
        int64_t startNs = 0;
        int64_t endNs = 0;
        QString task;
        QString object;
        int cpu = -1;
    };

    static QByteArray header();
    static Result<void> write(const Trace &trace, QIODevice &out);
    // Reads what write() wrote; on malformed input, an error naming the line.
    static Result<std::vector<Row>> read(QIODevice &in);
};

} // namespace threadlab
