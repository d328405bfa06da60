// What a scenario or trace file from a stranger, or a worker process gone wrong, can do: nothing
// beyond the run's own folder, no crash, no hang, no unbounded memory (README, "Security").
#include "base/clock.h"
#include "base/lanecontext.h"
#include "chart/ganttpainter.h"
#include "chart/lanelayout.h"
#include "runtime/downloadfile.h"
#include "testsupport.h"
#include "trace/chrometraceexport.h"
#include "trace/compressedblocks.h"
#include "trace/csvexport.h"
#include "trace/tracefile.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <mutex>
#include <sys/stat.h>

using namespace threadlab;
using namespace threadlab::test;

namespace {

// Network services that write what a download would, without a network: the test sees every path
// the core asks to write. Tasks download at once from their own threads.
class RecordingNetwork : public NetworkServices
{
public:
    std::mutex mutex;
    QStringList destinations; // under mutex while a run goes on
    Result<QUrl> startServer(const ServerSettings &) override { return QUrl(QStringLiteral("http://127.0.0.1:9/")); }
    Result<qint64> download(LaneContext &, const QUrl &, const QString &destination, int, const StopToken &) override
    {
        {
            const std::lock_guard lock(mutex);
            destinations << destination;
        }
        QFile file(destination);
        if (!file.open(QIODevice::WriteOnly) || file.write("png") != 3)
            return Error(destination + QStringLiteral(": cannot write"));
        return qint64(3);
    }
};

QByteArray trace(const std::shared_ptr<RecordedRun> &recording)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.threadlab"));
    if (!TraceFile::write(*recording, path))
        qFatal("cannot write a trace");
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

std::shared_ptr<RecordedRun> sampleRun()
{
    static const auto recording = [] {
        // Locks with hand-overs, a counter, results, marks and queue traffic: every list a trace has.
        return runToEnd(parseOrFail(R"({"title": "t", "executor": {"kind": "pool", "workers": 2},
            "queues": [{"name": "q", "kind": "fifo"}],
            "main": [{"put": {"queue": "q", "item": "job-{n}", "count": 3}}],
            "tasks": [{"name": "w", "count": 3, "steps": [
                {"get": "q"}, {"print": "got one"},
                {"lock": "L", "steps": [{"sleep": 2}, {"add": {"counter": "x", "delta": 1, "times": 20}}]}]}]})"))
            ->takeRecording();
    }();
    return recording;
}

// Everything that shows a trace: the summary, the exports and the chart's painter.
void showEverywhere(const RecordedRun &run)
{
    const RunSummary summary = RunSummary::from(run);
    QVERIFY(!summary.toText().isNull());
    QBuffer buffer;
    buffer.open(QIODevice::ReadWrite);
    QVERIFY(CsvExport::write(run.trace, buffer));
    QVERIFY(ChromeTraceExport::write(run, buffer));
    const std::vector<LaneRow> rows = LaneLayout::build(run.trace, run.pid);
    GanttFrame frame;
    frame.trace = &run.trace;
    frame.rows = &rows;
    frame.size = QSize(GanttFrame::kLabelWidth + 300, 160);
    const double span = std::max(1.0, double(run.trace.lastEventNs) - double(run.trace.originNs));
    frame.mapping = TimeMapping { run.trace.originNs, span / 300.0, GanttFrame::kLabelWidth };
    QImage image(frame.size, QImage::Format_RGB32);
    QPainter painter(&image);
    GanttPainter().paint(painter, frame);
}

struct Outcome
{
    int accepted = 0;
    int refused = 0;
};

// Writes `bytes` and reads them back: either a trace that every view can show, or a refusal that
// names the file and the damage.
void readDamaged(const QString &path, const QByteArray &bytes, Outcome &outcome)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
    file.close();
    const auto run = TraceFile::read(path);
    if (!run) {
        QVERIFY2(run.error().text().startsWith(path + QStringLiteral(": ")), qPrintable(run.error().text()));
        ++outcome.refused;
        return;
    }
    ++outcome.accepted;
    showEverywhere(**run);
}

void putLittleEndian(QByteArray &bytes, qsizetype at, quint64 value, int width)
{
    for (int i = 0; i < width && at + i < bytes.size(); ++i)
        bytes[at + i] = char((value >> (8 * i)) & 0xff);
}

// A trace file's contents, uncompressed; and a valid file around given contents: the damage below
// goes to the parser, not only to zlib.
constexpr qsizetype kBodyAt = 16 + 4; // the magic and the version
QByteArray contentsOf(const QByteArray &file)
{
    const Result<QByteArray> contents = CompressedBlocks::read(file.constData(), file.size(), kBodyAt, 1 << 30);
    if (!contents)
        qFatal("%s", qPrintable(contents.error().text()));
    return *contents;
}

QByteArray fileWith(const QByteArray &contents)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    buffer.write(TraceFile::magic());
    QByteArray version(4, 0);
    putLittleEndian(version, 0, TraceFile::kVersion, 4);
    buffer.write(version);
    CompressedBlockWriter body(buffer);
    body.write(contents);
    body.finish();
    return buffer.data();
}

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void downloadNamesNeverBecomePaths();
    void downloadFileNamesAreOurs();
    void namesAreLimitedAndPlain();
    void parsingManyNamesIsLinear();
    void specialFilesAreRefused();
    void traceCountsAndIndicesAreChecked();
    void everyCountFieldOverwritten();
    void randomlyDamagedTraces();
    void raceWindowEndsAtStop();
    void traceMemoryIsBounded();
    void misbehavingWorkersAreStopped_data();
    void misbehavingWorkersAreStopped();
};

void TestHostileInput::downloadNamesNeverBecomePaths()
{
    // Task names, queue items (as {item}) and URL file names that try to leave the folder.
    QTemporaryDir root;
    const QString folder = root.filePath(QStringLiteral("downloads"));
    QVERIFY(QDir().mkpath(folder));
    const QByteArray json = R"({"title": "t", "executor": {"kind": "threads"},
        "queues": [{"name": "q", "kind": "fifo"}],
        "main": [{"put": {"queue": "q", "item": "../../../item-escape.png"}},
                 {"put": {"queue": "q", "item": "/tmp/absolute.png"}}],
        "tasks": [
          {"name": "../../escaped", "steps": [{"download": {"image": "p.png"}}]},
          {"name": "x/.config/autostart/evil", "steps": [{"download": {"image": "evil.desktop"}}]},
          {"name": "фото-😀", "steps": [{"download": {"image": "фото-😀.png"}}]},
          {"name": "items", "steps": [{"get": "q"}, {"download": {"image": "{item}"}}, {"get": "q"},
                                      {"download": {"image": "{item}"}}]},
          {"name": "url", "steps": [{"download": {"url": "http://127.0.0.1:9/a/..%2F..%2F..%2Fx.png"}},
                                    {"download": {"url": "http://127.0.0.1:9/"}},
                                    {"download": {"url": "http://127.0.0.1:9/%2e%2e"}}]},
          {"name": ")"
        + QByteArray(200 - 1, 'n') + R"(", "steps": [{"download": {"image": ")" + QByteArray(190, 'i') + R"(.png"}}]}
        ]})";
    const auto network = std::make_shared<RecordingNetwork>();
    RunSettings settings;
    settings.network = network;
    settings.downloadDirectory = folder;
    runToEnd(parseOrFail(json), settings);
    QCOMPARE(network->destinations.size(), 9);
    const QString inside = QDir(folder).absolutePath() + u'/';
    for (const QString &path : std::as_const(network->destinations)) {
        QVERIFY2(path.startsWith(inside) && !path.mid(inside.size()).contains(u'/'), qPrintable(path));
        QVERIFY2(path.size() - inside.size() <= 64, qPrintable(path));
    }
    // Nothing but the download folder was made next to it, and nothing below it but its files.
    QCOMPARE(QDir(root.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        QStringList { QStringLiteral("downloads") });
    QDirIterator files(folder, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    int count = 0;
    for (; files.hasNext(); ++count)
        QVERIFY2(QFileInfo(files.next()).isFile(), qPrintable(files.filePath()));
    QCOMPARE(count, 9);
}

void TestHostileInput::downloadFileNamesAreOurs()
{
    QCOMPARE(DownloadFile::name(3, 2, QStringLiteral("photo-7.png")), QStringLiteral("t3-2-photo-7.png"));
    QCOMPARE(DownloadFile::name(-1, 1, QString()), QStringLiteral("main-1-download"));
    QCOMPARE(DownloadFile::name(0, 1, QStringLiteral("../../.bashrc")), QStringLiteral("t0-1-download.bashrc"));
    QCOMPARE(DownloadFile::name(0, 1, QStringLiteral("a\nb\x1b.png")), QStringLiteral("t0-1-a_b_.png"));
    QCOMPARE(DownloadFile::name(0, 1, QString(QChar(0)) + QStringLiteral("x")), QStringLiteral("t0-1-_x"));
    QVERIFY(DownloadFile::name(0, 1, QString(5000, u'a')).size() < 64);
    const Result<QString> outside = DownloadFile::pathInside(QStringLiteral("/tmp/d"), QStringLiteral("../x"));
    QVERIFY(!outside);
    QVERIFY2(
        outside.error().text().contains(QStringLiteral("not a plain file name")), qPrintable(outside.error().text()));
    QVERIFY(!DownloadFile::pathInside(QStringLiteral("/tmp/d"), QStringLiteral("..")));
    QVERIFY(!DownloadFile::pathInside(QStringLiteral("/tmp/d"), QStringLiteral("a/b")));
    QVERIFY(!DownloadFile::pathInside(QStringLiteral("/tmp/d"), QString(QChar(0))));
    QCOMPARE(*DownloadFile::pathInside(QStringLiteral("/tmp/d/"), QStringLiteral("t0-1-x.png")),
        QStringLiteral("/tmp/d/t0-1-x.png"));
    // A link planted in the folder is not written through.
    QTemporaryDir dir;
    QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), dir.filePath(QStringLiteral("t0-1-x.png"))));
    const Result<QString> link = DownloadFile::pathInside(dir.path(), QStringLiteral("t0-1-x.png"));
    QVERIFY(!link);
    QVERIFY2(link.error().text().contains(QStringLiteral("symbolic link")), qPrintable(link.error().text()));
}

void TestHostileInput::namesAreLimitedAndPlain()
{
    auto errorsOf = [](const QByteArray &taskName) {
        return ScenarioParser::parse(R"({"title": "t", "executor": {"kind": "threads"}, "tasks": [{"name": ")"
                + taskName + R"(", "steps": []}]})",
            QStringLiteral("s.json"))
            .error()
            .lines();
    };
    QVERIFY(errorsOf(QByteArray(200, 'a')).isEmpty());
    const QStringList tooLong = errorsOf(QByteArray(100'000, 'a'));
    QCOMPARE(tooLong.size(), 1);
    QCOMPARE(tooLong.first(),
        QStringLiteral("s.json: tasks[0].name: a name may have at most 200 characters, this one has 100000"));
    QCOMPARE(errorsOf("a\\u0000b").value(0),
        QStringLiteral("s.json: tasks[0].name: a name may not hold control characters (U+0000 at character 2)"));
    QCOMPARE(errorsOf("\\u001b[31mred").value(0),
        QStringLiteral("s.json: tasks[0].name: a name may not hold control characters (U+001B at character 1)"));
    QVERIFY(errorsOf("\\u202eevil").value(0).contains(QStringLiteral("U+202E")));
    // An id becomes a file name (export suggestions): only plain characters.
    const auto badId = ScenarioParser::parse(
        R"({"id": "../../x", "title": "t", "executor": {"kind": "threads"}, "tasks": [{"name": "a", "steps": []}]})",
        QStringLiteral("s.json"));
    QVERIFY(badId.error().lines().value(0).startsWith(QStringLiteral("s.json: id: expected at most 64 letters")));
    QCOMPARE(ScenarioParser::safeId(QStringLiteral("../a b")), QStringLiteral("_._a_b"));
    // A file with many errors lists the first ones and counts the rest.
    QByteArray many = R"({"title": "t", "executor": {"kind": "threads"}, "tasks": [)";
    for (int i = 0; i < 500; ++i)
        many += R"({"name": "", "steps": []},)";
    many += R"({"name": "last", "steps": []}]})";
    const QStringList errors = ScenarioParser::parse(many, QStringLiteral("s.json")).error().lines();
    QCOMPARE(errors.size(), JsonReader::kMaxErrors + 1);
    // 500 empty names, 499 of them also used twice: 999 errors.
    QCOMPARE(errors.last(), QStringLiteral("s.json: … and 949 more errors"));
}

void TestHostileInput::parsingManyNamesIsLinear()
{
    // 99 999 distinct print texts, 100 000 queue items and the queue: 200 000 names, each its own.
    QByteArray json = R"({"title": "t", "executor": {"kind": "threads"}, "queues": [{"name": "q", "kind": "fifo"}],
        "tasks": [{"name": "a", "steps": [)";
    for (int i = 0; i < 99'999; ++i)
        json += R"({"print": "line )" + QByteArray::number(i) + R"("},)";
    json += R"({"put": {"queue": "q", "item": "i-{n}", "count": 100000}}]}]})";
    const Result<Scenario> parsed = ScenarioParser::parse(json, QStringLiteral("s.json"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().text()));
    QCOMPARE(parsed->objects.size(), size_t(200'000));
    // One more name is over the limit, and said so.
    json.replace(
        "\"count\": 100000", "\"count\": 100000}}, {\"put\": {\"queue\": \"q\", \"item\": \"z-{n}\", \"count\": 2");
    QVERIFY(ScenarioParser::parse(json, QStringLiteral("s.json"))
                .error()
                .lines()
                .value(0)
                .contains(QStringLiteral("at most 200000 objects")));
    // Over a million queued items in all.
    QByteArray items = R"({"title": "t", "executor": {"kind": "threads"}, "queues": [{"name": "q", "kind": "fifo"}],
        "tasks": [{"name": "a", "steps": [)";
    for (int i = 0; i < 11; ++i)
        items += R"({"put": {"queue": "q", "item": "same", "count": 100000}},)";
    items += R"({"sleep": 1}]}]})";
    QVERIFY(ScenarioParser::parse(items, QStringLiteral("s.json"))
                .error()
                .lines()
                .value(0)
                .contains(QStringLiteral("at most 1000000 items")));
}

void TestHostileInput::specialFilesAreRefused()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("pipe.json"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    // Opening a FIFO would wait for a writer forever: both readers refuse it first.
    QCOMPARE(
        ScenarioParser::parseFile(fifo).error().lines(), QStringList { fifo + QStringLiteral(": not a regular file") });
    QCOMPARE(TraceFile::read(fifo).error().lines(), QStringList { fifo + QStringLiteral(": not a regular file") });
    const QString big = dir.filePath(QStringLiteral("big.json"));
    QFile file(big);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(ScenarioParser::kMaxFileBytes + 1, ' '));
    file.close();
    QCOMPARE(ScenarioParser::parseFile(big).error().lines().value(0),
        big + QStringLiteral(": a scenario file may have at most 4194304 bytes"));
}

void TestHostileInput::traceCountsAndIndicesAreChecked()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.threadlab"));
    auto damaged = [&](auto &&damage) {
        auto copy = std::make_shared<RecordedRun>(*sampleRun());
        damage(*copy);
        if (!TraceFile::write(*copy, path))
            qFatal("cannot write");
        const auto read = TraceFile::read(path);
        if (read)
            return QStringLiteral("accepted");
        return read.error().text().mid(path.size() + 2);
    };
    auto firstTaskLane = [](RecordedRun &r) -> LaneTrack & {
        for (LaneTrack &lane : r.trace.lanes) {
            if (!lane.segments.empty() && lane.info.kind == LaneKind::Thread)
                return lane;
        }
        qFatal("no thread lane");
    };
    QCOMPARE(damaged([](RecordedRun &) {}), QStringLiteral("accepted"));
    QString error = damaged([](RecordedRun &r) { r.trace.resultsOrder.back() = 1'000'000; });
    QVERIFY2(error.contains(QStringLiteral("names task 1000000 of 3")), qPrintable(error));
    QVERIFY2(error.startsWith(QStringLiteral("damaged at byte ")), qPrintable(error));
    error = damaged([&](RecordedRun &r) { firstTaskLane(r).segments.front().task = 99; });
    QVERIFY2(error.contains(QStringLiteral("names task 99 of 3")), qPrintable(error));
    error = damaged([&](RecordedRun &r) { r.trace.lanes.front().info.name = QString(100'000, u'x'); });
    QVERIFY2(error.contains(QStringLiteral("a lane's name has a length of 200000 bytes")), qPrintable(error));
    error = damaged([&](RecordedRun &r) { r.trace.handoffs.push_back(LockHandoff { 0, 77, 0, 0, 0 }); });
    QVERIFY2(error.contains(QStringLiteral("hand-over names a lock or lane")), qPrintable(error));
    error = damaged([&](RecordedRun &r) {
        LaneTrack &lane = firstTaskLane(r);
        std::swap(lane.segments.front(), lane.segments.back());
    });
    QVERIFY2(error.contains(QStringLiteral("starts before the one before it ends"))
            || error.contains(QStringLiteral("ends before it starts")),
        qPrintable(error));
    error = damaged([&](RecordedRun &r) { firstTaskLane(r).marks.front().object = 5'000'000; });
    QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
    // The OS scheduler's data: CPUs and lanes it names must exist, slices must be in order.
    auto withSched = [](RecordedRun &r) {
        r.trace.sched.source = SchedSource::Exact;
        r.trace.sched.cpuCount = 2;
        r.trace.cpus.resize(2);
        r.trace.cpus[0].slices.push_back(CpuSlice { 10, 20, 0, 0 });
        r.trace.lanes.front().os.push_back(OsSlice { 10, 20, 0, true });
    };
    QCOMPARE(damaged(withSched), QStringLiteral("accepted"));
    error = damaged([&](RecordedRun &r) {
        withSched(r);
        r.trace.lanes.front().os.push_back(OsSlice { 30, 40, 7, true });
    });
    QVERIFY2(error.contains(QStringLiteral("names CPU 7 of 2")), qPrintable(error));
    error = damaged([&](RecordedRun &r) {
        withSched(r);
        r.trace.cpus[1].slices.push_back(CpuSlice { 10, 20, 4242, 0 });
    });
    QVERIFY2(error.contains(QStringLiteral("names lane 4242")), qPrintable(error));
    error = damaged([&](RecordedRun &r) {
        withSched(r);
        r.trace.sched.cpuCount = 1'000'000;
    });
    QVERIFY2(error.contains(QStringLiteral("CPU count is out of range")), qPrintable(error));
    // Times past 2^60 ns (36 years) are damage: differences and sums of them would overflow.
    error = damaged([&](RecordedRun &r) { firstTaskLane(r).segments.back().endNs = INT64_MAX; });
    QVERIFY2(error.contains(QStringLiteral("has a time out of range")), qPrintable(error));
    error = damaged([&](RecordedRun &r) { firstTaskLane(r).marks.back().timeNs = kLatestTimeNs + 1; });
    QVERIFY2(error.contains(QStringLiteral("has a time out of range")), qPrintable(error));
    error = damaged([&](RecordedRun &r) { r.trace.lastEventNs = INT64_MIN; });
    QVERIFY2(error.contains(QStringLiteral("start or end time is out of range")), qPrintable(error));
    error = damaged([&](RecordedRun &r) {
        withSched(r);
        r.trace.cpus[1].busyNs = INT64_MAX;
    });
    QVERIFY2(error.contains(QStringLiteral("busy time is out of range")), qPrintable(error));
    // Right at the limit is still a time.
    error = damaged([&](RecordedRun &r) {
        LaneTrack &lane = firstTaskLane(r);
        lane.marks.clear();
        lane.segments.back().endNs = kLatestTimeNs;
        lane.endNs = kLatestTimeNs;
    });
    QCOMPARE(error, QStringLiteral("accepted"));
}

void TestHostileInput::everyCountFieldOverwritten()
{
    // Each byte offset in turn takes a huge count (2^59, which wraps when multiplied by 32) or the
    // largest 32-bit one: every count field of the format is hit once.
    const QByteArray original = contentsOf(trace(sampleRun()));
    QVERIFY(original.size() > 1000);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.threadlab"));
    Outcome outcome;
    for (qsizetype at = 0; at < original.size(); ++at) {
        QByteArray bytes = original;
        putLittleEndian(bytes, at, quint64(1) << 59, 8);
        readDamaged(path, fileWith(bytes), outcome);
        bytes = original;
        putLittleEndian(bytes, at, 0xffffffffu, 4);
        readDamaged(path, fileWith(bytes), outcome);
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(QStringLiteral("at byte %1").arg(at)));
    }
    qInfo("%d damaged traces refused, %d accepted and shown", outcome.refused, outcome.accepted);
    QVERIFY(outcome.refused > 0);
}

void TestHostileInput::randomlyDamagedTraces()
{
    const QByteArray file = trace(sampleRun());
    const QByteArray original = contentsOf(file);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.threadlab"));
    QRandomGenerator random(20261122);
    Outcome outcome;
    for (int round = 0; round < 3000; ++round) {
        // Four in five damage the contents; the fifth the file as it is (compressed).
        const bool whole = round % 5 == 4;
        QByteArray bytes = whole ? file : original;
        switch (round % 4) {
        case 0: // flip a few bits
            for (int i = 0, n = 1 + int(random.bounded(8)); i < n; ++i)
                bytes[qsizetype(random.bounded(bytes.size()))] ^= char(1 << random.bounded(8));
            break;
        case 1: // cut it short
            bytes.truncate(qsizetype(random.bounded(bytes.size())));
            break;
        case 2: // an extreme value somewhere
            putLittleEndian(bytes, qsizetype(random.bounded(bytes.size())),
                std::array<quint64, 4> { 0x7fffffffu, 0x80000000u, ~quint64(0), quint64(1) << 62 }[random.bounded(4)],
                random.bounded(2) ? 4 : 8);
            break;
        case 3: // bytes removed from the middle
            bytes.remove(qsizetype(random.bounded(bytes.size())), 1 + qsizetype(random.bounded(64)));
            break;
        }
        readDamaged(path, whole ? bytes : fileWith(bytes), outcome);
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(QStringLiteral("round %1").arg(round)));
    }
    qInfo("%d damaged traces refused, %d accepted and shown", outcome.refused, outcome.accepted);
}

void TestHostileInput::raceWindowEndsAtStop()
{
    // A one-second race window on every update used to make a stop wait for 256 of them (254 s).
    Run run(parseOrFail(R"({"title": "t", "executor": {"kind": "threads"}, "options": {"lock": false,
        "race_window_us": 1000000}, "tasks": [{"name": "a", "count": 2, "steps": [
        {"add": {"counter": "x", "delta": 1, "times": 1000}}]}]})"));
    run.start();
    QTest::qWait(100);
    run.stop();
    QVERIFY2(run.waitForFinished(10'000), "the run did not end after a stop");
}

void TestHostileInput::traceMemoryIsBounded()
{
    RunSettings settings;
    settings.maxTraceRecords = 5'000;
    const auto run = runToEnd(parseOrFail(R"({"title": "t", "executor": {"kind": "threads"},
        "options": {"lock": false, "race_window_us": 0},
        "tasks": [{"name": "a", "count": 2, "steps": [{"add": {"counter": "x", "delta": 1, "times": 20000}}]}]})"),
        settings);
    const auto recording = run->takeRecording();
    size_t records = recording->trace.handoffs.size();
    for (const LaneTrack &lane : recording->trace.lanes)
        records += lane.segments.size() + lane.marks.size() + lane.lockEvents.size() + lane.counterEvents.size()
            + lane.lostUpdates.size();
    QVERIFY2(records <= 5'000 + recording->trace.lanes.size(), qPrintable(QString::number(records)));
    QVERIFY(recording->eventsDropped >= 80'000 - 5'000);
    QVERIFY(recording->errors.join(u' ').contains(QStringLiteral("memory budget of 5000 records")));
    // The lanes and tasks still end.
    for (const LaneTrack &lane : recording->trace.lanes)
        QVERIFY(lane.endNs > 0 && !lane.hasOpenSegment);
    for (const TaskRecord &task : recording->trace.tasks)
        QVERIFY(task.endNs >= task.beginNs && task.beginNs > 0);
    // Counters are counted, not recorded: they stay exact.
    QCOMPARE(recording->counters.front().expected, 40'000);
}

void TestHostileInput::misbehavingWorkersAreStopped_data()
{
    QTest::addColumn<QByteArray>("mode");
    QTest::addColumn<QString>("message");
    QTest::newRow("result for task 1 000 000")
        << QByteArray("result") << QStringLiteral("which a worker does not record");
    QTest::newRow("event for a lane it did not announce")
        << QByteArray("unknown-lane") << QStringLiteral("did not announce");
    QTest::newRow("task it was not given")
        << QByteArray("foreign-task") << QStringLiteral("names task 5, but it was told to run 0");
    QTest::newRow("60 MB frame") << QByteArray("huge-frame") << QStringLiteral("over the limit of 8388608 bytes");
    QTest::newRow("four billion counters") << QByteArray("bad-report") << QStringLiteral("malformed report");
    QTest::newRow("someone else's pid") << QByteArray("wrong-pid") << QStringLiteral("introduced itself wrongly");
}

void TestHostileInput::misbehavingWorkersAreStopped()
{
    QFETCH(QByteArray, mode);
    QFETCH(QString, message);
    qputenv("THREADLAB_FAKE_WORKER", mode);
    RunSettings settings;
    settings.workerPath = QStringLiteral(THREADLAB_FAKE_WORKER);
    const auto run = runToEnd(parseOrFail(R"({"title": "t", "executor": {"kind": "processes", "workers": 1},
        "tasks": [{"name": "a", "steps": [{"sleep": 1}]}]})"),
        settings);
    qunsetenv("THREADLAB_FAKE_WORKER");
    const auto recording = run->takeRecording();
    const QString errors = recording->errors.join(u'\n');
    QVERIFY2(errors.contains(message) && errors.contains(QStringLiteral("stopped it")), qPrintable(errors));
    // The run ended with a summary; the task did not run anywhere else, so it failed.
    const RunSummary summary = RunSummary::from(*recording);
    QCOMPARE(summary.tasks.size(), size_t(1));
    const TaskSummary &task = summary.tasks.front();
    QVERIFY(!task.ran || task.outcome != TaskOutcome::Completed);
}

QTEST_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
