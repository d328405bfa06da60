// libFuzzer target: the bytes a worker process sends its parent (runtime/framereader.h and
// runtime/workermessages.h), handled the way ProcessExecutor handles them: split into frames,
// each decoded by its type, a worker's one lane added, its events checked by WorkerLanes and
// mirrored, and everything mirrored built into a trace. The parent-to-worker messages (hello and
// task) are decoded too. The first input byte sets how the stream arrives: in pieces of 1 to 256
// bytes, as a socket may deliver it.
#include "base/recorder.h"
#include "runtime/framereader.h"
#include "runtime/workerlanes.h"
#include "runtime/workermessages.h"
#include "scenario/scenariolibrary.h"
#include "trace/trace.h"
#include "trace/tracebuilder.h"

#include <cstddef>
#include <cstdint>

namespace {

using namespace threadlab;

// A lesson with tasks, locks and a shared counter, so that events can name real objects.
const Scenario &lesson()
{
    static const Scenario scenario = *ScenarioLibrary::load(QStringLiteral("deadlock-two-locks"));
    return scenario;
}

struct WorkerSide
{
    WorkerSide() { recorder.addLane(LaneInfo { .kind = LaneKind::Main, .name = QStringLiteral("main") }); }

    Recorder recorder;
    WorkerLanes lanes { lesson().tasks.size(), lesson().objects.size() };
    bool ready = false;
    int currentTask = 0;

    bool handle(const FrameReader::Frame &frame); // false: the parent would end this worker
};

bool WorkerSide::handle(const FrameReader::Frame &frame)
{
    namespace M = WorkerMessages;
    switch (frame.type) {
    case MessageType::Ready:
        ready = M::decodeReady(frame.payload).has_value();
        return ready;
    case MessageType::Lane: {
        const auto lane = M::decodeLane(frame.payload);
        if (!ready || !lane || !lanes.empty())
            return false;
        LaneInfo info = lane->info;
        info.parent = 0;
        lanes.add(lane->info.id, recorder.addLane(info));
        return true;
    }
    case MessageType::Events: {
        const auto events = M::decodeEvents(frame.payload);
        if (!ready || !events)
            return false;
        for (const Event &event : *events) {
            if (!lanes.mirror(event, currentTask, INT64_MAX / 2).isEmpty())
                return false;
        }
        return true;
    }
    case MessageType::TaskDone: {
        const auto done = M::decodeTaskDone(frame.payload);
        return ready && done && done->instance == currentTask;
    }
    case MessageType::Report:
        return ready && M::decodeReport(frame.payload).has_value();
    case MessageType::Deadlock:
        return ready
            && M::decodeDeadlock(frame.payload, quint32(lanes.size()), quint32(lesson().objects.size())).has_value();
    case MessageType::Heartbeat:
        return true;
    case MessageType::Hello:
        return M::decodeHello(frame.payload).has_value();
    case MessageType::RunTask:
        return M::decodeTask(frame.payload).has_value();
    default:
        return false;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const size_t piece = size_t(data[0]) + 1;
    WorkerSide worker;
    FrameReader reader;
    bool going = true;
    for (size_t at = 1; going && at < size; at += piece) {
        reader.append(QByteArray(reinterpret_cast<const char *>(data + at), qsizetype(std::min(piece, size - at))));
        while (going) {
            const auto frame = reader.next();
            if (!frame)
                break;
            going = worker.handle(*frame);
        }
    }
    Trace trace;
    TraceBuilder builder(trace);
    builder.start(lesson(), 0);
    worker.recorder.drain([&](const LaneInfo &info) { builder.addLane(info); },
        [&](const Event *events, size_t count) { builder.addEvents(events, count); });
    return 0;
}
