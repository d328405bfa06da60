#pragma once

#include "base/state.h"

#include <QByteArray>
#include <QString>
#include <functional>
#include <optional>
#include <span>

namespace threadlab {

// What a traced program's blocked thread waits in, and the state it is drawn in: the system call
// it is blocked in (from /proc/TID/syscall, or the exact capture's raw_syscalls records), or, where that cannot be
// read, the kernel function it sleeps in (/proc/TID/wchan). The rules (README, "Tracing a program"):
//   futex                                          -> LockWait ("futex wait", with its address)
//   nanosleep, clock_nanosleep; select/poll on no file (a timeout only); pause -> Sleeping
//   poll, select, epoll_wait on files; read, recv… on a pipe, socket or file -> IoWait
//   wait4, waitid                                  -> JoinWait
//   uninterruptible sleep (D)                      -> IoWait
//   any other system call                          -> Sleeping, naming the call
struct KernelWait
{
    State state = State::Sleeping;
    QString call; // "futex wait at 0x7f…", "read on fd 3 (pipe)", "clock_nanosleep"
    QString rule; // "futex → lock wait (/proc syscall)"
    qint64 child = -1; // JoinWait: the process waited for (-1: any child, or not known)

    QString label() const { return call + QStringLiteral(" · rule: ") + rule; } // its object's name
    bool operator==(const KernelWait &other) const = default;
};

class KernelWaits
{
public:
    // One line of /proc/TID/syscall: the call's number and its six arguments. "running" (it ran
    // meanwhile) and unreadable lines give nothing.
    struct Syscall
    {
        long number = -1;
        uint64_t args[6] = {};
    };
    static std::optional<Syscall> parseSyscallLine(QByteArrayView line);

    // Where the system call was seen: in /proc/TID/syscall at a look, or in the raw_syscalls
    // tracepoints' records at the instant the thread left its CPU (exact capture). The rule says which.
    enum class Seen : uint8_t { AtLook, AtSwitch };
    // fdKind names what a file descriptor of the thread is ("pipe", "socket", "terminal", "file").
    static KernelWait fromSyscall(
        const Syscall &call, const std::function<QString(int fd)> &fdKind, Seen seen = Seen::AtLook);
    static KernelWait fromWchan(QByteArrayView wchan);
    static KernelWait uninterruptible();
    static KernelWait stopped(); // T: stopped by a signal or a debugger
    static QString syscallName(long number); // "futex"; "system call 123" for one without a rule
};

} // namespace threadlab
