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
    // A signal is seen within 10 ms (the handler only sets a flag); collect() takes at most 20 ms.
    while (!run.waitForFinished(10)) {
        if (g_interrupted.load() && !stopped) {
            stopped = true;
            CliOptions::err(QStringLiteral("threadlab: interrupted, stopping the run…"));
            run.stop();
        }
        run.collect();
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (interrupted)
        *interrupted = stopped;
    return run.takeRecording();
}

} // namespace threadlab
