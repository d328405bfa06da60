#pragma once

#include "base/result.h"
#include "trace/recordedrun.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace threadlab {

// The native trace (.threadlab): everything a RecordedRun holds, so the app can reopen a run for
// viewing, exporting and comparing without running anything. Portable from version 6: the magic,
// the version as a little-endian u32, then the body in compressed blocks (CompressedBlockWriter),
// every field written one by one, little-endian (QDataStream::LittleEndian: UTF-16LE text, no raw
// structs, no padding), so that a file written on one machine reads on any other.
// Version 3 added, at the end, the OS scheduler's data: its source, then per lane its counts and OS
// slices, then per CPU its busy time and slices.
class TraceFile
{
public:
    // 6 made the file portable and compressed (same fields as 5; before, big-endian with events
    // and hand-overs as raw structs of the writing machine, uncompressed); 5 added traced programs (a recording is a
    // scenario's run or a program's: the program, its objects and tasks, then at the end its processes); 4 added lock
    // ordering, the states and outcomes of rlocks, semaphores, conditions, barriers and daemons, and the deadlock
    // found; 3 added the OS scheduler's data. 2 to 5 are still read.
    static constexpr quint32 kVersion = 6;
    enum class Recording : quint8 { Scenario = 0, Program = 1 };
    static QByteArray magic() { return QByteArrayLiteral("THREADLAB-TRACE\n"); }
    static bool isTraceFile(const QString &path); // a regular file that starts with magic()

    static Result<void> write(const RecordedRun &recording, const QString &path);
    // Every count and index is checked (tracefilereader.cpp): a damaged or hostile file gives
    // "file.threadlab: damaged at byte N (what)" and nothing else.
    static Result<std::shared_ptr<RecordedRun>> read(const QString &path);
    // The same from bytes in memory (the whole file, magic included); the error has no path.
    static Result<std::shared_ptr<RecordedRun>> read(const char *data, qsizetype size);
    // What a current-version file's blocks hold, already unpacked: lets the fuzzer (and tests) reach
    // every check of the reader without compressing first.
    static Result<std::shared_ptr<RecordedRun>> readContents(const char *data, qsizetype size);
};

} // namespace threadlab
