#pragma once

#include "runtime/periodicthread.h"
#include "runtime/schedcapture.h"
#include "trace/schedrecord.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace threadlab {

// The sampled capture: a thread that looks at every lane's thread through /proc at a fixed rate —
// the CPU it last ran on (stat) and the scheduler's running totals of time on a CPU and time
// waiting for one (schedstat), with the context switch counts (status) now and then. Totals are
// exact; where in an interval the thread ran or waited is not known. A thread that neither ran nor
// waited for several looks in a row (it sleeps or blocks) is looked at every 10 ms until it moves
// again; while all of them are quiet, the sampler itself wakes only every 10 ms.
class ProcSchedSampler : public SchedCapture
{
public:
    static constexpr size_t kMaxSamples = 8'000'000; // about 330 MB at most; later ones are counted as lost

    ProcSchedSampler(const Recorder &recorder, int hz);
    ~ProcSchedSampler() override;
    void setReason(const QString &reason) { m_info.reason = reason; }

    void stop() override;
    void apply(Trace &trace, int64_t endNs) override;
    void snapshot(Trace &trace, int64_t nowNs) override;
    int64_t ownCpuNs() const { return m_ownCpuNs; } // the sampling thread's CPU time, once stopped
    size_t sampleCount() const { return m_samples.size(); } // once stopped

private:
    // A lane's thread's /proc files, open for as long as it lives.
    struct ThreadFiles
    {
        ThreadFiles() = default;
        ThreadFiles(const ThreadFiles &) = delete;
        ThreadFiles &operator=(const ThreadFiles &) = delete;
        ~ThreadFiles();
        bool open(qint64 pid, qint64 tid);
        // One look; false if the thread is gone (or not ours to read).
        bool sample(bool withCpu, bool withSwitches, ThreadSample &out);

        int schedstat = -1;
        int stat = -1;
        qint64 pid = 0;
        qint64 tid = 0;
        int64_t samples = 0;
        int32_t cpu = -1; // as last read from stat
        uint64_t lastOnCpuNs = 0;
        uint64_t lastWaitNs = 0;
        int unchangedLooks = 0; // looks in a row at which it had neither run nor waited
        bool quiet = false; // unchanged for kQuietAfterLooks looks: asleep or blocked, looked at less often
        bool gone = false;
    };

    static constexpr int kQuietEvery = 10; // periods between looks at a thread that neither ran nor waited
    static constexpr int kQuietAfterLooks = 5; // unchanged looks in a row that make a thread quiet

    void lookForNewLanes();
    bool lookAtAll(bool last); // true when the sampler may rest: every thread is quiet

    const Recorder &m_recorder;
    const int64_t m_periodNs;
    std::vector<std::unique_ptr<ThreadFiles>> m_threads; // by lane id; the sampling thread's
    size_t m_lanesSeen = 0;
    int64_t m_tick = 0; // periods since the start
    bool m_allQuiet = false; // resting: the sampler waits kQuietEvery periods between looks
    std::mutex m_samplesMutex; // the sampling thread appends a round at a time; snapshot() copies
    std::vector<ThreadSample> m_samples;
    int64_t m_ownCpuNs = 0;
    PeriodicThread m_thread; // last member: stopped before the rest goes
};

} // namespace threadlab
