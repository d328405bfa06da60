#include "runtime/programs/pythonhook.h"

#include "base/coretext.h"
#include "runtime/programs/threadwatcher.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace threadlab {

bool PythonHook::isPython(const QStringList &command)
{
    if (command.isEmpty())
        return false;
    static const QRegularExpression interpreter(QStringLiteral("^python[0-9.]*$"));
    const QString &program = command.constFirst();
    if (interpreter.match(QFileInfo(program).fileName()).hasMatch())
        return true;
    // A script run directly: its #! line names the interpreter.
    const QString path = program.contains(u'/') ? program : QStandardPaths::findExecutable(program);
    QFile script(path);
    if (path.isEmpty() || !script.open(QIODevice::ReadOnly))
        return false;
    const QByteArray first = script.readLine(256);
    return first.startsWith("#!") && first.contains("python");
}

Result<std::unique_ptr<PythonHook>> PythonHook::prepare()
{
    std::unique_ptr<PythonHook> hook(new PythonHook);
    if (!hook->m_dir.isValid())
        return Error(Text::tr("cannot make a folder for the Python start-up hook: %1").arg(hook->m_dir.errorString()));
    QFile source(QStringLiteral(":/python/sitecustomize.py"));
    QFile target(hook->m_dir.filePath(QStringLiteral("sitecustomize.py")));
    if (!source.open(QIODevice::ReadOnly) || !target.open(QIODevice::WriteOnly) || target.write(source.readAll()) < 0)
        return Error(Text::tr("cannot write the Python start-up hook: %1").arg(target.errorString()));
    hook->m_notesPath = hook->m_dir.filePath(QStringLiteral("notes"));
    QFile notes(hook->m_notesPath);
    if (!notes.open(QIODevice::WriteOnly))
        return Error(Text::tr("cannot make the Python hook's notes file: %1").arg(notes.errorString()));
    return hook;
}

QStringList PythonHook::environment(QStringList base) const
{
    QString pythonPath = m_dir.path();
    for (auto it = base.begin(); it != base.end();) {
        if (it->startsWith(QLatin1String("PYTHONPATH="))) {
            const QString earlier = it->mid(11);
            if (!earlier.isEmpty())
                pythonPath += u':' + earlier;
            it = base.erase(it);
        } else if (it->startsWith(QLatin1String("THREADLAB_NOTES="))) {
            it = base.erase(it);
        } else {
            ++it;
        }
    }
    base << QStringLiteral("PYTHONPATH=") + pythonPath << QStringLiteral("THREADLAB_NOTES=") + m_notesPath;
    return base;
}

void PythonHook::readNotes(ThreadWatcher &watcher)
{
    if (m_offset >= kMaxNotesBytes)
        return;
    QFile notes(m_notesPath);
    if (!notes.open(QIODevice::ReadOnly) || !notes.seek(m_offset))
        return;
    const QByteArray data = notes.read(std::min<qint64>(1024 * 1024, kMaxNotesBytes - m_offset));
    m_offset += data.size();
    QByteArray text = m_partial + data;
    const qsizetype lastNewline = text.lastIndexOf('\n');
    m_partial = lastNewline < 0 ? text : text.mid(lastNewline + 1);
    if (m_partial.size() > kMaxLineBytes)
        m_partial.clear(); // a line too long to be ours: skipped
    if (lastNewline < 0)
        return;
    text.truncate(lastNewline);
    for (const QByteArray &line : text.split('\n')) {
        if (line.size() > kMaxLineBytes || line.size() < 4)
            continue;
        // "N <tid> <name>" or "P <tid> <ns> <text>"
        const qsizetype tidEnd = line.indexOf(' ', 2);
        bool ok = false;
        const qint64 tid = line.mid(2, tidEnd < 0 ? -1 : tidEnd - 2).toLongLong(&ok);
        if (!ok || tid <= 0 || tidEnd < 0)
            continue;
        if (line.startsWith("N ")) {
            watcher.noteName(tid, QString::fromUtf8(line.mid(tidEnd + 1)).trimmed());
        } else if (line.startsWith("P ")) {
            const qsizetype timeEnd = line.indexOf(' ', tidEnd + 1);
            const qint64 timeNs = line.mid(tidEnd + 1, timeEnd < 0 ? -1 : timeEnd - tidEnd - 1).toLongLong(&ok);
            if (ok && timeNs > 0)
                watcher.noteMark(tid, timeNs, timeEnd < 0 ? QString() : QString::fromUtf8(line.mid(timeEnd + 1)));
        }
    }
}

} // namespace threadlab
