#include "interruptiblerun.h"

#include "clioptions.h"
#include "run.h"

#include <atomic>
#include <csignal>
#include <cstdint>

namespace threadlab {

namespace {

std::atomic<bool> g_interrupted { false };
constexpr int64_t kCollectTimeNs = 5'000'000; // per turn of the loop below

void onInterrupt(int)
{
    g_interrupted.store(true);
}

} // namespace

std::shared_ptr<RecordedRun> InterruptibleRun::execute(Scenario scenario, bool *interrupted)
{
    g_interrupted.store(false);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    Run run(std::move(scenario));
    run.start();
    bool stopped = false;
    // A signal is seen within 10 ms: the handler only sets a flag, and each turn waits 5 ms and
    // collects for at most 5 ms. Once stopping, the turns do not wait: what the lanes still send is
    // taken while it arrives instead of all at the end.
    while (!run.waitForFinished(stopped ? 1 : 5)) {
        if (g_interrupted.load() && !stopped) {
            stopped = true;
            CliOptions::err(QStringLiteral("threadlab: interrupted, stopping the run…"));
            run.stop();
        }
        run.collect(kCollectTimeNs);
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (interrupted)
        *interrupted = stopped;
    return run.takeRecording();
}

} // namespace threadlab
