#include "interruptiblerun.h"

#include "base/clock.h"
#include "clioptions.h"
#include "runtime/run.h"
#include "trace/outcome.h"

#include <atomic>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <unistd.h>

namespace threadlab {

namespace {

std::atomic<bool> g_interrupted { false };

void onInterrupt(int)
{
    g_interrupted.store(true);
}

// A line on a terminal's standard error that says the run is alive; nothing when it is not a terminal.
class ProgressLine
{
public:
    ProgressLine()
        : m_enabled(::isatty(STDERR_FILENO) == 1)
        , m_startNs(nowNs())
    { }
    ~ProgressLine() { clear(); }

    void update(const LiveRecording &run)
    {
        const int64_t now = nowNs();
        if (!m_enabled || now < m_nextNs)
            return;
        m_nextNs = now + 250'000'000;
        write(QStringLiteral("\r\x1b[K  running %1 s · %2 events · %3 lanes")
                  .arg(double(now - m_startNs) / 1e9, 0, 'f', 1)
                  .arg(Outcome::count(int64_t(run.recordedEvents())))
                  .arg(run.liveTrace().read()->lanes.size()));
        m_shown = true;
    }
    void clear()
    {
        if (m_shown)
            write(QStringLiteral("\r\x1b[K"));
        m_shown = false;
    }

private:
    static void write(const QString &text)
    {
        std::fputs(text.toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
    }

    bool m_enabled;
    bool m_shown = false;
    int64_t m_startNs;
    int64_t m_nextNs = 0;
};

} // namespace

std::shared_ptr<RecordedRun> InterruptibleRun::execute(Scenario scenario, SchedMode sched, bool *interrupted)
{
    RunSettings settings;
    settings.sched = sched;
    Run run(std::move(scenario), settings);
    return watch(run, interrupted);
}

std::shared_ptr<RecordedRun> InterruptibleRun::watch(LiveRecording &run, bool *interrupted)
{
    g_interrupted.store(false);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    run.start();
    bool stopped = false;
    ProgressLine progress;
    // A signal is seen within 5 ms: the handler only sets a flag, which each turn looks at. The run
    // builds its trace on a thread of its own meanwhile.
    while (!run.waitForFinished(5)) {
        if (g_interrupted.load() && !stopped) {
            stopped = true;
            progress.clear();
            CliOptions::err(QStringLiteral("threadlab: interrupted, stopping %1…").arg(run.title()));
            run.stop();
        }
        progress.update(run);
    }
    progress.clear();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (interrupted)
        *interrupted = stopped;
    return run.takeRecording();
}

} // namespace threadlab
