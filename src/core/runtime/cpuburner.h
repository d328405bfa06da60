#pragma once

#include <cstdint>

namespace threadlab {

class StopToken;

// CPU-bound work: burn(ns) computes until its thread has had ns of CPU time (the thread's own CPU
// clock, CLOCK_THREAD_CPUTIME_ID), so two burns sharing one core take twice as long, and a burn
// that is preempted takes longer on the wall, never less work — which is what the lessons about
// CPU-bound work need to show. The calibration sizes the pieces between looks at that clock.
class CpuBurner
{
public:
    explicit CpuBurner(double iterationsPerMs);

    // Measures this machine (best of a few short runs, so a busy moment does not shrink the work).
    static CpuBurner calibrate();

    double iterationsPerMs() const noexcept { return m_iterationsPerMs; }
    int64_t iterationsFor(int64_t ns) const noexcept;

    // Returns false if stopped before the work was done.
    bool burn(int64_t ns, const StopToken &stop) const;
    static int64_t threadCpuNs() noexcept; // CPU time this thread has had so far
    static uint64_t work(uint64_t iterations, uint64_t seed) noexcept;

private:
    double m_iterationsPerMs;
};

} // namespace threadlab
