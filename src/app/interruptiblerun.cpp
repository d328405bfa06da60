#include "interruptiblerun.h"

#include "clioptions.h"
#include "run.h"

#include <atomic>
#include <csignal>

namespace threadlab {

namespace {

std::atomic<bool> g_interrupted { false };

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
    while (!run.waitForFinished(50)) {
        run.collect();
        if (g_interrupted.load() && !stopped) {
            stopped = true;
            CliOptions::err(QStringLiteral("threadlab: interrupted, stopping the run…"));
            run.stop();
        }
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (interrupted)
        *interrupted = stopped;
    return run.takeRecording();
}

} // namespace threadlab
