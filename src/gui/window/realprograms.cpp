#include "window/realprograms.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

// The programs are in threadlab.qrc, compiled into this static library: registered before use.
static void initProgramResources()
{
    Q_INIT_RESOURCE(threadlab);
}

namespace threadlab {

namespace {

QString resource(const QString &lesson)
{
    return QStringLiteral(":/programs/%1.py").arg(lesson);
}

} // namespace

bool RealPrograms::exists(const QString &lesson)
{
    initProgramResources();
    return !lesson.isEmpty() && !lesson.contains(u'/') && QFile::exists(resource(lesson));
}

QString RealPrograms::python()
{
    if (QFileInfo(QStringLiteral("/usr/bin/python3")).isExecutable())
        return QStringLiteral("/usr/bin/python3");
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("python3"));
    return onPath.isEmpty() ? QStringLiteral("python3") : onPath;
}

Result<ProgramTraceSettings> RealPrograms::settingsFor(const QString &lesson)
{
    if (!exists(lesson))
        return Error(QObject::tr("The lesson '%1' has no real program.").arg(lesson));
    if (python() == QStringLiteral("python3"))
        return Error(QObject::tr("Python 3 is not installed: install it (sudo apt install python3) to run the real "
                                 "program."));
    const QString folder
        = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/ThreadLab/programs");
    if (!QDir().mkpath(folder))
        return Error(QObject::tr("Cannot make the folder %1 for the lesson's program.").arg(folder));
    const QString path = folder + u'/' + lesson + QStringLiteral(".py");
    QFile::remove(path);
    if (!QFile::copy(resource(lesson), path))
        return Error(QObject::tr("Cannot write %1.").arg(path));
    QFile::setPermissions(
        path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    ProgramTraceSettings settings;
    // Run from its folder by its file name: the command line reads as the tutorial's does.
    settings.command = QStringList { python(), lesson + QStringLiteral(".py") };
    settings.workingDirectory = folder;
    settings.lesson = lesson;
    settings.stdinFromNull = true;
    settings.captureOutput = true;
    return settings;
}

} // namespace threadlab
