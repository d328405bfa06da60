#include "runtime/cpuburner.h"

#include "base/clock.h"
#include "base/stoptoken.h"

#include <algorithm>
#include <atomic>

namespace threadlab {

namespace {
std::atomic<uint64_t> g_sink { 0 };
constexpr uint64_t kStopCheckIterations = 1 << 16;
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

bool CpuBurner::burn(int64_t ns, const StopToken &stop) const
{
    int64_t left = iterationsFor(ns);
    uint64_t x = uint64_t(ns);
    while (left > 0) {
        if (stop.stopRequested())
            return false;
        const uint64_t chunk = std::min<uint64_t>(uint64_t(left), kStopCheckIterations);
        x = work(chunk, x);
        left -= int64_t(chunk);
    }
    g_sink.fetch_add(x, std::memory_order_relaxed);
    return true;
}

} // namespace threadlab
