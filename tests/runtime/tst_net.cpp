#include "base/lanecontext.h"
#include "base/recorder.h"
#include "base/stoptoken.h"
#include "chrometracecheck.h"
#include "httpdownloader.h"
#include "netservices.h"
#include "pngimage.h"
#include "scenario/scenariolibrary.h"
#include "testsupport.h"
#include "trace/chrometraceexport.h"
#include "trace/segment.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace threadlab;
using namespace threadlab::test;

namespace {

QByteArray downloads(int workers, const char *executor, const QString &failures = QString())
{
    return QStringLiteral(R"({"title": "downloads", "executor": {"kind": "%1", "workers": %2},
        "server": {"latency_ms": 200, "failures": {%3}},
        "tasks": [{"name": "photo", "count": 15, "steps": [{"download": {"image": "photo-{n}.png", "kb": 64}}]}]})")
        .arg(QString::fromLatin1(executor))
        .arg(workers)
        .arg(failures)
        .toUtf8();
}

} // namespace

class TestNet : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void generatesRealPngsOfTheAskedSize();
    void serverServesWithLatencyAndFailsAsTold();
    void poolDownloadsSeveralTimesFaster();
    void aFailedDownloadFailsItsTaskOnly();
    void processesDownloadToo();
    void downloadLessonsExportExactly_data();
    void downloadLessonsExportExactly();
};

void TestNet::initTestCase()
{
    Run::setNetworkFactory([] { return std::make_shared<NetServices>(); });
}

void TestNet::generatesRealPngsOfTheAskedSize()
{
    for (int size : { 1024, 100 * 1024, 300 * 1024 }) {
        const QByteArray png = PngImage::generate(QStringLiteral("photo-3.png"), size);
        QCOMPARE(png.size(), size);
        QVERIFY(PngImage::looksLikePng(png));
        const QImage image = QImage::fromData(png, "PNG");
        QCOMPARE(image.size(), QSize(16, 16));
    }
    QCOMPARE(PngImage::generate(QStringLiteral("a.png"), 5000), PngImage::generate(QStringLiteral("a.png"), 5000));
    QVERIFY(PngImage::generate(QStringLiteral("a.png"), 5000) != PngImage::generate(QStringLiteral("b.png"), 5000));
}

void TestNet::serverServesWithLatencyAndFailsAsTold()
{
    NetServices services;
    ServerSettings settings;
    settings.latencyMs = 150;
    settings.failures = { { QStringLiteral("missing.png"), QStringLiteral("404") },
        { QStringLiteral("broken.png"), QStringLiteral("500") },
        { QStringLiteral("reset.png"), QStringLiteral("reset") },
        { QStringLiteral("silent.png"), QStringLiteral("timeout") } };
    const Result<QUrl> server = services.startServer(settings);
    QVERIFY2(server.ok(), qPrintable(server.error().text()));
    const QUrl base = *server;
    QVERIFY(base.isValid() && !base.isEmpty());
    QCOMPARE(base.host(), QStringLiteral("127.0.0.1"));
    QTemporaryDir dir;
    Recorder recorder;
    LaneContext lane(recorder.addLane(LaneInfo {}));
    StopToken stop;
    auto fetch = [&](const QString &name, int timeoutMs = 5000) {
        QUrl url = base.resolved(QUrl(name));
        url.setQuery(QStringLiteral("kb=40"));
        return services.download(lane, url, dir.filePath(name), timeoutMs, stop);
    };
    QElapsedTimer timer;
    timer.start();
    const Result<qint64> ok = fetch(QStringLiteral("photo-1.png"));
    QVERIFY2(ok.ok(), qPrintable(ok.error().text()));
    QVERIFY(timer.elapsed() >= 140); // the latency was there
    QCOMPARE(*ok, 40 * 1024);
    QFile file(dir.filePath(QStringLiteral("photo-1.png")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), PngImage::generate(QStringLiteral("photo-1.png"), 40 * 1024)); // every byte
    // The phases on the lane: waiting for the first byte, receiving, writing the file.
    std::vector<Event> events;
    recorder.drain([](const LaneInfo &) {}, [&](const Event *e, size_t n) { events.insert(events.end(), e, e + n); });
    QCOMPARE(events.size(), size_t(3));
    QCOMPARE(State(events[0].aux), State::IoWait);
    QCOMPARE(events[0].arg, SegmentDetail::kWaitingForFirstByte);
    QCOMPARE(State(events[1].aux), State::IoWait);
    QCOMPARE(events[1].arg, SegmentDetail::kReceiving);
    QCOMPARE(State(events[2].aux), State::Running);
    QVERIFY(events[1].timeNs - events[0].timeNs >= 140'000'000);

    const Result<qint64> missing = fetch(QStringLiteral("missing.png"));
    QVERIFY(!missing);
    QVERIFY2(
        missing.error().text().contains(QStringLiteral("missing.png: HTTP 404")), qPrintable(missing.error().text()));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("missing.png"))));
    const Result<qint64> broken = fetch(QStringLiteral("broken.png"));
    QVERIFY(!broken);
    QVERIFY2(broken.error().text().contains(QStringLiteral("HTTP 500")), qPrintable(broken.error().text()));
    const Result<qint64> reset = fetch(QStringLiteral("reset.png"));
    QVERIFY(!reset);
    QVERIFY2(reset.error().text().startsWith(QStringLiteral("GET ") + base.toString() + QStringLiteral("reset.png: ")),
        qPrintable(reset.error().text()));
    const Result<qint64> silent = fetch(QStringLiteral("silent.png"), 400);
    QVERIFY(!silent);
    QVERIFY2(
        silent.error().text().contains(QStringLiteral("timed out after 400 ms")), qPrintable(silent.error().text()));
    // A refused connection (nothing listens there) is a clear failure too.
    const Result<qint64> refused = services.download(
        lane, QUrl(QStringLiteral("http://127.0.0.1:1/x.png")), dir.filePath(QStringLiteral("x.png")), 2000, stop);
    QVERIFY(!refused);
    QVERIFY2(refused.error().text().startsWith(QStringLiteral("GET http://127.0.0.1:1/x.png: ")),
        qPrintable(refused.error().text()));
}

void TestNet::poolDownloadsSeveralTimesFaster()
{
    const RunSummary sequential = summaryOf(*runToEnd(downloads(1, "sequential")));
    const RunSummary pool = summaryOf(*runToEnd(downloads(8, "pool")));
    QVERIFY2(sequential.errors.isEmpty(), qPrintable(sequential.errors.join(u'\n')));
    QVERIFY2(pool.errors.isEmpty(), qPrintable(pool.errors.join(u'\n')));
    QVERIFY(sequential.wallMs >= 15 * 190); // fifteen waits in a row
    // 15 images x 200 ms on 8 workers: two rounds. Loose enough for a loaded machine.
    QVERIFY2(sequential.wallMs >= 3 * pool.wallMs,
        qPrintable(QStringLiteral("%1 vs %2").arg(sequential.wallMs).arg(pool.wallMs)));
    for (const TaskSummary &task : pool.tasks) {
        QCOMPARE(task.outcome, TaskOutcome::Completed);
        QVERIFY(task.stateMs[size_t(State::IoWait)] >= 190);
    }
}

void TestNet::aFailedDownloadFailsItsTaskOnly()
{
    const auto run = runToEnd(downloads(4, "pool", QStringLiteral(R"("photo-7.png": "404", "photo-11.png": "reset")")));
    const RunSummary s = summaryOf(*run);
    QCOMPARE(task(s, QStringLiteral("photo-7")).outcome, TaskOutcome::Failed);
    QVERIFY2(task(s, QStringLiteral("photo-7")).error.contains(QStringLiteral("HTTP 404")),
        qPrintable(task(s, QStringLiteral("photo-7")).error + s.errors.join(u'|')));
    QCOMPARE(task(s, QStringLiteral("photo-11")).outcome, TaskOutcome::Failed);
    QCOMPARE(run->trace().tasks[10].error, task(s, QStringLiteral("photo-11")).error);
    int completed = 0;
    for (const TaskSummary &t : s.tasks)
        completed += t.outcome == TaskOutcome::Completed ? 1 : 0;
    QCOMPARE(completed, 13);
    QCOMPARE(s.resultsOrder.size(), 13);
    QCOMPARE(s.errors.size(), 2);
    QVERIFY(s.errors.join(u'\n').contains(QStringLiteral("task 'photo-7' failed: GET")));
    QCOMPARE(s.toJson()
                 .value(QStringLiteral("tasks"))
                 .toArray()
                 .at(6)
                 .toObject()
                 .value(QStringLiteral("outcome"))
                 .toString(),
        QStringLiteral("failed"));
}

void TestNet::processesDownloadToo()
{
    QTemporaryDir dir;
    RunSettings settings;
    settings.downloadDirectory = dir.path();
    const auto run = runToEnd(parseOrFail(downloads(2, "processes")), settings);
    const RunSummary s = summaryOf(*run);
    QVERIFY2(s.errors.isEmpty(), qPrintable(s.errors.join(u'\n')));
    for (int n = 1; n <= 15; ++n) {
        // ThreadLab names the file: task instance (n - 1), its first download, the URL's file name.
        QFile file(QDir(dir.path()).filePath(QStringLiteral("t%1-1-photo-%2.png").arg(n - 1).arg(n)));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QCOMPARE(file.readAll(), PngImage::generate(QStringLiteral("photo-%1.png").arg(n), 64 * 1024));
    }
}

void TestNet::downloadLessonsExportExactly_data()
{
    // The lessons tst_exporters cannot run (they need the image server): their Chrome traces read
    // as readers read them.
    QTest::addColumn<QString>("id");
    for (const ScenarioEntry &entry : ScenarioLibrary::builtIns()) {
        if (entry.id.startsWith(QStringLiteral("download")))
            QTest::newRow(qPrintable(entry.id)) << entry.id;
    }
}

void TestNet::downloadLessonsExportExactly()
{
    QFETCH(QString, id);
    Result<Scenario> lesson = ScenarioLibrary::load(id);
    QVERIFY(lesson.ok());
    const auto recording = runToEnd(std::move(*lesson))->takeRecording();
    QVERIFY2(recording->errors.isEmpty(), qPrintable(recording->errors.join(u'\n')));
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(ChromeTraceExport::write(*recording, buffer));
    const QString problem = chromeTraceProblem(buffer.data());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(buffer.data().count("\"ph\":\"f\"") >= 6); // results (and queue hand-offs) bind
}

QTEST_MAIN(TestNet)
#include "tst_net.moc"
