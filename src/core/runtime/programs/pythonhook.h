#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>

namespace threadlab {

class ThreadWatcher;

// The start-up hook that ThreadLab gives a traced Python program (resources/python/sitecustomize.py):
// a private folder holding it, put first on PYTHONPATH, and a file where the program's processes
// note their threads' names and their print() calls, which readNotes() hands to the watcher.
// The notes come from the traced program: every line is bounded and checked, bad ones are skipped.
class PythonHook
{
public:
    static constexpr qint64 kMaxNotesBytes = 64 * 1024 * 1024; // read no further
    static constexpr qsizetype kMaxLineBytes = 1024;

    // Whether the command runs Python: an interpreter (python, python3, python3.11…) or a script
    // whose first line names one.
    static bool isPython(const QStringList &command);
    static Result<std::unique_ptr<PythonHook>> prepare();

    // The environment the program gets: `base` with the hook's folder first on PYTHONPATH and the
    // notes file named.
    QStringList environment(QStringList base) const;
    // Hands what was noted since the last call to the watcher.
    void readNotes(ThreadWatcher &watcher);

private:
    PythonHook() = default;

    QTemporaryDir m_dir;
    QString m_notesPath;
    qint64 m_offset = 0;
    QByteArray m_partial; // a line not finished yet
};

} // namespace threadlab
