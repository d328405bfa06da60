#pragma once

#include <chrono>
#include <cmath>
#include <cstdint>

namespace threadlab {

// One monotonic clock for every lane of every process on the machine (CLOCK_MONOTONIC through
// steady_clock), so events recorded in child processes line up with the parent's without correction.
inline int64_t nowNs() noexcept
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// A time read from a file (a steady-clock time, or an amount of time) is at most this: 36 years of
// uptime. Past it the file is damaged, and any difference of two such times fits in an int64.
// -1 stands for "not set" where a time may be missing.
constexpr int64_t kLatestTimeNs = int64_t(1) << 60;
constexpr bool isPlausibleTime(int64_t ns) noexcept
{
    return ns >= -1 && ns <= kLatestTimeNs;
}

constexpr int64_t kNsPerMs = 1'000'000;
constexpr int64_t kNsPerUs = 1'000;

inline double nsToMs(int64_t ns) noexcept
{
    return static_cast<double>(ns) / static_cast<double>(kNsPerMs);
}

// Milliseconds to the microsecond, as summaries print them.
inline double roundedMs(double ms) noexcept
{
    return std::round(ms * 1000.0) / 1000.0;
}

} // namespace threadlab
