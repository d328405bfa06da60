#include "runtime/perfschedcapture.h"

#include "base/coretext.h"
#include "runtime/backgroundrelease.h"
#include "trace/schedmodel.h"
#include "trace/trace.h"

#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace threadlab {

namespace {

int paranoia();

// Where tracefs is mounted, mounting it when it is not and we may; empty (saying why) if nowhere.
QString tracefs(QString &why)
{
    const char *const places[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
    bool forbidden = false;
    for (const char *place : places) {
        if (QFileInfo::exists(QString::fromLatin1(place) + QStringLiteral("/events/sched/sched_switch/id")))
            return QString::fromLatin1(place);
        const QByteArray events = QByteArray(place) + "/events";
        forbidden = forbidden || (::access(events.constData(), F_OK) != 0 && errno == EACCES);
    }
    if (!forbidden && QFileInfo(QStringLiteral("/sys/kernel/tracing")).isDir()
        && ::mount("nodev", "/sys/kernel/tracing", "tracefs", 0, nullptr) == 0
        && QFileInfo::exists(QStringLiteral("/sys/kernel/tracing/events/sched/sched_switch/id")))
        return QStringLiteral("/sys/kernel/tracing");
    const int error = errno;
    why = forbidden || error == EPERM || error == EACCES
        ? Text::tr("exact capture needs root or CAP_PERFMON (perf_event_paranoid is %1)").arg(paranoia())
        : Text::tr("exact capture needs tracefs with the sched tracepoints, and this system has none (%1)")
              .arg(QString::fromLocal8Bit(std::strerror(error)));
    return {};
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(64 * 1024) : QByteArray();
}

int paranoia()
{
    return readAll(QStringLiteral("/proc/sys/kernel/perf_event_paranoid")).trimmed().toInt();
}

// pid -1: every task on the CPU; else that process, and (follow) every thread and process it
// starts, from its next exec on.
int openTracepoint(uint16_t id, int cpu, size_t watermarkBytes, pid_t pid = -1)
{
    perf_event_attr attr {};
    attr.size = sizeof attr;
    attr.type = PERF_TYPE_TRACEPOINT;
    attr.config = id;
    attr.sample_period = 1;
    attr.sample_type = PERF_SAMPLE_TID | PERF_SAMPLE_TIME | PERF_SAMPLE_CPU | PERF_SAMPLE_RAW;
    attr.disabled = 1;
    attr.use_clockid = 1;
    attr.clockid = CLOCK_MONOTONIC; // ThreadLab's clock (std::chrono::steady_clock)
    attr.watermark = 1;
    attr.wakeup_watermark = uint32_t(watermarkBytes);
    if (pid > 0) {
        attr.inherit = 1;
        attr.enable_on_exec = 1;
    }
    return int(::syscall(SYS_perf_event_open, &attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC));
}

template <typename T> T readAt(const char *data, size_t size, PerfSchedCapture::Field field)
{
    if (field.offset < 0 || size_t(field.offset) + size_t(field.size) > size)
        return T {};
    switch (field.size) {
    case 8: {
        int64_t v = 0;
        std::memcpy(&v, data + field.offset, 8);
        return T(v);
    }
    case 4: {
        int32_t v = 0;
        std::memcpy(&v, data + field.offset, 4);
        return T(v);
    }
    case 2: {
        int16_t v = 0;
        std::memcpy(&v, data + field.offset, 2);
        return T(v);
    }
    default:
        return T {};
    }
}

} // namespace

PerfSchedCapture::Field PerfSchedCapture::fieldOf(const QByteArray &format, const QByteArray &name)
{
    // "	field:pid_t prev_pid;	offset:24;	size:4;	signed:1;"
    for (const QByteArray &line : format.split('\n')) {
        const qsizetype semicolon = line.indexOf(';');
        const qsizetype field = line.indexOf("field:");
        if (field < 0 || semicolon < 0)
            continue;
        QByteArray declared = line.mid(field + 6, semicolon - field - 6).trimmed();
        if (const qsizetype bracket = declared.indexOf('['); bracket >= 0)
            declared.truncate(bracket);
        if (!declared.endsWith(QByteArray(' ' + name)))
            continue;
        const qsizetype offset = line.indexOf("offset:");
        const qsizetype size = line.indexOf("size:");
        if (offset < 0 || size < 0)
            return {};
        return Field { line.mid(offset + 7, line.indexOf(';', offset) - offset - 7).toInt(),
            line.mid(size + 5, line.indexOf(';', size) - size - 5).toInt() };
    }
    return {};
}

Result<std::unique_ptr<SchedCapture>> PerfSchedCapture::start()
{
    QString why;
    const QString root = tracefs(why);
    if (root.isEmpty())
        return Error(why);
    std::unique_ptr<PerfSchedCapture> capture(new PerfSchedCapture);
    auto tracepoint = [&root](const char *name, const char *a, const char *b, const char *c) -> Tracepoint {
        const QString dir = root + QStringLiteral("/events/") + QLatin1String(name);
        const QByteArray format = readAll(dir + QStringLiteral("/format"));
        Tracepoint point;
        point.id = uint16_t(readAll(dir + QStringLiteral("/id")).trimmed().toUInt());
        point.a = fieldOf(format, a);
        point.b = fieldOf(format, b);
        point.c = c ? fieldOf(format, c) : Field {};
        return point;
    };
    capture->m_switch = tracepoint("sched/sched_switch", "prev_pid", "prev_state", "next_pid");
    capture->m_wakeup = tracepoint("sched/sched_wakeup", "pid", "target_cpu", nullptr);
    capture->m_wakeupNew = tracepoint("sched/sched_wakeup_new", "pid", "target_cpu", nullptr);
    capture->m_migrate = tracepoint("sched/sched_migrate_task", "pid", "orig_cpu", "dest_cpu");
    // A program's system calls (followSyscalls()): optional.
    capture->m_sysEnter = tracepoint("raw_syscalls/sys_enter", "id", "args", nullptr);
    capture->m_sysExit = tracepoint("raw_syscalls/sys_exit", "id", "ret", nullptr);
    if (capture->m_migrate.a.offset < 0 || capture->m_migrate.b.offset < 0 || capture->m_migrate.c.offset < 0)
        capture->m_migrate.id = 0; // an unknown layout: migrations are then counted from the CPU slices
    if (capture->m_switch.id == 0 || capture->m_switch.a.offset < 0 || capture->m_switch.c.offset < 0
        || capture->m_wakeup.id == 0 || capture->m_wakeup.a.offset < 0)
        return Error(Text::tr("exact capture cannot read the sched tracepoints' formats in %1").arg(root));

    const long pageSize = ::sysconf(_SC_PAGESIZE);
    const int cpus = int(std::max(1L, ::sysconf(_SC_NPROCESSORS_CONF)));
    capture->m_info.source = SchedSource::Exact;
    capture->m_info.cpuCount = cpus;
    capture->m_info.reason = Text::tr("the kernel's scheduler tracepoints, every switch");
    const size_t pages = ringPages(cpus, size_t(pageSize));
    for (int cpu = 0; cpu < cpus; ++cpu) {
        Ring ring;
        ring.cpu = cpu;
        for (const Tracepoint *point :
            { &capture->m_switch, &capture->m_wakeup, &capture->m_wakeupNew, &capture->m_migrate }) {
            if (point->id == 0)
                continue;
            const int fd = openTracepoint(point->id, cpu, size_t(pageSize) * pages / 4);
            if (fd < 0) {
                const int error = errno;
                for (int open : ring.fds)
                    ::close(open);
                if (error == ENODEV && cpu > 0)
                    break; // an offline CPU
                if (error == EACCES || error == EPERM)
                    return Error(Text::tr("exact capture needs root or CAP_PERFMON (perf_event_paranoid is %1)")
                                     .arg(paranoia()));
                return Error(Text::tr("exact capture cannot open the sched tracepoints: %1")
                                 .arg(QString::fromLocal8Bit(std::strerror(error))));
            }
            if (!ring.fds.empty() && ::ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, ring.fds.front()) != 0) {
                ::close(fd);
                continue;
            }
            ring.fds.push_back(fd);
            if (ring.fds.size() > 1)
                continue;
            // The largest ring the kernel grants (perf_event_mlock_kb bounds an unprivileged user's).
            int mapError = 0;
            for (size_t tried = pages; tried >= kMinRingPages && !ring.base; tried /= 2) {
                const size_t bytes = size_t(pageSize) * (1 + tried);
                void *base = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
                if (base == MAP_FAILED) {
                    mapError = errno;
                    continue;
                }
                ring.base = static_cast<char *>(base);
                ring.bytes = bytes;
                ring.pages = tried;
            }
            if (!ring.base) {
                ::close(fd);
                return Error(Text::tr("exact capture cannot map its ring buffer: %1")
                                 .arg(QString::fromLocal8Bit(std::strerror(mapError))));
            }
        }
        if (!ring.fds.empty())
            capture->m_rings.push_back(std::move(ring));
    }
    capture->m_records.reserve(64 * 1024);
    for (const Ring &ring : capture->m_rings)
        for (int fd : ring.fds)
            ::ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
    PerfSchedCapture *raw = capture.get();
    capture->m_thread.start(
        std::chrono::milliseconds(kDrainPeriodMs), [raw] { raw->drainAll(); },
        [raw] {
            for (Ring &ring : raw->m_rings) {
                for (int fd : ring.fds)
                    ::ioctl(fd, PERF_EVENT_IOC_DISABLE, 0);
            }
            {
                const std::lock_guard follow(raw->m_followMutex);
                for (int fd : raw->m_followFds)
                    ::ioctl(fd, PERF_EVENT_IOC_DISABLE, 0);
            }
            raw->drainAll();
        });
    // When the system switches threads faster than a CPU's ring drains (ThreadLab's drain then
    // waits for a CPU like every other thread), the kernel drops records: the drain goes first
    // where it may (root or CAP_SYS_NICE), as perf record -r does.
    capture->m_thread.runBeforeOtherWork();
    return std::unique_ptr<SchedCapture>(std::move(capture));
}

size_t PerfSchedCapture::ringPages(int cpus, size_t pageSize)
{
    size_t pages = kMaxRingPages; // a power of two, as the kernel wants
    while (pages > kMinRingPages && size_t(std::max(1, cpus)) * pages * pageSize > kRingBudgetBytes)
        pages /= 2;
    return pages;
}

PerfSchedCapture::~PerfSchedCapture()
{
    stop();
    // Closing a tracepoint's last event waits for a grace period (seconds under a switch storm):
    // off this thread, which may be the window's.
    BackgroundRelease::shared().post([follow = std::move(m_followFds), rings = std::move(m_rings)] {
        for (int fd : follow)
            ::close(fd); // (before the rings they write into)
        for (const Ring &ring : rings) {
            if (ring.base)
                ::munmap(ring.base, ring.bytes);
            for (int fd : ring.fds)
                ::close(fd);
        }
    });
}

void PerfSchedCapture::drainAll()
{
    for (Ring &ring : m_rings)
        drain(ring);
}

void PerfSchedCapture::drain(Ring &ring)
{
    const std::lock_guard records(m_recordsMutex);
    auto *meta = reinterpret_cast<perf_event_mmap_page *>(ring.base);
    const size_t pageSize = size_t(::sysconf(_SC_PAGESIZE));
    char *data = ring.base + (meta->data_offset ? meta->data_offset : pageSize);
    const uint64_t size = meta->data_size ? meta->data_size : ring.bytes - pageSize;
    const uint64_t head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
    uint64_t tail = meta->data_tail;
    char record[4096];
    while (tail + sizeof(perf_event_header) <= head) {
        perf_event_header header;
        for (size_t i = 0; i < sizeof header; ++i)
            reinterpret_cast<char *>(&header)[i] = data[(tail + i) % size];
        if (header.size < sizeof header || tail + header.size > head)
            break;
        const size_t length = std::min<size_t>(header.size, sizeof record);
        for (size_t i = 0; i < length; ++i)
            record[i] = data[(tail + i) % size];
        if (header.type == PERF_RECORD_SAMPLE) {
            take(record + sizeof header, length - sizeof header);
        } else if (header.type == PERF_RECORD_LOST && length >= sizeof header + 16) {
            uint64_t lost = 0;
            std::memcpy(&lost, record + sizeof header + 8, 8);
            m_info.lost += lost;
        }
        tail += header.size;
    }
    __atomic_store_n(&meta->data_tail, tail, __ATOMIC_RELEASE);
}

void PerfSchedCapture::take(const char *sample, size_t size)
{
    // PERF_SAMPLE_TID | TIME | CPU | RAW: u32 pid, tid; u64 time; u32 cpu, reserved; u32 size; raw.
    if (size < 28)
        return;
    uint64_t time = 0;
    uint32_t cpu = 0;
    uint32_t rawSize = 0;
    std::memcpy(&time, sample + 8, 8);
    std::memcpy(&cpu, sample + 16, 4);
    std::memcpy(&rawSize, sample + 24, 4);
    const char *raw = sample + 28;
    rawSize = uint32_t(std::min<size_t>(rawSize, size - 28));
    if (rawSize < 2)
        return;
    uint16_t type = 0;
    std::memcpy(&type, raw, 2);
    if (type != 0 && (type == m_sysEnter.id || type == m_sysExit.id)) {
        SyscallRecord call;
        call.timeNs = int64_t(time);
        std::memcpy(&call.tid, sample + 4, 4);
        if (type == m_sysEnter.id) {
            call.call = int32_t(readAt<int64_t>(raw, rawSize, m_sysEnter.a));
            const Field args = m_sysEnter.b;
            call.args[0] = uint64_t(readAt<int64_t>(raw, rawSize, Field { args.offset, 8 }));
            call.args[1] = uint64_t(readAt<int64_t>(raw, rawSize, Field { args.offset + 8, 8 }));
            call.call = std::max(call.call, int32_t(0)); // (never -1: that marks a return)
        }
        if (m_syscalls.size() < kMaxSyscallRecords)
            m_syscalls.push_back(call);
        else
            m_syscallsUntilNs = std::min(m_syscallsUntilNs, call.timeNs);
        return;
    }
    SchedRecord record;
    record.timeNs = int64_t(time);
    record.cpu = int32_t(cpu);
    if (type == m_switch.id) {
        record.kind = SchedRecord::Kind::Switch;
        std::memcpy(&record.pid, sample, 4); // the sample's pid is the process of the thread leaving
        record.tid = readAt<int32_t>(raw, rawSize, m_switch.a);
        record.nextTid = readAt<int32_t>(raw, rawSize, m_switch.c);
        // prev_state: the low byte holds the task state bits; none set means still runnable
        // (preempted); X or Z (0x10, 0x20) means it exited.
        const int64_t state = readAt<int64_t>(raw, rawSize, m_switch.b);
        record.left = (state & 0xff) == 0 ? SchedRecord::Left::Preempted
            : (state & 0x30) != 0         ? SchedRecord::Left::Exited
                                          : SchedRecord::Left::Blocked;
    } else if (type == m_wakeup.id || type == m_wakeupNew.id) {
        const Tracepoint &point = type == m_wakeup.id ? m_wakeup : m_wakeupNew;
        record.kind = SchedRecord::Kind::Wakeup;
        record.tid = readAt<int32_t>(raw, rawSize, point.a);
        if (point.b.offset >= 0)
            record.cpu = readAt<int32_t>(raw, rawSize, point.b);
    } else if (m_migrate.id != 0 && type == m_migrate.id) {
        record.kind = SchedRecord::Kind::Migrate;
        record.tid = readAt<int32_t>(raw, rawSize, m_migrate.a);
        record.fromCpu = int16_t(readAt<int32_t>(raw, rawSize, m_migrate.b));
        record.cpu = readAt<int32_t>(raw, rawSize, m_migrate.c);
    } else {
        return;
    }
    if (m_records.size() < kMaxRecords)
        m_records.push_back(record);
    else
        ++m_info.lost;
}

void PerfSchedCapture::stop()
{
    m_thread.stop();
}

QString PerfSchedCapture::followSyscalls(qint64 pid)
{
    QString why = followSyscallsOf(pid);
    const std::lock_guard records(m_recordsMutex);
    m_info.reason += why.isEmpty()
        ? Text::tr("; what each blocked thread waited in, from its system call when it left its CPU (raw_syscalls)")
        : Text::tr("; what each blocked thread waited in, from /proc looks (%1)").arg(why);
    return why;
}

QString PerfSchedCapture::followSyscallsOf(qint64 pid)
{
    if (m_sysEnter.id == 0 || m_sysExit.id == 0 || m_sysEnter.a.offset < 0 || m_sysEnter.b.offset < 0
        || m_sysEnter.b.size < 16)
        return Text::tr("this kernel has no raw_syscalls tracepoints that ThreadLab can read");
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    std::vector<int> opened;
    for (const Ring &ring : m_rings) {
        for (const Tracepoint *point : { &m_sysEnter, &m_sysExit }) {
            const int fd = openTracepoint(point->id, ring.cpu, size_t(pageSize) * ring.pages / 4, pid_t(pid));
            const int error = errno;
            if (fd < 0 || ::ioctl(fd, PERF_EVENT_IOC_SET_OUTPUT, ring.fds.front()) != 0) {
                const QString why = QString::fromLocal8Bit(std::strerror(fd < 0 ? error : errno));
                if (fd >= 0)
                    ::close(fd);
                for (int open : opened)
                    ::close(open);
                return Text::tr("cannot follow the program's system calls: %1").arg(why);
            }
            opened.push_back(fd);
        }
    }
    const std::lock_guard follow(m_followMutex);
    m_followFds.insert(m_followFds.end(), opened.begin(), opened.end());
    return {};
}

void PerfSchedCapture::snapshot(Trace &trace, int64_t nowNs)
{
    std::vector<SchedRecord> records;
    {
        const std::lock_guard lock(m_recordsMutex); // the capture thread counts lost records under it too
        records = m_records;
        trace.sched = m_info;
    }
    SchedModel::applyExact(trace, records, m_info.cpuCount, nowNs);
}

void PerfSchedCapture::apply(Trace &trace, int64_t endNs)
{
    stop();
    trace.sched = m_info;
    SchedModel::applyExact(trace, m_records, m_info.cpuCount, endNs);
    SchedModel::refineSegments(trace);
    if (m_syscalls.empty() || !m_waitNamer)
        return;
    std::vector<std::vector<BlockedStretch>> blocked
        = SchedModel::blockedStretches(trace, m_records, m_syscalls, endNs);
    for (size_t lane = 0; lane < blocked.size(); ++lane) {
        // Past the first system call that did not fit, the call a thread was in is not known.
        std::erase_if(blocked[lane], [&](BlockedStretch &stretch) {
            return stretch.startNs >= m_syscallsUntilNs || !m_waitNamer(lane, stretch);
        });
    }
    SchedModel::applyBlockedStretches(trace, blocked);
}

} // namespace threadlab
