#pragma once

#include "base/result.h"
#include "trace/recordedrun.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace threadlab {

// The native trace (.threadlab): everything a RecordedRun holds, so the app can reopen a run for
// viewing, exporting and comparing without running anything. Binary (QDataStream plus raw event
// records), for the machine architecture that wrote it; versioned.
class TraceFile
{
public:
    static constexpr quint32 kVersion = 2;
    static QByteArray magic() { return QByteArrayLiteral("THREADLAB-TRACE\n"); }
    static bool isTraceFile(const QString &path); // a regular file that starts with magic()

    static Result<void> write(const RecordedRun &recording, const QString &path);
    // Every count and index is checked (tracefilereader.cpp): a damaged or hostile file gives
    // "file.threadlab: damaged at byte N (what)" and nothing else.
    static Result<std::shared_ptr<RecordedRun>> read(const QString &path);
};

} // namespace threadlab
