#pragma once

#include <chrono>
#include <cstdint>

namespace threadlab {

// One monotonic clock for every lane of every process on the machine (CLOCK_MONOTONIC through
// steady_clock), so events recorded in child processes line up with the parent's without correction.
inline int64_t nowNs() noexcept
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

constexpr int64_t kNsPerMs = 1'000'000;
constexpr int64_t kNsPerUs = 1'000;

inline double nsToMs(int64_t ns) noexcept
{
    return static_cast<double>(ns) / static_cast<double>(kNsPerMs);
}

} // namespace threadlab
