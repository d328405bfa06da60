#include "runtime/tracecollector.h"

#include "base/clock.h"
#include "base/coretext.h"
#include "trace/schedmodel.h"

namespace threadlab {

TraceCollector::TraceCollector(Recorder &recorder, RunLog &log, const StopToken &stop)
    : m_recorder(recorder)
    , m_log(log)
    , m_stop(stop)
    , m_builder(m_trace)
{ }

TraceCollector::~TraceCollector()
{
    join();
}

void TraceCollector::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

void TraceCollector::start(const Scenario &scenario, int64_t originNs, uint64_t budget, Hooks hooks)
{
    m_hooks = std::move(hooks);
    m_budget = budget;
    m_builder.start(scenario, originNs);
    m_builder.setRecordBudget(budget);
    m_thread = std::thread([this] { loop(); });
}

void TraceCollector::setSched(std::unique_ptr<SchedCapture> capture)
{
    std::lock_guard lock(m_schedMutex);
    m_sched = std::move(capture);
}

void TraceCollector::stopSched()
{
    std::lock_guard lock(m_schedMutex);
    if (m_sched)
        m_sched->stop();
}

void TraceCollector::lanesEnded()
{
    {
        std::lock_guard lock(m_finishedMutex);
        m_lanesEnded.store(true);
    }
    m_finishedChanged.notify_all();
}

bool TraceCollector::waitForFinished(int timeoutMs)
{
    if (!m_thread.joinable() && !m_finished.load())
        return false;
    std::unique_lock lock(m_finishedMutex);
    auto finished = [this] { return m_finished.load(); };
    if (timeoutMs < 0)
        m_finishedChanged.wait(lock, finished);
    else if (!m_finishedChanged.wait_for(lock, std::chrono::milliseconds(timeoutMs), finished))
        return false;
    return true;
}

Trace TraceCollector::takeTrace()
{
    waitForFinished();
    std::lock_guard lock(m_traceLock);
    Trace taken = std::move(m_trace);
    m_trace = Trace {};
    return taken;
}

void TraceCollector::loop()
{
    // Every few milliseconds, or as soon as the lanes end, the collector takes all that has been
    // recorded. Lanes that record faster than the trace grows keep it busy: the recorder then drops
    // events and counts them, and a reader still waits for one batch at most.
    // An abandoned recording's trace is read by nobody: the collector stops building it and only
    // waits for the lanes to end.
    int64_t nextSnapshotNs = nowNs() + kSchedSnapshotNs;
    for (;;) {
        const bool lanesEnded = m_lanesEnded.load(); // read first: what they recorded before is all there
        while (!m_stop.abandoned() && collectBatch() == kCollectBatch) { }
        if (!m_stop.abandoned() && m_hooks.eachPass) {
            std::lock_guard lock(m_traceLock);
            m_hooks.eachPass(m_trace, nowNs() - kSchedSettledNs);
        }
        if (!lanesEnded && !m_stop.abandoned() && nowNs() >= nextSnapshotNs) {
            // A snapshot rebuilds from everything captured so far: as a recording grows long, they
            // come less often, so that they never take more than a fifth of the collector's time.
            const int64_t started = nowNs();
            showSchedSoFar();
            const int64_t took = nowNs() - started;
            nextSnapshotNs = nowNs() + std::max(kSchedSnapshotNs, 4 * took);
        }
        if (lanesEnded) {
            if (!m_stop.abandoned())
                complete();
            break;
        }
        std::unique_lock lock(m_finishedMutex);
        m_finishedChanged.wait_for(
            lock, std::chrono::milliseconds(kCollectPeriodMs), [this] { return m_lanesEnded.load(); });
    }
    {
        std::lock_guard lock(m_finishedMutex);
        m_finished.store(true);
    }
    m_finishedChanged.notify_all();
}

size_t TraceCollector::collectBatch()
{
    m_traceLock.letReadersFirst(); // a frame waits for one batch at most
    std::lock_guard lock(m_traceLock);
    if (m_hooks.beforeBatch)
        m_hooks.beforeBatch(m_trace);
    const size_t taken = m_recorder.drain([this](const LaneInfo &info) { m_builder.addLane(info); },
        [this](const Event *events, size_t count) { m_builder.addEvents(events, count); }, kCollectBatch);
    m_dropped.store(m_builder.dropped());
    if (m_builder.budgetReachedNs() >= 0 && !m_budgetReported) {
        m_budgetReported = true;
        m_log.addError(Text::tr("the trace reached its memory budget of %1 records at %2 s: later events "
                                "are counted as dropped, and the chart ends there")
                           .arg(m_budget)
                           .arg(double(m_builder.budgetReachedNs() - m_trace.originNs) / 1e9, 0, 'f', 3));
    }
    return taken;
}

void TraceCollector::showSchedSoFar()
{
    // Built aside from the lanes' thread ids, then swapped in: the trace's lock is held only to
    // copy those and to swap.
    std::lock_guard capture(m_schedMutex);
    if (!m_sched)
        return;
    Trace scratch;
    {
        std::lock_guard lock(m_traceLock);
        scratch.lanes.resize(m_trace.lanes.size());
        for (size_t i = 0; i < m_trace.lanes.size(); ++i)
            scratch.lanes[i].info = m_trace.lanes[i].info;
    }
    const int64_t now = nowNs();
    m_sched->snapshot(scratch, now);
    std::lock_guard lock(m_traceLock);
    for (size_t i = 0; i < scratch.lanes.size() && i < m_trace.lanes.size(); ++i) {
        m_trace.lanes[i].os.swap(scratch.lanes[i].os);
        m_trace.lanes[i].sched = scratch.lanes[i].sched;
    }
    m_trace.cpus.swap(scratch.cpus);
    m_trace.sched = scratch.sched;
    // The Threads view shows Runnable while the recording goes: segments old enough for the
    // scheduler's data about them to be complete are refined now, the rest later or at the end.
    SchedModel::refineSegmentsSoFar(m_trace, now - kSchedSettledNs);
    m_trace.sched.movedEvents = m_builder.movedEvents();
}

void TraceCollector::complete()
{
    // Nothing more will arrive. The trace gives its growth slack back; that copies it once, so a
    // stopped recording, whose user is waiting to get out, keeps its slack (at most its size).
    std::lock_guard capture(m_schedMutex); // in the order showSchedSoFar() takes them
    std::lock_guard lock(m_traceLock);
    if (m_hooks.beforeComplete)
        m_hooks.beforeComplete(m_trace);
    if (m_sched) {
        m_sched->apply(m_trace, m_trace.lastEventNs);
        m_trace.sched.movedEvents = m_builder.movedEvents();
        // Where every switch is known, no more lanes run at once than there are CPUs; a trace that
        // says otherwise is reported, not shown as if it were true.
        if (m_trace.sched.source == SchedSource::Exact && m_trace.eventCount <= kCheckedEvents) {
            if (const int most = SchedModel::maxRunningLanes(m_trace); most > m_trace.sched.cpuCount)
                m_log.addError(Text::tr("the OS scheduler's data do not add up: %1 lanes are drawn running at once "
                                        "on %2 CPUs (%3 scheduler records were lost)")
                                   .arg(most)
                                   .arg(m_trace.sched.cpuCount)
                                   .arg(m_trace.sched.lost));
        }
    }
    if (m_hooks.afterSched)
        m_hooks.afterSched(m_trace);
    if (!m_stop.stopRequested())
        m_trace.shrinkToFit();
}

} // namespace threadlab
