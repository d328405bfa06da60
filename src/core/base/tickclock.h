#pragma once

#include "base/clock.h"

#include <QString>
#include <cstdint>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define THREADLAB_HAS_TSC 1
#endif

namespace threadlab {

// The recording hot path's clock. Where the processor's time-stamp counter is invariant and the
// kernel keeps CLOCK_MONOTONIC on it (its clocksource is "tsc": the kernel checked that every CPU's
// counter agrees), now() is one rdtsc: about half a steady_clock read. Elsewhere it is nowNs(). The
// consumer turns ticks into steady-clock nanoseconds when it drains them (Map), so every event in a
// trace, a file or a worker's frame is on the one clock of clock.h, and events of child processes,
// which read the same counter and calibrate the same way, line up with the parent's.
class TickClock
{
public:
    static int64_t now() noexcept
    {
#ifdef THREADLAB_HAS_TSC
        if (s_tsc) [[likely]]
            return int64_t(__rdtsc());
#endif
        return nowNs();
    }

    // Ticks to nanoseconds: a straight line through two moments at which both clocks were read,
    // this process's first and the latest (so the kernel's slewing of CLOCK_MONOTONIC is followed).
    struct Map
    {
        int64_t ticks = 0;
        int64_t ns = 0;
        double nsPerTick = 1.0;

        int64_t toNs(int64_t t) const noexcept { return ns + int64_t(double(t - ticks) * nsPerTick); }
    };
    // Reads both clocks now and returns the line through this and the first reading (the identity
    // without a TSC). A few hundred nanoseconds: for a consumer, once per drain.
    static Map map() noexcept;

    static bool usesTsc() noexcept
    {
        return s_tsc;
    }
    // Which clock the hot path reads, and why, for the summary and --version.
    static QString description();

private:
    static const bool s_tsc;
};

} // namespace threadlab
