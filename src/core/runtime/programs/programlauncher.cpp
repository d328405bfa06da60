#include "runtime/programs/programlauncher.h"

#include "base/coretext.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace threadlab {

namespace {

// Plain C strings made before fork(): after it, the child may only make async-signal-safe calls.
struct CStrings
{
    explicit CStrings(const QStringList &strings)
    {
        for (const QString &s : strings)
            bytes.push_back(s.toLocal8Bit());
        for (QByteArray &b : bytes)
            pointers.push_back(b.data());
        pointers.push_back(nullptr);
    }
    std::vector<QByteArray> bytes;
    std::vector<char *> pointers;
};

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

QString ProgramLauncher::resolve(const QString &program, const QStringList &environment, QString &why)
{
    if (program.isEmpty()) {
        why = Text::tr("no program given");
        return {};
    }
    QString path = program;
    if (!program.contains(u'/')) {
        QStringList dirs;
        for (const QString &entry : environment) {
            if (entry.startsWith(QLatin1String("PATH=")))
                dirs = entry.mid(5).split(u':', Qt::SkipEmptyParts);
        }
        path = QStandardPaths::findExecutable(program, dirs);
        if (path.isEmpty()) {
            why = Text::tr("'%1': no such program (looked on PATH)").arg(program);
            return {};
        }
    }
    const QFileInfo info(path);
    if (!info.exists()) {
        why = Text::tr("'%1': no such file").arg(program);
        return {};
    }
    if (info.isDir() || !info.isExecutable()) {
        why = Text::tr("'%1': not an executable program").arg(program);
        return {};
    }
    return path;
}

Result<qint64> ProgramLauncher::launch(const Spec &spec, int *outputFd)
{
    if (outputFd)
        *outputFd = -1;
    QString why;
    // A relative path names a file in the folder the program runs in.
    QString program = spec.command.value(0);
    if (program.contains(u'/') && QDir::isRelativePath(program) && !spec.workingDirectory.isEmpty())
        program = QDir(spec.workingDirectory).filePath(program);
    const QString path = resolve(program, spec.environment, why);
    if (path.isEmpty())
        return Error(why);
    if (!spec.workingDirectory.isEmpty() && !QFileInfo(spec.workingDirectory).isDir())
        return Error(Text::tr("'%1': no such folder to run it in").arg(spec.workingDirectory));
    const QByteArray file = path.toLocal8Bit();
    const QByteArray directory = spec.workingDirectory.toLocal8Bit();
    CStrings argv(spec.command);
    CStrings envp(spec.environment);
    int report[2];
    if (::pipe2(report, O_CLOEXEC) != 0)
        return Error(Text::tr("cannot start '%1': %2").arg(spec.command.value(0), errnoText(errno)));
    int output[2] = { -1, -1 };
    int go[2] = { -1, -1 }; // closed by the parent once beforeExec is done: the child may exec
    if ((spec.captureOutput && ::pipe2(output, O_CLOEXEC) != 0) || (spec.beforeExec && ::pipe2(go, O_CLOEXEC) != 0)) {
        const int error = errno;
        for (int fd : { report[0], report[1], output[0], output[1] })
            if (fd >= 0)
                ::close(fd);
        return Error(Text::tr("cannot start '%1': %2").arg(spec.command.value(0), errnoText(error)));
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int error = errno;
        for (int fd : { report[0], report[1], output[0], output[1], go[0], go[1] })
            if (fd >= 0)
                ::close(fd);
        return Error(Text::tr("cannot start '%1': %2").arg(spec.command.value(0), errnoText(error)));
    }
    if (pid == 0) {
        // The child: its own process group, default signals, nothing of ThreadLab's left open.
        ::setpgid(0, 0);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        for (int sig : { SIGINT, SIGTERM, SIGPIPE, SIGCHLD, SIGHUP, SIGQUIT })
            ::signal(sig, SIG_DFL);
        int error = 0;
        if (!directory.isEmpty() && ::chdir(directory.constData()) != 0)
            error = errno;
        if (error == 0 && output[1] >= 0) {
            ::dup2(output[1], 1); // (dup2 leaves the copies open across exec)
            ::dup2(output[1], 2);
        }
        if (error == 0 && spec.stdinFromNull) {
            const int null = ::open("/dev/null", O_RDONLY);
            if (null >= 0 && null != 0) {
                ::dup2(null, 0);
                ::close(null);
            }
        }
        if (go[0] >= 0) {
            ::close(go[1]);
            char byte = 0;
            while (::read(go[0], &byte, 1) < 0 && errno == EINTR) { } // until the parent closes its end
        }
        if (error == 0) {
            ::syscall(SYS_close_range, 3u, ~0u, CLOSE_RANGE_CLOEXEC);
            ::execve(file.constData(), argv.pointers.data(), envp.pointers.data());
            error = errno;
        }
        [[maybe_unused]] const ssize_t written = ::write(report[1], &error, sizeof error);
        ::_exit(127);
    }
    ::setpgid(pid, pid); // also from here, so that the group exists before anyone signals it
    ::close(report[1]);
    if (go[0] >= 0) {
        ::close(go[0]);
        spec.beforeExec(qint64(pid));
        ::close(go[1]);
    }
    if (output[1] >= 0)
        ::close(output[1]);
    int error = 0;
    ssize_t got = 0;
    do
        got = ::read(report[0], &error, sizeof error);
    while (got < 0 && errno == EINTR);
    ::close(report[0]);
    if (got == sizeof error) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (output[0] >= 0)
            ::close(output[0]);
        return Error(Text::tr("cannot start '%1': %2").arg(spec.command.value(0), errnoText(error)));
    }
    if (output[0] >= 0) {
        ::fcntl(output[0], F_SETFL, ::fcntl(output[0], F_GETFL) | O_NONBLOCK);
        if (outputFd)
            *outputFd = output[0];
        else
            ::close(output[0]);
    }
    return qint64(pid);
}

std::optional<int> ProgramLauncher::reap(qint64 pid)
{
    int status = 0;
    const pid_t done = ::waitpid(pid_t(pid), &status, WNOHANG);
    if (done == pid_t(pid))
        return status;
    return std::nullopt;
}

void ProgramLauncher::signal(qint64 pid, int signal, bool reaped)
{
    ::kill(-pid_t(pid), signal);
    if (!reaped)
        ::kill(pid_t(pid), signal);
}

} // namespace threadlab
