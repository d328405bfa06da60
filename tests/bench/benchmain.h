#pragma once

#include <benchmark/benchmark.h>

// The end of every benchmark's main(), once its Qt application exists: Google Benchmark takes its
// flags (a flag it does not know is an error, not ignored) and runs what they select.
inline int runBenchmarks(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
