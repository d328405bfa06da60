#include "runtime/cpuburner.h"

#include "base/clock.h"
#include "base/stoptoken.h"

#include <algorithm>
#include <atomic>
#include <ctime>

namespace threadlab {

namespace {
std::atomic<uint64_t> g_sink { 0 };
constexpr uint64_t kStopCheckIterations = 1 << 16; // ~0.1 ms: stop and the CPU clock are looked at between
constexpr int64_t kShortestPieceNs = 20'000; // (a look at the CPU clock costs ~0.3 µs)
} // namespace

CpuBurner::CpuBurner(double iterationsPerMs)
    : m_iterationsPerMs(std::max(1.0, iterationsPerMs))
{ }

uint64_t CpuBurner::work(uint64_t iterations, uint64_t seed) noexcept
{
    // xorshift: a serial dependency chain the compiler can neither vectorise nor fold away.
    uint64_t x = seed | 1;
    for (uint64_t i = 0; i < iterations; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    return x;
}

CpuBurner CpuBurner::calibrate()
{
    constexpr uint64_t kProbe = 1 << 18;
    double best = 0;
    for (int round = 0; round < 7; ++round) {
        const int64_t start = nowNs();
        g_sink.fetch_add(work(kProbe, uint64_t(start)), std::memory_order_relaxed);
        const int64_t elapsed = std::max<int64_t>(1, nowNs() - start);
        best = std::max(best, double(kProbe) * double(kNsPerMs) / double(elapsed));
    }
    return CpuBurner(best);
}

int64_t CpuBurner::iterationsFor(int64_t ns) const noexcept
{
    return static_cast<int64_t>(double(ns) / double(kNsPerMs) * m_iterationsPerMs);
}

int64_t CpuBurner::threadCpuNs() noexcept
{
    timespec now {};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return int64_t(now.tv_sec) * 1000 * kNsPerMs + now.tv_nsec;
}

bool CpuBurner::burn(int64_t ns, const StopToken &stop) const
{
    const int64_t until = threadCpuNs() + ns;
    uint64_t x = uint64_t(ns);
    for (int64_t left = ns; left > 0; left = until - threadCpuNs()) {
        if (stop.stopRequested())
            return false;
        // The work the CPU time left takes at the calibrated rate, in pieces: the last ones shrink,
        // so that the burn ends within a few microseconds of its CPU time.
        const auto piece = uint64_t(std::max<int64_t>(1, iterationsFor(std::max(left, kShortestPieceNs))));
        x = work(std::min(piece, kStopCheckIterations), x);
    }
    g_sink.fetch_add(x, std::memory_order_relaxed);
    return true;
}

} // namespace threadlab
