#include "runtime/programs/kernelwait.h"

#include "base/coretext.h"

#include <sys/syscall.h>

namespace threadlab {

namespace {

// The calls that the rules name, as this architecture numbers them. Some architectures lack some
// (arm64 has no select, poll, epoll_wait, nanosleep, accept or pause): those stand at kNone.
constexpr long kNone = -1000;
#ifdef SYS_select
constexpr long kSelect = SYS_select;
#else
constexpr long kSelect = kNone;
#endif
#ifdef SYS_poll
constexpr long kPoll = SYS_poll;
#else
constexpr long kPoll = kNone;
#endif
#ifdef SYS_epoll_wait
constexpr long kEpollWait = SYS_epoll_wait;
#else
constexpr long kEpollWait = kNone;
#endif
#ifdef SYS_epoll_pwait2
constexpr long kEpollPwait2 = SYS_epoll_pwait2;
#else
constexpr long kEpollPwait2 = kNone;
#endif
#ifdef SYS_nanosleep
constexpr long kNanosleep = SYS_nanosleep;
#else
constexpr long kNanosleep = kNone;
#endif
#ifdef SYS_futex_waitv
constexpr long kFutexWaitv = SYS_futex_waitv;
#else
constexpr long kFutexWaitv = kNone;
#endif
#ifdef SYS_accept
constexpr long kAccept = SYS_accept;
#else
constexpr long kAccept = kNone;
#endif
#ifdef SYS_pause
constexpr long kPause = SYS_pause;
#else
constexpr long kPause = kNone;
#endif

struct CallName
{
    long number;
    const char *name;
};

constexpr CallName kCalls[] = {
    { SYS_futex, "futex" },
    { kFutexWaitv, "futex_waitv" },
    { kNanosleep, "nanosleep" },
    { SYS_clock_nanosleep, "clock_nanosleep" },
    { kSelect, "select" },
    { SYS_pselect6, "pselect6" },
    { kPoll, "poll" },
    { SYS_ppoll, "ppoll" },
    { kEpollWait, "epoll_wait" },
    { SYS_epoll_pwait, "epoll_pwait" },
    { kEpollPwait2, "epoll_pwait2" },
    { SYS_read, "read" },
    { SYS_readv, "readv" },
    { SYS_pread64, "pread64" },
    { SYS_recvfrom, "recvfrom" },
    { SYS_recvmsg, "recvmsg" },
    { SYS_recvmmsg, "recvmmsg" },
    { SYS_write, "write" },
    { SYS_writev, "writev" },
    { SYS_sendto, "sendto" },
    { SYS_sendmsg, "sendmsg" },
    { SYS_accept4, "accept4" },
    { kAccept, "accept" },
    { SYS_connect, "connect" },
    { SYS_wait4, "wait4" },
    { SYS_waitid, "waitid" },
    { kPause, "pause" },
    { SYS_rt_sigsuspend, "rt_sigsuspend" },
    { SYS_rt_sigtimedwait, "rt_sigtimedwait" },
    { SYS_flock, "flock" },
};

bool isOneOf(long number, std::initializer_list<long> numbers)
{
    return number != kNone && std::find(numbers.begin(), numbers.end(), number) != numbers.end();
}

KernelWait wait(State state, QString call, const QString &rule, KernelWaits::Seen seen)
{
    return KernelWait { state, std::move(call),
        rule
            + (seen == KernelWaits::Seen::AtSwitch ? Text::tr(" (raw_syscalls, at the switch)")
                                                   : Text::tr(" (/proc syscall)")) };
}

} // namespace

QString KernelWaits::syscallName(long number)
{
    for (const CallName &call : kCalls) {
        if (call.number == number)
            return QLatin1String(call.name);
    }
    return Text::tr("system call %1").arg(number);
}

std::optional<KernelWaits::Syscall> KernelWaits::parseSyscallLine(QByteArrayView line)
{
    // "202 0x5635746f6e10 0x189 0x0 0x0 0x0 0xffffffff 0x7f67…(sp) 0x7f67…(pc)"; "running"; "-1 sp pc"
    const QList<QByteArray> words = line.trimmed().toByteArray().split(' ');
    bool ok = false;
    Syscall call;
    call.number = words.value(0).toLong(&ok);
    if (!ok || call.number < 0 || words.size() < 7)
        return std::nullopt;
    for (int i = 0; i < 6; ++i) {
        call.args[i] = words[i + 1].startsWith("0x") ? words[i + 1].mid(2).toULongLong(&ok, 16) : 0;
        if (!ok)
            return std::nullopt;
    }
    return call;
}

KernelWait KernelWaits::fromSyscall(const Syscall &call, const std::function<QString(int fd)> &fdKind, Seen seen)
{
    const long n = call.number;
    const QString name = syscallName(n);
    auto onFd = [&](int fd) {
        const QString kind = fdKind ? fdKind(fd) : QString();
        return kind.isEmpty() ? Text::tr("%1 on fd %2").arg(name).arg(fd)
                              : Text::tr("%1 on fd %2 (%3)").arg(name).arg(fd).arg(kind);
    };
    if (isOneOf(n, { SYS_futex, kFutexWaitv }))
        return wait(State::LockWait, Text::tr("futex wait at 0x%1").arg(call.args[0], 0, 16),
            Text::tr("futex → lock wait"), seen);
    if (isOneOf(n, { kNanosleep, SYS_clock_nanosleep }))
        return wait(State::Sleeping, name, Text::tr("a sleep → sleeping"), seen);
    if (isOneOf(n, { kSelect, SYS_pselect6 }))
        return call.args[0] == 0
            ? wait(State::Sleeping, name, Text::tr("select on no file, a timeout only → sleeping"), seen)
            : wait(State::IoWait, Text::tr("%1 on %2 files").arg(name).arg(call.args[0]),
                Text::tr("select on files → I/O"), seen);
    if (isOneOf(n, { kPoll, SYS_ppoll }))
        return call.args[1] == 0
            ? wait(State::Sleeping, name, Text::tr("poll on no file, a timeout only → sleeping"), seen)
            : wait(State::IoWait, Text::tr("%1 on %2 files").arg(name).arg(call.args[1]),
                Text::tr("poll on files → I/O"), seen);
    if (isOneOf(n, { kEpollWait, SYS_epoll_pwait, kEpollPwait2 }))
        return wait(State::IoWait, name, Text::tr("epoll_wait → I/O"), seen);
    if (isOneOf(n, { SYS_read, SYS_readv, SYS_pread64, SYS_recvfrom, SYS_recvmsg, SYS_recvmmsg }))
        return wait(State::IoWait, onFd(int(call.args[0])), Text::tr("a read or receive → I/O"), seen);
    if (isOneOf(n, { SYS_write, SYS_writev, SYS_sendto, SYS_sendmsg }))
        return wait(State::IoWait, onFd(int(call.args[0])), Text::tr("a write or send that must wait → I/O"), seen);
    if (isOneOf(n, { kAccept, SYS_accept4, SYS_connect }))
        return wait(State::IoWait, onFd(int(call.args[0])), Text::tr("accept or connect → I/O"), seen);
    if (isOneOf(n, { SYS_wait4, SYS_waitid })) {
        KernelWait join = wait(State::JoinWait, name, Text::tr("waiting for a child process → join"), seen);
        // wait4(pid, …); waitid(P_PID = 1, id, …)
        const auto pid = int64_t(n == SYS_wait4 ? int32_t(call.args[0])
                : call.args[0] == 1             ? int32_t(call.args[1])
                                                : -1);
        join.child = pid > 0 ? pid : -1;
        return join;
    }
    if (isOneOf(n, { kPause, SYS_rt_sigsuspend, SYS_rt_sigtimedwait }))
        return wait(State::Sleeping, name, Text::tr("waiting for a signal → sleeping"), seen);
    if (n == SYS_flock)
        return wait(State::LockWait, name, Text::tr("a file lock → lock wait"), seen);
    return wait(State::Sleeping, name, Text::tr("blocked in another system call → sleeping"), seen);
}

KernelWait KernelWaits::fromWchan(QByteArrayView wchan)
{
    const QString function
        = QString::fromLatin1(wchan.trimmed().first(std::min<qsizetype>(wchan.trimmed().size(), 64)));
    auto has = [&](std::initializer_list<const char *> parts) {
        return std::any_of(
            parts.begin(), parts.end(), [&](const char *part) { return function.contains(QLatin1String(part)); });
    };
    const QString rule = Text::tr(" (/proc wchan: the system call could not be read)");
    const QString call = function.isEmpty() || function == u"0" ? Text::tr("a kernel wait") : function;
    if (has({ "futex" }))
        return KernelWait { State::LockWait, Text::tr("futex wait (%1)").arg(call),
            Text::tr("futex → lock wait") + rule };
    if (has({ "do_wait", "kernel_wait" }))
        return KernelWait { State::JoinWait, call, Text::tr("waiting for a child process → join") + rule };
    if (has({ "pipe_", "unix_stream", "sk_wait", "wait_woken", "tcp_", "ep_poll", "do_select", "do_sys_poll",
            "poll_schedule", "tty_read", "skb_wait" }))
        return KernelWait { State::IoWait, call, Text::tr("a pipe, socket or poll → I/O") + rule };
    if (has({ "nanosleep", "hrtimer", "schedule_timeout" }))
        return KernelWait { State::Sleeping, call, Text::tr("a sleep → sleeping") + rule };
    return KernelWait { State::Sleeping, call, Text::tr("blocked in the kernel → sleeping") + rule };
}

KernelWait KernelWaits::uninterruptible()
{
    return KernelWait { State::IoWait, Text::tr("uninterruptible sleep (D)"),
        Text::tr("uninterruptible: disk or device I/O → I/O (/proc stat)") };
}

KernelWait KernelWaits::stopped()
{
    return KernelWait { State::Sleeping, Text::tr("stopped (T)"),
        Text::tr("stopped by a signal or a debugger → sleeping (/proc stat)") };
}

} // namespace threadlab
