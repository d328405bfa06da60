#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace threadlab {

// Small helpers for reading /proc: fast enough to run thousands of times a second.
namespace ProcFiles {

// A small /proc file whole (at most `most` bytes); empty when it cannot be read.
QByteArray read(const char *path, qsizetype most = 4096);
QByteArray read(const QByteArray &path, qsizetype most = 4096);

// Field `index` (1-based, as proc(5) counts) of a stat line as a number; the command name may
// hold spaces and parentheses, so counting starts after its last ')'. -1 if it is not there.
qint64 statField(const char *stat, size_t size, int index);
// Field 3 of a stat line: R, S, D, Z, T… (0 if the line is not one).
char statState(const char *stat, size_t size);

} // namespace ProcFiles

} // namespace threadlab
