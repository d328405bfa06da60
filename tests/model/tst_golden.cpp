// The exports of a fixed, hand-built trace, byte for byte against tests/data/golden/. When an
// export changes on purpose, regenerate the files and review their diff:
//   THREADLAB_UPDATE_GOLDEN=1 build/dev/bin/tst_golden
#include "chrometracecheck.h"
#include "events.h"
#include "scenario/scenarioparser.h"
#include "trace/chrometraceexport.h"
#include "trace/csvexport.h"
#include "trace/recordedrun.h"
#include "trace/runsummary.h"
#include "trace/tracebuilder.h"
#include "trace/tracefile.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace threadlab;
using threadlab::test::chromeTraceProblem;
using threadlab::test::ev;
using threadlab::test::st;

namespace {

constexpr int64_t kOrigin = 1'000'000'000; // the run's start on the steady clock
constexpr int64_t kMs = 1'000'000;

uint32_t objectId(const Scenario &scenario, ObjectKind kind, const QString &name)
{
    for (size_t i = 0; i < scenario.objects.size(); ++i) {
        if (scenario.objects[i].kind == kind && scenario.objects[i].name == name)
            return uint32_t(i);
    }
    qFatal("no object %s", qPrintable(name));
}

// main starts a worker thread and waits; the worker prints, takes lock L (which main held first,
// so it waits), races on counter x (one lost update), puts "job" on queue q, downloads (waiting for
// the first byte, then receiving) and ends; main gets the result.
RecordedRun handBuiltRun()
{
    Result<Scenario> parsed
        = ScenarioParser::parse(QByteArrayLiteral(R"({"title": "golden", "executor": {"kind": "threads"},
        "queues": [{"name": "q", "kind": "fifo"}],
        "main": [{"lock": "L", "steps": [{"sleep": 1}]}],
        "tasks": [{"name": "worker", "steps": [{"print": "hello"}, {"lock": "L", "steps": [{"add": {"counter": "x", "delta": 1, "times": 2}}]},
                                               {"put": {"queue": "q", "item": "job"}}, {"download": {"image": "a.png", "kb": 1}}]}]})"),
            QStringLiteral("golden.json"));
    if (!parsed.ok())
        qFatal("%s", qPrintable(parsed.error().text()));
    RecordedRun run;
    run.scenario = *parsed;
    run.pid = 4242;
    const Scenario &s = run.scenario;
    const uint32_t lock = objectId(s, ObjectKind::Lock, QStringLiteral("L"));
    const uint32_t counter = objectId(s, ObjectKind::Counter, QStringLiteral("x"));
    const uint32_t queue = objectId(s, ObjectKind::Queue, QStringLiteral("q"));
    const uint32_t hello = objectId(s, ObjectKind::Text, QStringLiteral("hello"));
    const uint32_t job = objectId(s, ObjectKind::Text, QStringLiteral("job"));
    TraceBuilder builder(run.trace);
    builder.start(s, kOrigin);
    builder.addLane(LaneInfo { 0, LaneKind::Main, 4242, 4242, QStringLiteral("main"), -1 });
    builder.addLane(LaneInfo { 1, LaneKind::Thread, 4242, 4243, QStringLiteral("worker"), 0 });
    const int64_t t = kOrigin;
    const Event main[] = {
        ev(t, 0, EventKind::LaneBegin),
        st(t, 0, State::Running),
        ev(t + 1 * kMs, 0, EventKind::LockAcquire, lock, -1),
        st(t + 1 * kMs, 0, State::Sleeping),
        st(t + 3 * kMs, 0, State::Running),
        ev(t + 3 * kMs, 0, EventKind::LockRelease, lock),
        st(t + 4 * kMs, 0, State::JoinWait, 0),
        ev(t + 12 * kMs, 0, EventKind::Result, 0),
        st(t + 12 * kMs, 0, State::Running),
        ev(t + 13 * kMs, 0, EventKind::LaneEnd),
    };
    const Event worker[] = {
        ev(t + 1 * kMs, 1, EventKind::LaneBegin),
        ev(t + 1 * kMs, 1, EventKind::TaskBegin, 0),
        st(t + 1 * kMs, 1, State::Running),
        ev(t + 1 * kMs + 500'000, 1, EventKind::Mark, hello),
        st(t + 2 * kMs, 1, State::LockWait, lock, 0),
        ev(t + 3 * kMs, 1, EventKind::LockAcquire, lock, 0),
        st(t + 3 * kMs, 1, State::Running),
        ev(t + 4 * kMs, 1, EventKind::CounterRead, counter, 0),
        ev(t + 5 * kMs, 1, EventKind::CounterWrite, counter, 1),
        ev(t + 6 * kMs, 1, EventKind::CounterRead, counter, 1),
        ev(t + 7 * kMs, 1, EventKind::CounterWrite, counter, 2),
        ev(t + 7 * kMs, 1, EventKind::LostUpdate, counter, 1),
        ev(t + 8 * kMs, 1, EventKind::LockRelease, lock),
        ev(t + 8 * kMs + 100'000, 1, EventKind::QueuePut, queue, job),
        st(t + 9 * kMs, 1, State::IoWait, kNoObject, 0),
        st(t + 10 * kMs, 1, State::IoWait, kNoObject, 1),
        st(t + 11 * kMs, 1, State::Running),
        ev(t + 12 * kMs, 1, EventKind::TaskEnd, 0, int64_t(TaskOutcome::Completed)),
        ev(t + 12 * kMs, 1, EventKind::LaneEnd),
    };
    builder.addEvents(main, std::size(main));
    builder.addEvents(worker, std::size(worker));
    run.counters = { CounterReport { QStringLiteral("x"), 4242, -1, 2, 1, 1, 1 } };
    run.eventsRecorded = std::size(main) + std::size(worker);
    run.eventsDropped = 0;
    return run;
}

QByteArray csv(const RecordedRun &run)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!CsvExport::write(run.trace, buffer))
        qFatal("cannot write the CSV");
    return buffer.data();
}

QByteArray chromeTrace(const RecordedRun &run)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!ChromeTraceExport::write(run, buffer))
        qFatal("cannot write the Chrome trace");
    return buffer.data();
}

QByteArray nativeTrace(const RecordedRun &run)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("golden.threadlab"));
    if (!TraceFile::write(run, path))
        qFatal("cannot write the native trace");
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

QByteArray summaryJson(const RecordedRun &run)
{
    return QJsonDocument(RunSummary::from(run).toJson()).toJson(QJsonDocument::Indented);
}

} // namespace

class TestGolden : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exportsMatchTheGoldenFiles_data();
    void exportsMatchTheGoldenFiles();
    void theGoldenNativeTraceReadsBackAsBuilt();
};

void TestGolden::exportsMatchTheGoldenFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("written");
    const RecordedRun run = handBuiltRun();
    QTest::newRow("csv") << QStringLiteral("handbuilt.csv") << csv(run);
    QTest::newRow("chrome trace") << QStringLiteral("handbuilt.chrome.json") << chromeTrace(run);
    QTest::newRow("summary json") << QStringLiteral("handbuilt.summary.json") << summaryJson(run);
    QTest::newRow("native trace") << QStringLiteral("handbuilt.threadlab") << nativeTrace(run);
}

void TestGolden::theGoldenNativeTraceReadsBackAsBuilt()
{
    // Fixed bytes, little-endian whatever the machine: read here, they are the hand-built run again.
    const QString path = QFINDTESTDATA("data/golden/handbuilt.threadlab");
    QVERIFY(!path.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(20), TraceFile::magic() + QByteArray("\x06\x00\x00\x00", 4));
    const auto read = TraceFile::read(path);
    QVERIFY2(read, qPrintable(read.error().text()));
    const RecordedRun built = handBuiltRun();
    QCOMPARE(summaryJson(**read), summaryJson(built));
    QCOMPARE(csv(**read), csv(built));
    QCOMPARE(chromeTrace(**read), chromeTrace(built));
    for (size_t lane = 0; lane < built.trace.lanes.size(); ++lane) {
        const LaneTrack &a = built.trace.lanes[lane];
        const LaneTrack &b = (*read)->trace.lanes[lane];
        QCOMPARE(b.marks.size(), a.marks.size());
        QCOMPARE(b.lockEvents.size(), a.lockEvents.size());
        QCOMPARE(b.counterEvents.size(), a.counterEvents.size());
        QCOMPARE(b.lostUpdates.size(), a.lostUpdates.size());
        for (size_t i = 0; i < a.lockEvents.size(); ++i) {
            QCOMPARE(b.lockEvents[i].timeNs, a.lockEvents[i].timeNs);
            QCOMPARE(b.lockEvents[i].kind, a.lockEvents[i].kind);
            QCOMPARE(b.lockEvents[i].object, a.lockEvents[i].object);
            QCOMPARE(b.lockEvents[i].arg, a.lockEvents[i].arg);
        }
    }
    QCOMPARE((*read)->trace.handoffs.size(), built.trace.handoffs.size());
    QCOMPARE((*read)->trace.handoffs[0].acquiredNs, built.trace.handoffs[0].acquiredNs);
}

void TestGolden::exportsMatchTheGoldenFiles()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, written);
    QVERIFY(written.size() > 100);
    if (file.endsWith(QStringLiteral(".chrome.json")))
        QVERIFY2(chromeTraceProblem(written).isEmpty(), qPrintable(chromeTraceProblem(written)));
    const QString folder = QFINDTESTDATA("data/golden");
    QVERIFY(!folder.isEmpty());
    QFile golden(QDir(folder).filePath(file));
    if (qEnvironmentVariableIsSet("THREADLAB_UPDATE_GOLDEN")) {
        QVERIFY(golden.open(QIODevice::WriteOnly | QIODevice::Truncate));
        golden.write(written);
        QSKIP("golden file rewritten: review its diff");
    }
    QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable(golden.fileName()));
    const QByteArray expected = golden.readAll();
    if (written != expected) {
        // The first line that differs, to see what changed without a diff tool.
        const QList<QByteArray> a = written.split('\n');
        const QList<QByteArray> b = expected.split('\n');
        for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i)
            QVERIFY2(a[i] == b[i],
                qPrintable(QStringLiteral("%1 line %2:\n  written: %3\n  golden:  %4")
                               .arg(file)
                               .arg(i + 1)
                               .arg(QString::fromUtf8(a[i]), QString::fromUtf8(b[i]))));
        QCOMPARE(a.size(), b.size());
    }
}

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
