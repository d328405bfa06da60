// Frame cost of the Gantt painter into an offscreen 1920x1080 image, for 10 k, 1 M and 10 M
// segments over 16 and 64 lanes, with the whole run in view and zoomed in. The promise: the cost
// follows pixels, not events (10 M costs about what 10 k costs). Also reports the trace's memory
// per recorded event.
#include "benchmain.h"
#include "chart/ganttpainter.h"
#include "chart/lanelayout.h"
#include "trace/tracebuilder.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <benchmark/benchmark.h>
#include <map>
#include <memory>

using namespace threadlab;

namespace {

constexpr State kStates[] = { State::Running, State::Sleeping, State::LockWait, State::QueueWait, State::GilWait };

struct Synthetic
{
    Trace trace;
    std::vector<LaneRow> rows;
    int64_t spanNs = 0;
    uint64_t events = 0;
};

// Every lane runs over the same 10 s; segment lengths vary pseudo-randomly around 10 s / (n / lanes).
const Synthetic &synthetic(int64_t segments, int lanes)
{
    static std::map<std::pair<int64_t, int>, std::unique_ptr<Synthetic>> cache;
    auto &slot = cache[{ segments, lanes }];
    if (slot)
        return *slot;
    slot = std::make_unique<Synthetic>();
    Synthetic &s = *slot;
    s.spanNs = int64_t(10) * 1'000'000'000;
    Scenario scenario;
    TraceBuilder builder(s.trace);
    builder.start(scenario, 0);
    const int64_t perLane = segments / lanes;
    const double mean = double(s.spanNs) / double(perLane);
    uint64_t seed = 7;
    std::vector<Event> batch;
    for (int lane = 0; lane < lanes; ++lane) {
        builder.addLane(
            LaneInfo { uint32_t(lane), LaneKind::Thread, 1, lane + 2, QStringLiteral("lane %1").arg(lane), -1 });
        batch.clear();
        batch.push_back(Event { 0, 0, uint32_t(lane), kNoObject, EventKind::LaneBegin, 0, {} });
        double t = 0;
        size_t previous = 0;
        for (int64_t i = 0; i < perLane; ++i) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            t += mean * (0.5 + double(seed >> 40) / double(1 << 24));
            // Never the same state twice in a row, so that no two segments merge.
            previous = (previous + 1 + (seed >> 20) % (std::size(kStates) - 1)) % std::size(kStates);
            const State state = kStates[previous];
            batch.push_back(Event { int64_t(std::min(t, double(s.spanNs - 1))), -1, uint32_t(lane), kNoObject,
                EventKind::StateChange, uint16_t(state), {} });
        }
        batch.push_back(Event { s.spanNs, 0, uint32_t(lane), kNoObject, EventKind::LaneEnd, 0, {} });
        builder.addEvents(batch.data(), batch.size());
        s.events += batch.size();
    }
    s.trace.shrinkToFit();
    s.rows = LaneLayout::build(s.trace, 1);
    return s;
}

void BM_PaintFrame(benchmark::State &state)
{
    const int64_t segments = state.range(0);
    const int lanes = int(state.range(1));
    const bool zoomed = state.range(2) != 0;
    const Synthetic &s = synthetic(segments, lanes);
    QImage image(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    GanttPainter painter;
    GanttFrame frame;
    frame.trace = &s.trace;
    frame.rows = &s.rows;
    frame.size = image.size();
    frame.mapping.left = GanttFrame::kLabelWidth;
    // Whole run, or a window of 1/1000 of it in the middle.
    const double visibleNs = zoomed ? double(s.spanNs) / 1000 : double(s.spanNs);
    frame.mapping.nsPerPixel = visibleNs / frame.chartWidth();
    frame.mapping.startNs = zoomed ? s.spanNs / 2 : 0;
    for (auto _ : state) {
        QPainter p(&image);
        painter.paint(p, frame);
        p.end();
        benchmark::DoNotOptimize(image.constBits());
    }
    size_t segmentCount = 0;
    for (const LaneTrack &lane : s.trace.lanes)
        segmentCount += lane.segments.size();
    state.counters["segments"] = double(segmentCount);
    state.counters["trace_bytes_per_event"] = double(s.trace.memoryBytes()) / double(s.events);
}

} // namespace

BENCHMARK(BM_PaintFrame)
    ->ArgNames({ "segments", "lanes", "zoomed" })
    ->ArgsProduct({ { 10'000, 1'000'000, 10'000'000 }, { 16, 64 }, { 0, 1 } })
    ->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    return runBenchmarks(argc, argv);
}
