// What tracing a program costs it (issue: "a traced CPU-bound program runs within 5 % of its
// untraced wall time"): a CPU-bound program with two threads (threadlab-test-burn, a fixed amount of
// work each) run untraced and traced, alternately in the same benchmark so that the machine's
// noise hits both alike; counters untraced_ms, traced_ms and overhead_pct (the median of each).
#include "base/clock.h"
#include "benchmain.h"
#include "runtime/programs/programtrace.h"

#include <QCoreApplication>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <spawn.h>
#include <sys/wait.h>
#include <vector>

using namespace threadlab;

extern char **environ;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

double untracedMs()
{
    const char *argv[] = { THREADLAB_TEST_BURN, nullptr };
    const int64_t start = nowNs();
    pid_t pid = 0;
    if (::posix_spawn(&pid, THREADLAB_TEST_BURN, nullptr, nullptr, const_cast<char **>(argv), environ) != 0)
        qFatal("cannot start %s", THREADLAB_TEST_BURN);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return double(nowNs() - start) / 1e6;
}

double tracedMs(SchedMode mode)
{
    ProgramTraceSettings settings;
    settings.command = QStringList { QStringLiteral(THREADLAB_TEST_BURN) };
    settings.sched = mode;
    ProgramTrace trace(settings);
    trace.start();
    trace.waitForFinished();
    const auto recording = trace.takeRecording();
    const Trace &t = recording->trace;
    // The program's own wall time: its first lane's life.
    return t.lanes.empty() ? 0 : double(t.lanes[0].endNs - t.lanes[0].beginNs) / 1e6;
}

void tracingOverhead(benchmark::State &state, SchedMode mode)
{
    std::vector<double> untraced;
    std::vector<double> traced;
    for (auto _ : state) {
        untraced.push_back(untracedMs());
        traced.push_back(tracedMs(mode));
    }
    const double plain = median(untraced);
    const double watched = median(traced);
    state.counters["untraced_ms"] = plain;
    state.counters["traced_ms"] = watched;
    state.counters["overhead_pct"] = plain > 0 ? 100 * (watched - plain) / plain : 0;
}

} // namespace

BENCHMARK_CAPTURE(tracingOverhead, sched_off, SchedMode::Off)->Iterations(7)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(tracingOverhead, sched_sampled, SchedMode::Sampled)->Iterations(7)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(tracingOverhead, sched_auto, SchedMode::Auto)->Iterations(7)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return runBenchmarks(argc, argv);
}
