#include "runtime/procschedsampler.h"

#include "base/clock.h"
#include "base/coretext.h"
#include "base/recorder.h"
#include "runtime/procfiles.h"
#include "trace/schedmodel.h"
#include "trace/trace.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace threadlab {

namespace {

qint64 statusCount(const QByteArray &status, const char *key)
{
    const qsizetype at = status.indexOf(key);
    if (at < 0)
        return -1;
    const qsizetype end = status.indexOf('\n', at);
    return status.mid(at + qsizetype(std::strlen(key)), end - at - qsizetype(std::strlen(key))).trimmed().toLongLong();
}

int cpuCount()
{
    return int(std::max(1L, ::sysconf(_SC_NPROCESSORS_CONF)));
}

} // namespace

ProcSchedSampler::ProcSchedSampler(const Recorder &recorder, int hz)
    : m_recorder(recorder)
    , m_periodNs(1'000'000'000 / std::max(1, hz))
{
    m_info.source = SchedSource::Sampled;
    m_info.cpuCount = cpuCount();
    m_info.reason = Text::tr("sampling /proc at %1 kHz, as asked (--sched sampled)").arg(hz / 1000.0);
    m_samples.reserve(64 * 1024);
    m_thread.start(
        [this] {
            lookForNewLanes();
            // While every thread is quiet (asleep or blocked), the sampler need not wake every
            // millisecond: it rests, looking every 10 ms until one moves.
            const bool allQuiet = lookAtAll(false);
            return std::chrono::nanoseconds(allQuiet ? kQuietEvery * m_periodNs : m_periodNs);
        },
        [this] {
            lookAtAll(true); // a last look with the counts, so that each thread's switches run to the end
            timespec own {};
            ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &own);
            m_ownCpuNs = int64_t(own.tv_sec) * 1'000'000'000 + own.tv_nsec;
        });
}

ProcSchedSampler::~ProcSchedSampler()
{
    stop();
}

ProcSchedSampler::ThreadFiles::~ThreadFiles()
{
    for (int fd : { schedstat, stat })
        if (fd >= 0)
            ::close(fd);
}

bool ProcSchedSampler::ThreadFiles::open(qint64 pid, qint64 tid)
{
    char path[96];
    std::snprintf(path, sizeof path, "/proc/%lld/task/%lld/schedstat", qlonglong(pid), qlonglong(tid));
    schedstat = ::open(path, O_RDONLY | O_CLOEXEC);
    std::snprintf(path, sizeof path, "/proc/%lld/task/%lld/stat", qlonglong(pid), qlonglong(tid));
    stat = ::open(path, O_RDONLY | O_CLOEXEC);
    this->pid = pid;
    this->tid = tid;
    return schedstat >= 0 && stat >= 0;
}

bool ProcSchedSampler::ThreadFiles::sample(bool withCpu, bool withSwitches, ThreadSample &out)
{
    // The files stay open: each look is a read from their start, which /proc answers afresh.
    // schedstat ("on-CPU-ns wait-ns slices") is cheap and read every time; stat, which the kernel
    // takes longer to write, only for the CPU number now and then.
    char buffer[1024];
    const ssize_t totalsSize = ::pread(schedstat, buffer, sizeof buffer - 1, 0);
    if (totalsSize <= 0)
        return false;
    buffer[totalsSize] = 0;
    char *end = nullptr;
    out.onCpuNs = std::strtoull(buffer, &end, 10);
    out.waitNs = std::strtoull(end, nullptr, 10);
    if (withCpu || cpu < 0) {
        const ssize_t statSize = ::pread(stat, buffer, sizeof buffer - 1, 0);
        if (statSize <= 0)
            return false;
        buffer[statSize] = 0;
        cpu = int32_t(ProcFiles::statField(buffer, size_t(statSize), 39));
    }
    out.tid = int32_t(tid);
    out.cpu = cpu;
    out.voluntary = out.involuntary = -1;
    if (withSwitches) {
        char path[96];
        std::snprintf(path, sizeof path, "/proc/%lld/task/%lld/status", qlonglong(pid), qlonglong(tid));
        const QByteArray status = ProcFiles::read(path);
        out.voluntary = statusCount(status, "voluntary_ctxt_switches:");
        out.involuntary = statusCount(status, "nonvoluntary_ctxt_switches:");
    }
    return true;
}

void ProcSchedSampler::lookForNewLanes()
{
    if (m_recorder.laneCount() == int(m_lanesSeen))
        return;
    const QList<LaneInfo> lanes = m_recorder.lanes();
    for (; m_lanesSeen < size_t(lanes.size()); ++m_lanesSeen) {
        const LaneInfo &lane = lanes[qsizetype(m_lanesSeen)];
        m_threads.resize(std::max<size_t>(m_threads.size(), lane.id + 1));
        auto files = std::make_unique<ThreadFiles>();
        if (lane.tid > 0 && lane.pid > 0 && files->open(lane.pid, lane.tid))
            m_threads[lane.id] = std::move(files);
    }
}

bool ProcSchedSampler::lookAtAll(bool last)
{
    constexpr int kSwitchesEvery = 500; // counts are compared first to last: a thread that ends loses at most 0.5 s
    constexpr int kCpuEvery = 10; // which CPU a thread is on changes far less often than every 1 ms
    // Ticks are counted in periods, also those skipped while all threads were quiet.
    const int64_t tick = m_tick;
    m_tick += m_allQuiet ? kQuietEvery : 1;
    bool allQuiet = true;
    const std::lock_guard samples(m_samplesMutex);
    for (const std::unique_ptr<ThreadFiles> &files : m_threads) {
        if (!files || files->gone)
            continue;
        if (files->quiet && !last && !m_allQuiet && tick % kQuietEvery != 0)
            continue;
        ThreadSample sample;
        sample.timeNs = nowNs();
        const bool withSwitches = last || files->samples == 0 || tick % kSwitchesEvery == 0;
        if (!files->sample(last || tick % kCpuEvery == 0, withSwitches, sample)) {
            files->gone = true; // the thread ended: its last sample stands
            continue;
        }
        // The kernel brings a running thread's totals up to date at its ticks (every 1–4 ms; 10 ms
        // on some kernels): only after several unchanged looks in a row is the thread taken as
        // asleep or blocked.
        const bool unchanged
            = files->samples > 0 && sample.onCpuNs == files->lastOnCpuNs && sample.waitNs == files->lastWaitNs;
        files->unchangedLooks = unchanged ? files->unchangedLooks + 1 : 0;
        files->quiet = files->unchangedLooks >= kQuietAfterLooks;
        allQuiet = allQuiet && files->quiet;
        files->lastOnCpuNs = sample.onCpuNs;
        files->lastWaitNs = sample.waitNs;
        ++files->samples;
        if (m_samples.size() < kMaxSamples)
            m_samples.push_back(sample);
        else
            ++m_info.lost;
    }
    m_allQuiet = allQuiet;
    return allQuiet;
}

void ProcSchedSampler::stop()
{
    m_thread.stop();
}

void ProcSchedSampler::snapshot(Trace &trace, int64_t)
{
    std::vector<ThreadSample> samples;
    {
        const std::lock_guard lock(m_samplesMutex); // the sampling thread counts lost samples under it too
        samples = m_samples;
        trace.sched = m_info;
    }
    SchedModel::applySamples(trace, samples, m_info.cpuCount);
}

void ProcSchedSampler::apply(Trace &trace, int64_t)
{
    stop();
    trace.sched = m_info;
    SchedModel::applySamples(trace, m_samples, m_info.cpuCount);
    SchedModel::refineSegments(trace);
    trace.sched.cpuCount = m_info.cpuCount;
}

} // namespace threadlab
