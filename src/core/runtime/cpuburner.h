#pragma once

#include <cstdint>

namespace threadlab {

class StopToken;

// Calibrated computation: burn(ns) performs the amount of work that takes ns on one idle core of
// this machine. It is a fixed amount of work, not a wait on the clock, so two burns sharing one
// core take twice as long — which is what the lessons about CPU-bound work need to show.
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
    static uint64_t work(uint64_t iterations, uint64_t seed) noexcept;

private:
    double m_iterationsPerMs;
};

} // namespace threadlab
