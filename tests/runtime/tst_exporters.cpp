#include "chrometracecheck.h"
#include "events.h"
#include "scenario/scenariolibrary.h"
#include "testsupport.h"
#include "trace/chrometraceexport.h"
#include "trace/csvexport.h"
#include "trace/schedmodel.h"
#include "trace/traceanalysis.h"
#include "trace/tracebuilder.h"
#include "trace/tracefile.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace threadlab;
using threadlab::test::ev;
using threadlab::test::st;
using namespace threadlab::test;

namespace {

// A real run with lock contention, prints, results from a pool and a shared counter.
std::shared_ptr<RecordedRun> recordedRun()
{
    static std::shared_ptr<RecordedRun> recording = [] {
        Result<Scenario> parsed = ScenarioParser::parseFile(QFINDTESTDATA("data/export-me.json"));
        if (!parsed.ok())
            qFatal("%s", qPrintable(parsed.error().text()));
        auto run = runToEnd(std::move(*parsed));
        return run->takeRecording();
    }();
    return recording;
}

} // namespace

class TestExporters : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void csvReReadsToTheSameSegments();
    void csvReaderNamesTheBadLine();
    void csvIsRfc4180AndSafeInASpreadsheet();
    void chromeTraceHasMetadataSlicesFlowsAndCounters();
    void chromeTraceTimesAreExactOnTheirGrid();
    void everyLessonsChromeTraceNestsAndBindsExactly_data();
    void everyLessonsChromeTraceNestsAndBindsExactly();
    void nativeTraceRoundTripsExactly();
    void nativeTraceRejectsDamagedFiles();
    void nativeTraceKeepsTheSchedulerDataAndReadsVersion2();
    void csvAndChromeTraceCarryTheCpus();
    void runningLanesOverTime();
    void lockWaitDistribution();
};

void TestExporters::csvReReadsToTheSameSegments()
{
    const auto recording = recordedRun();
    const Trace &trace = recording->trace;
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::ReadWrite));
    QVERIFY(CsvExport::write(trace, buffer));
    buffer.seek(0);
    const auto rows = CsvExport::read(buffer);
    QVERIFY2(rows, qPrintable(rows.error().text()));
    size_t expected = 0;
    for (const LaneTrack &lane : trace.lanes)
        expected += lane.segments.size();
    QCOMPARE(rows->size(), expected);
    size_t i = 0;
    for (const LaneTrack &lane : trace.lanes) {
        for (const Segment &s : lane.segments) {
            const CsvExport::Row &row = (*rows)[i++];
            QCOMPARE(row.lane, lane.info.name);
            QCOMPARE(row.pid, lane.info.pid);
            QCOMPARE(row.tid, lane.info.tid);
            QCOMPARE(row.state, s.state);
            QCOMPARE(row.startNs, s.startNs - trace.originNs);
            QCOMPARE(row.endNs, s.endNs - trace.originNs);
            QCOMPARE(row.task, s.task >= 0 ? trace.tasks[size_t(s.task)].name : QString());
            if (s.state == State::LockWait)
                QCOMPARE(row.object, QStringLiteral("L"));
        }
    }
}

void TestExporters::csvReaderNamesTheBadLine()
{
    QBuffer buffer;
    buffer.setData(CsvExport::header() + "main,1,2,Running,0,10,10,,,1\nmain,1,2,Flying,0,10,10,,,\n");
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    QCOMPARE(CsvExport::read(buffer).error().text(), QStringLiteral("line 3: malformed row"));
    QBuffer noHeader;
    noHeader.setData("a,b\n");
    QVERIFY(noHeader.open(QIODevice::ReadOnly));
    QVERIFY(CsvExport::read(noHeader).error().text().startsWith(QStringLiteral("line 1: expected the header")));
}

void TestExporters::csvIsRfc4180AndSafeInASpreadsheet()
{
    // Names from a stranger's scenario: formulas, quotes, commas, CR and LF, a leading quote.
    const QStringList names { QStringLiteral("=HYPERLINK(\"http://x\",\"y\")"), QStringLiteral("+1"),
        QStringLiteral("-2"), QStringLiteral("@SUM(A1)"), QStringLiteral("'quoted"), QStringLiteral("a,b \"c\"\r\nd"),
        QStringLiteral("\tTab"), QStringLiteral("plain"), QStringLiteral("x=1") };
    Trace trace;
    TraceBuilder builder(trace);
    builder.start(Scenario {}, 0);
    std::vector<Event> events;
    for (int i = 0; i < int(names.size()); ++i) {
        builder.addLane(LaneInfo { uint32_t(i), LaneKind::Thread, 1, 10 + i, names[i], -1 });
        events.push_back(ev(0, uint32_t(i), EventKind::LaneBegin));
        events.push_back(st(5, uint32_t(i), State::Sleeping));
        events.push_back(ev(9, uint32_t(i), EventKind::LaneEnd));
    }
    builder.addEvents(events.data(), events.size());
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::ReadWrite));
    QVERIFY(CsvExport::write(trace, buffer));
    const QByteArray csv = buffer.data();
    // Every record ends with CRLF (the header, two rows per lane, and the name's own CRLF twice).
    QCOMPARE(csv.count("\r\n"), 1 + 2 * names.size() + 2);
    QCOMPARE(csv.count('\n'), csv.count("\r\n"));
    // No cell starts with a formula's first character.
    for (const char *formula : { ",=", ",+", ",-", ",@", ",\t", "\n=", "\n+", "\n-", "\n@", "\n\t" })
        QVERIFY2(!csv.contains(formula), formula);
    QVERIFY(csv.contains("\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""));
    QVERIFY(csv.contains("\r\n''quoted,"));
    QVERIFY(csv.contains("\r\nx=1,"));
    buffer.seek(0);
    const auto rows = CsvExport::read(buffer);
    QVERIFY2(rows, qPrintable(rows.error().text()));
    QCOMPARE(rows->size(), 2 * size_t(names.size()));
    for (size_t i = 0; i < rows->size(); ++i)
        QCOMPARE((*rows)[i].lane, names[qsizetype(i / 2)]);
    // An unclosed quote is named with the line its record began on.
    QBuffer broken;
    broken.setData(CsvExport::header() + "main,1,2,Running,0,10,10,,,1\r\n\"main,1,2,Running,0,10,10,,,\r\n");
    QVERIFY(broken.open(QIODevice::ReadOnly));
    QCOMPARE(CsvExport::read(broken).error().text(), QStringLiteral("line 3: a quoted field is not closed"));
}

void TestExporters::chromeTraceHasMetadataSlicesFlowsAndCounters()
{
    const auto recording = recordedRun();
    const Trace &trace = recording->trace;
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(ChromeTraceExport::write(*recording, buffer));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(buffer.data(), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QJsonArray events = document.object().value(QStringLiteral("traceEvents")).toArray();
    QSet<QString> threadNames;
    int processNames = 0, stateSlices = 0, taskSlices = 0, lockFlowStarts = 0, lockFlowEnds = 0, resultFlows = 0,
        counterPoints = 0, runningPoints = 0, prints = 0;
    for (const QJsonValue &value : events) {
        const QJsonObject e = value.toObject();
        const QString ph = e.value(QStringLiteral("ph")).toString();
        const QString name = e.value(QStringLiteral("name")).toString();
        const QString cat = e.value(QStringLiteral("cat")).toString();
        QVERIFY(e.contains(QStringLiteral("pid")));
        if (ph == QStringLiteral("M") && name == QStringLiteral("thread_name"))
            threadNames.insert(e.value(QStringLiteral("args")).toObject().value(QStringLiteral("name")).toString());
        processNames += ph == QStringLiteral("M") && name == QStringLiteral("process_name");
        if (ph == QStringLiteral("X")) {
            QVERIFY(e.value(QStringLiteral("ts")).toDouble() >= 0);
            QVERIFY(e.value(QStringLiteral("dur")).toDouble() >= 0);
            stateSlices += cat == QStringLiteral("state");
            taskSlices += cat == QStringLiteral("task");
        }
        // Flows carry the cat of the slices they bind to; their names say what they are.
        lockFlowStarts += ph == QStringLiteral("s") && name.startsWith(QStringLiteral("lock "));
        lockFlowEnds += ph == QStringLiteral("f") && name.startsWith(QStringLiteral("lock "));
        resultFlows += ph == QStringLiteral("f") && name.startsWith(QStringLiteral("result of "));
        if (ph == QStringLiteral("s") || ph == QStringLiteral("f"))
            QCOMPARE(cat, QStringLiteral("state"));
        counterPoints += ph == QStringLiteral("C") && name == QStringLiteral("counter x");
        runningPoints += ph == QStringLiteral("C") && name == QStringLiteral("running lanes");
        prints += ph == QStringLiteral("i") && name == QStringLiteral("start, with \"quotes\"");
    }
    QCOMPARE(processNames, 1);
    for (const LaneTrack &lane : trace.lanes)
        QVERIFY2(threadNames.contains(lane.info.name), qPrintable(lane.info.name));
    size_t segments = 0;
    for (const LaneTrack &lane : trace.lanes)
        segments += lane.segments.size();
    QCOMPARE(size_t(stateSlices), segments);
    QCOMPARE(taskSlices, 3);
    QVERIFY(!trace.handoffs.empty()); // three workers on one lock: someone waited
    QCOMPARE(size_t(lockFlowStarts), trace.handoffs.size());
    QCOMPARE(lockFlowEnds, lockFlowStarts);
    QCOMPARE(resultFlows, 3);
    QCOMPARE(counterPoints, 150);
    QVERIFY(runningPoints > 2);
    QCOMPARE(prints, 3);
}

void TestExporters::chromeTraceTimesAreExactOnTheirGrid()
{
    // 1/1024 µs from integer ns, rounded down: monotonic, one tick per ns at least, exact as doubles.
    QCOMPARE(ChromeTraceExport::ticks(0), 0);
    QCOMPARE(ChromeTraceExport::ticks(1000), 1024);
    QCOMPARE(ChromeTraceExport::ticks(1), 1);
    QCOMPARE(ChromeTraceExport::ticks(999), 1022);
    QCOMPARE(ChromeTraceExport::ticks(-1), -2);
    QCOMPARE(ChromeTraceExport::ticks(86'400'000'000'001), 88'473'600'000'001);
    int64_t previous = ChromeTraceExport::ticks(-5000);
    for (int64_t ns = -4999; ns < 5000; ++ns) {
        const int64_t t = ChromeTraceExport::ticks(ns);
        QVERIFY(t > previous);
        previous = t;
    }
    // A slice that ends where the next begins, with times that rounding to µs once made overlap.
    Trace trace;
    TraceBuilder builder(trace);
    const int64_t origin = 1'000'000'000;
    builder.start(Scenario {}, origin);
    builder.addLane(LaneInfo { 0, LaneKind::Main, 1, 1, QStringLiteral("main"), -1 });
    const int64_t sleep = origin + 1'234'567'891;
    const Event events[] = { ev(origin, 0, EventKind::LaneBegin), st(sleep, 0, State::Sleeping),
        st(sleep + 333'333'333, 0, State::Running), st(sleep + 666'666'667, 0, State::Sleeping),
        ev(origin + 2'000'000'001, 0, EventKind::LaneEnd) };
    builder.addEvents(events, 5);
    RecordedRun run;
    run.trace = std::move(trace);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(ChromeTraceExport::write(run, buffer));
    QVERIFY2(chromeTraceProblem(buffer.data()).isEmpty(), qPrintable(chromeTraceProblem(buffer.data())));
    QVERIFY(buffer.data().contains("\"ts\":1234567.890625,")); // 1 264 197 520 / 1024 µs
    // The checker sees what readers trip over: µs rounded separately (0.0004 + 0.0003 > 0.0006)...
    QVERIFY(chromeTraceProblem(R"({"traceEvents": [
        {"ph": "X", "name": "a", "cat": "state", "pid": 1, "tid": 1, "ts": 0.0004, "dur": 0.0003, "args": {"s": 1}},
        {"ph": "X", "name": "b", "cat": "state", "pid": 1, "tid": 1, "ts": 0.0006, "dur": 1, "args": {"s": 1}}]})")
                .contains(QStringLiteral("overlaps")));
    // ... and a flow event 1 ns off its slice, which DevTools leaves unbound.
    QVERIFY(chromeTraceProblem(R"({"traceEvents": [
        {"ph": "X", "name": "a", "cat": "state", "pid": 1, "tid": 1, "ts": 5, "dur": 1, "args": {"s": 1}},
        {"ph": "s", "name": "f", "cat": "state", "pid": 1, "tid": 1, "ts": 4.999, "id": 1}]})")
                .contains(QStringLiteral("starts no slice")));
}

void TestExporters::everyLessonsChromeTraceNestsAndBindsExactly_data()
{
    QTest::addColumn<QString>("id");
    for (const ScenarioEntry &entry : ScenarioLibrary::builtIns()) {
        if (!entry.id.startsWith(QStringLiteral("download"))) // (they need the image server: tst_net)
            QTest::newRow(qPrintable(entry.id)) << entry.id;
    }
}

void TestExporters::everyLessonsChromeTraceNestsAndBindsExactly()
{
    QFETCH(QString, id);
    Result<Scenario> lesson = ScenarioLibrary::load(id);
    QVERIFY(lesson.ok());
    auto run = runToEnd(withShorterSteps(std::move(*lesson), 20));
    const std::shared_ptr<RecordedRun> recording = run->takeRecording();
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(ChromeTraceExport::write(*recording, buffer));
    const QString problem = chromeTraceProblem(buffer.data());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Every state segment is a slice; the main lane is the first thread of the first process.
    size_t segments = 0;
    for (const LaneTrack &lane : recording->trace.lanes)
        segments += lane.segments.size() + (lane.hasOpenSegment && lane.open.endNs > lane.open.startNs ? 1 : 0);
    size_t stateSlices = 0;
    QString firstThread;
    for (const QJsonValue &e : QJsonDocument::fromJson(buffer.data())[QStringLiteral("traceEvents")].toArray()) {
        stateSlices
            += e[QStringLiteral("ph")] == QStringLiteral("X") && e[QStringLiteral("cat")] == QStringLiteral("state");
        if (e[QStringLiteral("name")] == QStringLiteral("thread_name") && e[QStringLiteral("pid")].toInteger() == 1
            && e[QStringLiteral("tid")].toInteger() == 1)
            firstThread = e[QStringLiteral("args")][QStringLiteral("name")].toString();
    }
    QCOMPARE(stateSlices, segments);
    QCOMPARE(firstThread, recording->trace.mainLane()->info.name);
}

void TestExporters::nativeTraceRoundTripsExactly()
{
    const auto original = recordedRun();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.threadlab"));
    QVERIFY(TraceFile::write(*original, path));
    const auto read = TraceFile::read(path);
    QVERIFY2(read, qPrintable(read.error().text()));
    const std::shared_ptr<RecordedRun> copy = *read;
    QCOMPARE(copy->scenario.id, original->scenario.id);
    QCOMPARE(copy->scenario.executor.kind, original->scenario.executor.kind);
    QCOMPARE(copy->scenario.executor.workers, original->scenario.executor.workers);
    QCOMPARE(copy->pid, original->pid);
    QCOMPARE(copy->eventsRecorded, original->eventsRecorded);
    QCOMPARE(copy->errors, original->errors);
    QCOMPARE(copy->counters.size(), original->counters.size());
    QCOMPARE(copy->counters[0].actual, original->counters[0].actual);
    const Trace &a = original->trace;
    const Trace &b = copy->trace;
    QCOMPARE(b.originNs, a.originNs);
    QCOMPARE(b.lastEventNs, a.lastEventNs);
    QCOMPARE(b.eventCount, a.eventCount);
    QCOMPARE(b.lanes.size(), a.lanes.size());
    auto sameEvents = [](std::span<const Event> x, std::span<const Event> y) {
        return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), [](const Event &p, const Event &q) {
            return p.timeNs == q.timeNs && p.arg == q.arg && p.lane == q.lane && p.object == q.object
                && p.kind == q.kind && p.aux == q.aux;
        });
    };
    for (size_t i = 0; i < a.lanes.size(); ++i) {
        const LaneTrack &x = a.lanes[i];
        const LaneTrack &y = b.lanes[i];
        QCOMPARE(y.info.name, x.info.name);
        QCOMPARE(y.info.tid, x.info.tid);
        QCOMPARE(y.info.kind, x.info.kind);
        QCOMPARE(y.beginNs, x.beginNs);
        QCOMPARE(y.endNs, x.endNs);
        QCOMPARE(y.segments.size(), x.segments.size());
        for (size_t j = 0; j < x.segments.size(); ++j) {
            QCOMPARE(y.segments[j].startNs, x.segments[j].startNs);
            QCOMPARE(y.segments[j].endNs, x.segments[j].endNs);
            QCOMPARE(y.segments[j].state, x.segments[j].state);
            QCOMPARE(y.segments[j].task, x.segments[j].task);
            QCOMPARE(y.segments[j].object, x.segments[j].object);
            QCOMPARE(y.segments[j].arg, x.segments[j].arg);
        }
        QVERIFY(sameEvents(x.marks, y.marks));
        QVERIFY(sameEvents(x.lockEvents, y.lockEvents));
        QVERIFY(sameEvents(x.counterEvents, y.counterEvents));
        QVERIFY(sameEvents(x.lostUpdates, y.lostUpdates));
        // The level-of-detail summary is rebuilt the same.
        std::vector<uint8_t> p, q;
        x.lod.dominantStates(x.segments, a.originNs, 1e5, 500, p);
        y.lod.dominantStates(y.segments, b.originNs, 1e5, 500, q);
        QCOMPARE(p, q);
    }
    QCOMPARE(b.tasks.size(), a.tasks.size());
    for (size_t i = 0; i < a.tasks.size(); ++i) {
        QCOMPARE(b.tasks[i].name, a.tasks[i].name);
        QCOMPARE(b.tasks[i].beginNs, a.tasks[i].beginNs);
        QCOMPARE(b.tasks[i].stateNs, a.tasks[i].stateNs);
    }
    QCOMPARE(b.locks.size(), a.locks.size());
    QCOMPARE(b.locks.begin()->second.name, QStringLiteral("L"));
    QCOMPARE(b.locks.begin()->second.waitNsTotal, a.locks.begin()->second.waitNsTotal);
    QCOMPARE(b.handoffs.size(), a.handoffs.size());
    QCOMPARE(b.resultsOrder, a.resultsOrder);
    // The summary of the reopened run is the summary of the run.
    QCOMPARE(RunSummary::from(*copy).toJson(), RunSummary::from(*original).toJson());
}

void TestExporters::nativeTraceRejectsDamagedFiles()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.threadlab"));
    QVERIFY(TraceFile::write(*recordedRun(), path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(file.size() / 2));
    file.close();
    const QString damaged = TraceFile::read(path).error().text();
    QVERIFY2(damaged.startsWith(path + QStringLiteral(": damaged at byte ")), qPrintable(damaged));
    QVERIFY2(damaged.contains(QStringLiteral("cut short")), qPrintable(damaged));
    // A block that claims more than a block may hold is refused before anything is allocated.
    QVERIFY(TraceFile::write(*recordedRun(), path));
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(20));
    file.write(QByteArray("\xff\xff\xff\x7f", 4));
    file.close();
    QCOMPARE(TraceFile::read(path).error().text(),
        path + QStringLiteral(": damaged at byte 20 (block 1: says it holds 2147483647 bytes (1 to 1048576 allowed))"));
    // A threads run of more tasks than a pool may have workers reads back (one thread per task);
    // a pool that claims as many is refused.
    auto wide = std::make_shared<RecordedRun>(*recordedRun());
    wide->scenario.executor.kind = ExecutorKind::Threads;
    wide->scenario.executor.workers = ExecutorSpec::kMaxInstances;
    QVERIFY(TraceFile::write(*wide, path));
    QVERIFY2(TraceFile::read(path), qPrintable(TraceFile::read(path).error().text()));
    wide->scenario.executor.kind = ExecutorKind::Processes;
    QVERIFY(TraceFile::write(*wide, path));
    QVERIFY(TraceFile::read(path).error().text().contains(QStringLiteral("executor or options are out of range")));
    // Bytes after the end marker; a version from the future.
    QVERIFY(TraceFile::write(*recordedRun(), path));
    QVERIFY(file.open(QIODevice::Append));
    file.write("more");
    file.close();
    QVERIFY(TraceFile::read(path).error().text().endsWith(QStringLiteral("4 bytes follow the end marker)")));
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(16));
    file.write(QByteArray("\x07\x00\x00\x00", 4));
    file.close();
    QCOMPARE(TraceFile::read(path).error().text(),
        path + QStringLiteral(": trace format version 7; this ThreadLab reads versions 2 to 6"));
    const QString other = dir.filePath(QStringLiteral("other.threadlab"));
    QFile junk(other);
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("{\"title\": \"a scenario, not a trace\"}");
    junk.close();
    QCOMPARE(
        TraceFile::read(other).error().text(), other + QStringLiteral(": not a ThreadLab trace (.threadlab) file"));
    QVERIFY(TraceFile::read(dir.filePath(QStringLiteral("missing.threadlab")))
                .error()
                .text()
                .contains(QStringLiteral("cannot open")));
}

void TestExporters::nativeTraceKeepsTheSchedulerDataAndReadsVersion2()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.threadlab"));
    auto recording = std::make_shared<RecordedRun>(*recordedRun());
    // Files of older versions, written by ThreadLab 4859bb3 (version 3: tests/data/quick.json run
    // with --sched off) and cut down from it (version 2 had no scheduler data): they still read,
    // with the states and options of their time.
    for (const char *name : { "data/traces/quick-v3.threadlab", "data/traces/quick-v2.threadlab" }) {
        const QString file = QFINDTESTDATA(name);
        QVERIFY2(!file.isEmpty(), name);
        const auto old = TraceFile::read(file);
        QVERIFY2(old, qPrintable(old.error().text()));
        QCOMPARE((*old)->trace.sched.source, SchedSource::Off);
        QCOMPARE((*old)->scenario.options.ordering, false);
        QVERIFY(!(*old)->trace.deadlock.found);
        const RunSummary summary = RunSummary::from(**old);
        QCOMPARE(summary.tasks.size(), size_t(2));
        for (const TaskSummary &task : summary.tasks) {
            QCOMPARE(task.outcome, TaskOutcome::Completed);
            QVERIFY(task.stateMs[size_t(State::Sleeping)] >= 19);
            QCOMPARE(task.stateMs[size_t(State::BarrierWait)], 0.0);
        }
        QCOMPARE(summary.locks.size(), size_t(1));
        QCOMPARE(summary.locks.front().acquisitions, 10);
    }

    // Version 3 keeps everything the scheduler said.
    recording->trace.sched = SchedInfo { SchedSource::Exact, QStringLiteral("every switch"), 3, 2 };
    recording->trace.cpus.resize(2);
    recording->trace.cpus[1] = CpuTrack { 1, PodVector<CpuSlice> { CpuSlice { 5, 9, 1, 2 } }, 4 };
    recording->trace.lanes[1].os = PodVector<OsSlice> { OsSlice { 5, 9, 1, true }, OsSlice { 9, 12, -1, false } };
    recording->trace.lanes[1].sched = LaneSched { 4, 3, 1, 2, 1 };
    QVERIFY(TraceFile::write(*recording, path));
    const auto copy = TraceFile::read(path);
    QVERIFY2(copy, qPrintable(copy.error().text()));
    const Trace &t = (*copy)->trace;
    QCOMPARE(t.sched.source, SchedSource::Exact);
    QCOMPARE(t.sched.reason, QStringLiteral("every switch"));
    QCOMPARE(t.sched.lost, 3u);
    QCOMPARE(t.cpus.size(), size_t(2));
    QCOMPARE(t.cpus[1].busyNs, 4);
    QCOMPARE(t.cpus[1].slices.size(), size_t(1));
    QCOMPARE(t.cpus[1].slices[0].lane, 1);
    QCOMPARE(t.cpus[1].slices[0].ended, 2);
    QCOMPARE(t.lanes[1].os.size(), size_t(2));
    QCOMPARE(t.lanes[1].os[1].onCpu, false);
    QCOMPARE(t.lanes[1].os[0].cpu, 1);
    QCOMPARE(t.lanes[1].sched.involuntary, 2);
    QCOMPARE(t.lanes[1].sched.migrations, 1);
}

void TestExporters::csvAndChromeTraceCarryTheCpus()
{
    // One lane that ran on CPU 1, waited, then ran on CPU 0; CPU 1 also ran another process.
    RecordedRun run;
    LaneTrack lane;
    lane.info = LaneInfo { 0, LaneKind::Main, 10, 11, QStringLiteral("main"), -1 };
    lane.segments = PodVector<Segment> { Segment { 0, 30, -1, kNoObject, -1, State::Running } };
    lane.os
        = PodVector<OsSlice> { OsSlice { 0, 10, 1, true }, OsSlice { 10, 20, -1, false }, OsSlice { 20, 30, 0, true } };
    run.trace.lanes.push_back(std::move(lane));
    run.trace.lastEventNs = 30;
    run.trace.sched = SchedInfo { SchedSource::Exact, QStringLiteral("test"), 0, 2 };
    run.trace.cpus.resize(2);
    run.trace.cpus[0].slices = PodVector<CpuSlice> { CpuSlice { 20, 30, 0, 2 } };
    run.trace.cpus[1]
        = CpuTrack { 1, PodVector<CpuSlice> { CpuSlice { 0, 10, 0, 0 }, CpuSlice { 10, 20, -1, 1 } }, 20 };
    SchedModel::refineSegments(run.trace);

    QBuffer csv;
    QVERIFY(csv.open(QIODevice::ReadWrite));
    QVERIFY(CsvExport::write(run.trace, csv));
    csv.seek(0);
    const auto rows = CsvExport::read(csv);
    QVERIFY2(rows, qPrintable(rows.error().text()));
    QCOMPARE(rows->size(), size_t(3));
    QCOMPARE((*rows)[0].state, State::Running);
    QCOMPARE((*rows)[0].cpu, 1);
    QCOMPARE((*rows)[1].state, State::Runnable);
    QCOMPARE((*rows)[1].cpu, -1);
    QCOMPARE((*rows)[2].cpu, 0);

    QBuffer chrome;
    QVERIFY(chrome.open(QIODevice::WriteOnly));
    QVERIFY(ChromeTraceExport::write(run, chrome));
    const QJsonArray events
        = QJsonDocument::fromJson(chrome.data()).object().value(QStringLiteral("traceEvents")).toArray();
    qint64 cpusPid = -1;
    for (const QJsonValue &value : events) {
        if (value[QStringLiteral("args")][QStringLiteral("name")].toString().startsWith(QStringLiteral("CPUs (")))
            cpusPid = value[QStringLiteral("pid")].toInteger();
    }
    QVERIFY(cpusPid > 0);
    QStringList cpuTracks;
    QStringList cpuSlices;
    QHash<qint64, QString> trackNames;
    for (const QJsonValue &value : events) {
        const QJsonObject e = value.toObject();
        if (e.value(QStringLiteral("pid")).toInteger() != cpusPid)
            continue;
        if (e.value(QStringLiteral("name")).toString() == QStringLiteral("thread_name")) {
            cpuTracks << e.value(QStringLiteral("args")).toObject().value(QStringLiteral("name")).toString();
            trackNames[e.value(QStringLiteral("tid")).toInteger()] = cpuTracks.back();
        }
        if (e.value(QStringLiteral("ph")).toString() == QStringLiteral("X"))
            cpuSlices << QStringLiteral("%1@%2:%3")
                             .arg(e.value(QStringLiteral("name")).toString())
                             .arg(trackNames.value(e.value(QStringLiteral("tid")).toInteger()))
                             .arg(e.value(QStringLiteral("args")).toObject().value(QStringLiteral("ended")).toString());
    }
    QCOMPARE(cpuTracks, (QStringList { QStringLiteral("CPU 0"), QStringLiteral("CPU 1") }));
    QCOMPARE(cpuSlices,
        (QStringList { QStringLiteral("main@CPU 0:exited"), QStringLiteral("main@CPU 1:preempted"),
            QStringLiteral("other process@CPU 1:blocked") }));
}

void TestExporters::runningLanesOverTime()
{
    Trace trace;
    TraceBuilder builder(trace);
    builder.start(Scenario {}, 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("a"), -1 });
    builder.addLane(LaneInfo { 1, LaneKind::Thread, 1, 3, QStringLiteral("b"), -1 });
    const Event events[] = {
        ev(0, 0, EventKind::LaneBegin),
        ev(100, 0, EventKind::StateChange, kNoObject, -1, State::Sleeping),
        ev(300, 0, EventKind::LaneEnd),
        ev(50, 1, EventKind::LaneBegin),
        ev(200, 1, EventKind::LaneEnd),
    };
    builder.addEvents(events, 3);
    builder.addEvents(events + 3, 2);
    // Running: lane 0 on [0,100), lane 1 on [50,200)
    const auto points = TraceAnalysis::runningLanes(trace);
    QCOMPARE(points.size(), size_t(4));
    QCOMPARE(points[0].running, 1);
    QCOMPARE(points[1].timeNs, 50);
    QCOMPARE(points[1].running, 2);
    QCOMPARE(points[2].timeNs, 100);
    QCOMPARE(points[2].running, 1);
    QCOMPARE(points[3].timeNs, 200);
    QCOMPARE(points[3].running, 0);
    const auto totals = TraceAnalysis::stateTotals(trace);
    QCOMPARE(totals[0].ms[size_t(State::Sleeping)], 0.0002);
    QCOMPARE(totals[1].ms[size_t(State::Running)], 0.00015);
}

void TestExporters::lockWaitDistribution()
{
    Scenario scenario;
    scenario.objects = { ObjectSpec { ObjectKind::Lock, QStringLiteral("L"), QueueKind::Fifo } };
    Trace trace;
    TraceBuilder builder(trace);
    builder.start(scenario, 0);
    builder.addLane(LaneInfo { 0, LaneKind::Thread, 1, 2, QStringLiteral("a"), -1 });
    std::vector<Event> events { ev(0, 0, EventKind::LaneBegin) };
    int64_t t = 0;
    for (int i = 1; i <= 20; ++i) { // waits of 1 .. 20 ms
        events.push_back(ev(t, 0, EventKind::StateChange, 0, 0, State::LockWait));
        t += i * 1'000'000;
        events.push_back(ev(t, 0, EventKind::StateChange, kNoObject, -1, State::Running));
        t += 1'000'000;
    }
    builder.addEvents(events.data(), events.size());
    const auto waits = TraceAnalysis::lockWaits(trace);
    QCOMPARE(waits.size(), size_t(1));
    QCOMPARE(waits[0].lock, QStringLiteral("L"));
    QCOMPARE(waits[0].waits, 20);
    QCOMPARE(waits[0].minMs, 1.0);
    QCOMPARE(waits[0].medianMs, 10.0);
    QCOMPARE(waits[0].p95Ms, 19.0);
    QCOMPARE(waits[0].maxMs, 20.0);
}

QTEST_GUILESS_MAIN(TestExporters)
#include "tst_exporters.moc"
