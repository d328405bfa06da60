#include "base/tickclock.h"

#include "base/coretext.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace threadlab {

namespace {

std::string firstLineOf(const char *path, const char *startingWith = "")
{
    std::string found;
    if (FILE *file = std::fopen(path, "re")) {
        char line[8192];
        while (std::fgets(line, sizeof line, file)) {
            if (std::strncmp(line, startingWith, std::strlen(startingWith)) == 0) {
                found = line;
                break;
            }
        }
        std::fclose(file);
    }
    while (!found.empty() && (found.back() == '\n' || found.back() == ' '))
        found.pop_back();
    return found;
}

bool hasFlag(const std::string &flags, const char *flag)
{
    return (' ' + flags + ' ').find(' ' + std::string(flag) + ' ') != std::string::npos;
}

// Why the hot path does not read the TSC here; empty: it does.
std::string whyNoTsc()
{
#ifndef THREADLAB_HAS_TSC
    return "this processor has no time-stamp counter ThreadLab can read";
#else
    if (const char *forced = std::getenv("THREADLAB_CLOCK"); forced && std::strcmp(forced, "monotonic") == 0)
        return "THREADLAB_CLOCK=monotonic";
    const std::string flags = firstLineOf("/proc/cpuinfo", "flags");
    if (!hasFlag(flags, "constant_tsc") || !hasFlag(flags, "nonstop_tsc"))
        return "the time-stamp counter is not invariant (no constant_tsc and nonstop_tsc in /proc/cpuinfo)";
    const std::string source = firstLineOf("/sys/devices/system/clocksource/clocksource0/current_clocksource");
    if (source != "tsc")
        return "the kernel keeps its clock on " + (source.empty() ? std::string("another source") : source)
            + ", not on the time-stamp counter";
    return {};
#endif
}

const std::string s_whyNoTsc = whyNoTsc();

struct Reading
{
    int64_t ticks = 0;
    int64_t ns = 0;
};

// Both clocks at one moment: the tightest of a few tick reads around a steady-clock read.
Reading readBoth() noexcept
{
    Reading best;
    int64_t narrowest = INT64_MAX;
    for (int i = 0; i < 5; ++i) {
        const int64_t before = TickClock::now();
        const int64_t ns = nowNs();
        const int64_t after = TickClock::now();
        if (after - before < narrowest) {
            narrowest = after - before;
            best = Reading { before + (after - before) / 2, ns };
        }
    }
    return best;
}

struct FirstReading
{
    Reading at;
    double nsPerTick = 1.0; // until a later reading is far enough from the first
};

FirstReading firstReading() noexcept
{
    FirstReading first;
    first.at = readBoth();
    if (s_whyNoTsc.empty()) {
        // A rough rate for the first moments of the process (a drain 100 µs after it started):
        // the counter's ticks over 200 µs of the steady clock.
        Reading later = readBoth();
        while (later.ns - first.at.ns < 200'000)
            later = readBoth();
        first.nsPerTick = double(later.ns - first.at.ns) / double(std::max<int64_t>(1, later.ticks - first.at.ticks));
    }
    return first;
}

} // namespace

const bool TickClock::s_tsc = s_whyNoTsc.empty();

namespace {
const FirstReading s_first = firstReading(); // (after s_tsc: same file, so initialised in this order)
} // namespace

TickClock::Map TickClock::map() noexcept
{
    if (!s_tsc)
        return Map { 0, 0, 1.0 };
    const Reading now = readBoth();
    Map line { s_first.at.ticks, s_first.at.ns, s_first.nsPerTick };
    // Far enough apart that the readings' own spread (tens of ns) is a small part of the interval.
    if (now.ns - s_first.at.ns > 1'000'000 && now.ticks > s_first.at.ticks)
        line.nsPerTick = double(now.ns - s_first.at.ns) / double(now.ticks - s_first.at.ticks);
    return line;
}

QString TickClock::description()
{
    return s_tsc ? Text::tr("the time-stamp counter (invariant; the kernel's clocksource), on CLOCK_MONOTONIC")
                 : Text::tr("CLOCK_MONOTONIC (%1)").arg(QString::fromStdString(s_whyNoTsc));
}

} // namespace threadlab
