// Event -> pixel while a run is live (issue 17): the window, offscreen at 1600x1000, runs a lesson
// whose threads flood the recorder, and the chart tells after each paint the newest event it drew.
// An event recorded at t is on screen at the end of the first paint that drew an event recorded at
// t or later; latency_p50_ms and latency_p95_ms are over the moments t of the run (every 0.1 ms),
// gui_busy_pct is the GUI thread's CPU time over the wall time, events_per_s the trace's growth.
#include "base/clock.h"
#include "benchmain.h"
#include "chart/ganttview.h"
#include "window/mainwindow.h"

#include <QApplication>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <ctime>

using namespace threadlab;

namespace {

int64_t threadCpuNs()
{
    timespec now {};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return int64_t(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// Threads that take turns on a lock and sleep a little: steady events, with CPUs to spare for the
// GUI on a 2-core machine.
QString floodScenario(const QTemporaryDir &dir, int lanes)
{
    const QString path = dir.filePath(QStringLiteral("flood.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(QStringLiteral(R"({"title": "flood", "executor": {"kind": "threads"}, "options": {"lock": true},
        "tasks": [{"name": "add", "count": %1, "repeat": 100000,
        "steps": [{"add": {"counter": "x", "delta": 1, "times": 2000}}, {"sleep": 1}]}]})")
                   .arg(lanes)
                   .toUtf8());
    return path;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size())))];
}

struct Paint
{
    int64_t atNs;
    int64_t newestEventNs;
    uint64_t events;
};

void liveLatency(benchmark::State &state)
{
    const QTemporaryDir dir;
    const QString scenario = floodScenario(dir, int(state.range(0)));
    std::vector<double> latencies;
    double busy = 0;
    double eventsPerS = 0;
    double paintsPerS = 0;
    for (auto _ : state) {
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        auto *gantt = window.findChild<GanttView *>();
        if (!gantt) {
            state.SkipWithError("the window has no chart");
            return;
        }
        std::vector<Paint> paints;
        paints.reserve(4096);
        QObject::connect(gantt, &GanttView::framePainted, gantt, [&paints](int64_t newest, uint64_t events) {
            if (newest >= 0)
                paints.push_back(Paint { nowNs(), newest, events });
        });
        window.chooseScenario(scenario);
        const int64_t cpuBefore = threadCpuNs();
        const int64_t wallBefore = nowNs();
        window.startRun();
        QEventLoop loop;
        QTimer::singleShot(3000, &loop, &QEventLoop::quit);
        loop.exec();
        const int64_t wall = nowNs() - wallBefore;
        busy = 100.0 * double(threadCpuNs() - cpuBefore) / double(wall);
        window.stopRun();
        QTimer::singleShot(500, &loop, &QEventLoop::quit);
        loop.exec();
        state.SetIterationTime(double(wall) / 1e9);
        if (paints.size() < 10) {
            state.SkipWithError("the chart was hardly painted");
            return;
        }
        // From the first paint on (the window's start-up is not the live path), each moment's wait.
        latencies.clear();
        size_t next = 1;
        for (int64_t t = paints.front().newestEventNs + 1; t <= paints.back().newestEventNs; t += 100'000) {
            while (next < paints.size() && paints[next].newestEventNs < t)
                ++next;
            if (next < paints.size())
                latencies.push_back(double(paints[next].atNs - t) / 1e6);
        }
        const Paint &first = paints.front();
        const Paint &last = paints.back();
        eventsPerS = double(last.events - first.events) / (double(last.atNs - first.atNs) / 1e9);
        paintsPerS = double(paints.size() - 1) / (double(last.atNs - first.atNs) / 1e9);
    }
    state.counters["latency_p50_ms"] = percentile(latencies, 0.50);
    state.counters["latency_p95_ms"] = percentile(latencies, 0.95);
    state.counters["gui_busy_pct"] = busy;
    state.counters["events_per_s"] = eventsPerS;
    state.counters["paints_per_s"] = paintsPerS;
}

} // namespace

BENCHMARK(liveLatency)
    ->ArgName("lanes")
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the window's settings: not the user's
    return runBenchmarks(argc, argv);
}
