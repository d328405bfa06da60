#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result threadlab(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(THREADLAB_BINARY), arguments);
    if (!process.waitForFinished(120'000)) {
        process.kill();
        process.waitForFinished();
    }
    return Result { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError()) };
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsBuiltIns();
    void badCommandLines_data();
    void badCommandLines();
    void badScenarioFileNamesThePlace();
    void writesSummaryJson();
    void summaryJsonToStdout();
    void unwritableSummaryFails();
    void exportsEveryFormat();
    void rejectsUnknownExportFormats();
    void sweepsCombinations();
    void showsVersionAndHelp();
    void everyCommandAndOptionIsInTheManPage();
    void suggestsTheIdMeant();
    void listsAsJson();
    void reExportsASavedTrace();
    void refusesToRunATrace();
    void showsNoProgressWhenNotATerminal();
    void qtOptionsGoToQt();
    void tracesAProgram();
    void traceAndAttachRefuseWhatCannotBeTraced();
};

void TestCli::listsBuiltIns()
{
    const Result r = threadlab({ QStringLiteral("list") });
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 17);
    QVERIFY(r.out.contains(QStringLiteral("counter-race")));
    QVERIFY(r.out.contains(QStringLiteral("Counter race")));
}

void TestCli::badCommandLines_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown command") << QStringList { QStringLiteral("fly") }
                                     << QStringLiteral("unknown command 'fly'");
    QTest::newRow("unknown option") << QStringList { QStringLiteral("run"), QStringLiteral("ten-threads"),
        QStringLiteral("--fast") } << QStringLiteral("Unknown option 'fast'");
    QTest::newRow("bad executor") << QStringList {
        QStringLiteral("run"), QStringLiteral("ten-threads"), QStringLiteral("--executor"), QStringLiteral("fibers")
    } << QStringLiteral("--executor: expected sequential, threads, pool or processes, got 'fibers'");
    QTest::newRow("bad workers") << QStringList { QStringLiteral("run"), QStringLiteral("ten-threads"),
        QStringLiteral("--workers"), QStringLiteral("0") }
                                 << QStringLiteral("--workers: expected a whole number from 1 to 256, got '0'");
    QTest::newRow("bad lock") << QStringList { QStringLiteral("run"), QStringLiteral("counter-race"),
        QStringLiteral("--lock"), QStringLiteral("maybe") }
                              << QStringLiteral("--lock: expected on or off, got 'maybe'");
    QTest::newRow("no scenario") << QStringList { QStringLiteral("run") } << QStringLiteral("which scenario?");
    QTest::newRow("list with args") << QStringList { QStringLiteral("list"), QStringLiteral("x") }
                                    << QStringLiteral("threadlab list: takes no arguments, got 'x'");
    QTest::newRow("mistyped command") << QStringList { QStringLiteral("rnu"), QStringLiteral("ten-threads") }
                                      << QStringLiteral("unknown command 'rnu'; did you mean 'run'?");
    QTest::newRow("export without outputs") << QStringList { QStringLiteral("export"), QStringLiteral("a.threadlab") }
                                            << QStringLiteral("threadlab export: where to?");
    QTest::newRow("help for no command") << QStringList { QStringLiteral("help"),
        QStringLiteral("fly") } << QStringLiteral("help: expected one of list, run, sweep, trace, attach, export");
}

void TestCli::badCommandLines()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Result r = threadlab(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("usage:")));
}

void TestCli::badScenarioFileNamesThePlace()
{
    const QString path = QFINDTESTDATA("data/bad-step.json");
    const Result r = threadlab({ QStringLiteral("run"), path });
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(path + QStringLiteral(": tasks[2].steps[0].sleep: expected milliseconds >= 0")),
        qPrintable(r.err));
    const Result shared = threadlab({ QStringLiteral("run"), QStringLiteral("queue-workers"),
        QStringLiteral("--executor"), QStringLiteral("processes"), QStringLiteral("--workers"), QStringLiteral("2") });
    QCOMPARE(shared.exitCode, 3);
    QVERIFY2(
        shared.err.contains(QStringLiteral("queue 'jobs' is shared by producer, worker-1")), qPrintable(shared.err));
    const Result missing = threadlab({ QStringLiteral("run"), QStringLiteral("no-such-lesson") });
    QCOMPARE(missing.exitCode, 3);
    QVERIFY(missing.err.contains(QStringLiteral("no-such-lesson: no built-in scenario")));
}

void TestCli::writesSummaryJson()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("summary.json"));
    const Result r = threadlab({ QStringLiteral("run"), QFINDTESTDATA("data/quick.json"),
        QStringLiteral("--summary-json"), file, QStringLiteral("--gil"), QStringLiteral("on") });
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(QStringLiteral("wall ")));
    QFile json(file);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject s = QJsonDocument::fromJson(json.readAll()).object();
    QCOMPARE(s.value(QStringLiteral("scenario")).toString(), QStringLiteral("quick"));
    QCOMPARE(s.value(QStringLiteral("executor")).toObject().value(QStringLiteral("kind")).toString(),
        QStringLiteral("pool"));
    QCOMPARE(s.value(QStringLiteral("executor")).toObject().value(QStringLiteral("workers")).toInt(), 2);
    QCOMPARE(s.value(QStringLiteral("options")).toObject().value(QStringLiteral("gil")).toBool(), true);
    QCOMPARE(s.value(QStringLiteral("options")).toObject().value(QStringLiteral("lock")).toBool(), true);
    const double wall = s.value(QStringLiteral("wall_ms")).toDouble();
    QVERIFY2(wall >= 149 && wall < 10'000, qPrintable(QString::number(wall)));
    QVERIFY(s.value(QStringLiteral("main_ms")).toDouble() >= wall);
    const QJsonArray lanes = s.value(QStringLiteral("lanes")).toArray();
    QCOMPARE(lanes.size(), 3);
    QCOMPARE(lanes[0].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("main"));
    QVERIFY(lanes[1].toObject().value(QStringLiteral("tid")).toInteger() > 0);
    const QJsonArray tasks = s.value(QStringLiteral("tasks")).toArray();
    QCOMPARE(tasks.size(), 2);
    const QJsonObject slow = tasks[0].toObject();
    QCOMPARE(slow.value(QStringLiteral("name")).toString(), QStringLiteral("slow"));
    QVERIFY(slow.value(QStringLiteral("state_ms")).toObject().value(QStringLiteral("Sleeping")).toDouble() >= 149);
    QVERIFY(slow.value(QStringLiteral("end_ms")).toDouble() > slow.value(QStringLiteral("start_ms")).toDouble());
    QCOMPARE(s.value(QStringLiteral("results_order")).toArray(),
        (QJsonArray { QStringLiteral("fast"), QStringLiteral("slow") }));
    const QJsonObject lock = s.value(QStringLiteral("locks")).toArray().at(0).toObject();
    QCOMPARE(lock.value(QStringLiteral("name")).toString(), QStringLiteral("L"));
    QCOMPARE(lock.value(QStringLiteral("acquisitions")).toInt(), 10);
    for (const char *key : { "contended", "wait_ms_total", "wait_ms_max", "hold_ms_total" })
        QVERIFY2(lock.contains(QLatin1String(key)), key);
    const QJsonObject x = s.value(QStringLiteral("counters")).toArray().at(0).toObject();
    QCOMPARE(x.value(QStringLiteral("name")).toString(), QStringLiteral("x"));
    QCOMPARE(x.value(QStringLiteral("expected")).toInt(), 10);
    QCOMPARE(x.value(QStringLiteral("actual")).toInt(), 10);
    QCOMPARE(x.value(QStringLiteral("lost_updates")).toInt(), 0);
    QVERIFY(x.value(QStringLiteral("process")).toInteger() > 0);
    const QJsonObject events = s.value(QStringLiteral("events")).toObject();
    QVERIFY(events.value(QStringLiteral("recorded")).toInt() > 20);
    QCOMPARE(events.value(QStringLiteral("dropped")).toInt(), 0);
}

void TestCli::summaryJsonToStdout()
{
    const Result r = threadlab({ QStringLiteral("run"), QStringLiteral("queue-order"), QStringLiteral("--summary-json"),
        QStringLiteral("-") });
    QCOMPARE(r.exitCode, 0);
    QJsonParseError error;
    const QJsonObject s = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray queues = s.value(QStringLiteral("queues")).toArray();
    QCOMPARE(queues.size(), 3);
    auto gets = [&](int i) {
        return queues[i].toObject().value(QStringLiteral("gets")).toVariant().toStringList().join(QString());
    };
    QCOMPARE(gets(0), QStringLiteral("ABCDE"));
    QCOMPARE(gets(1), QStringLiteral("EDCBA"));
    QCOMPARE(gets(2), QStringLiteral("BDACE"));
    QVERIFY(r.err.contains(QStringLiteral("queue-order")));
}

void TestCli::unwritableSummaryFails()
{
    const Result r = threadlab({ QStringLiteral("run"), QStringLiteral("queue-order"), QStringLiteral("--summary-json"),
        QStringLiteral("/nonexistent-dir/summary.json") });
    QCOMPARE(r.exitCode, 5);
    QVERIFY2(r.err.contains(QStringLiteral("cannot write '/nonexistent-dir/summary.json'")), qPrintable(r.err));
}

void TestCli::exportsEveryFormat()
{
    QTemporaryDir dir;
    QStringList arguments { QStringLiteral("run"), QFINDTESTDATA("data/quick.json"), QStringLiteral("--export-size"),
        QStringLiteral("1200x500") };
    for (const char *ext : { "png", "svg", "pdf", "csv", "json", "threadlab" })
        arguments << QStringLiteral("--export") << dir.filePath(QStringLiteral("out.") + QLatin1String(ext));
    const Result r = threadlab(arguments);
    QCOMPARE(r.exitCode, 0);
    const QImage png(dir.filePath(QStringLiteral("out.png")));
    QCOMPARE(png.size(), QSize(1200, 500));
    QFile pdf(dir.filePath(QStringLiteral("out.pdf")));
    QVERIFY(pdf.open(QIODevice::ReadOnly) && pdf.read(5) == "%PDF-");
    QFile csv(dir.filePath(QStringLiteral("out.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readLine().startsWith("lane,pid,tid,state,start_ns"));
    QFile json(dir.filePath(QStringLiteral("out.json")));
    QVERIFY(json.open(QIODevice::ReadOnly));
    QVERIFY(
        QJsonDocument::fromJson(json.readAll()).object().value(QStringLiteral("traceEvents")).toArray().size() > 10);
    QFile native(dir.filePath(QStringLiteral("out.threadlab")));
    QVERIFY(native.open(QIODevice::ReadOnly) && native.read(16) == "THREADLAB-TRACE\n");
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("out.svg"))));
}

void TestCli::rejectsUnknownExportFormats()
{
    const Result r = threadlab(
        { QStringLiteral("run"), QStringLiteral("queue-order"), QStringLiteral("--export"), QStringLiteral("x.bmp") });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--export: 'x.bmp': use .png, .svg, .pdf, .csv, .json or .threadlab")),
        qPrintable(r.err));
    const Result size = threadlab({ QStringLiteral("run"), QStringLiteral("queue-order"),
        QStringLiteral("--export-size"), QStringLiteral("huge") });
    QCOMPARE(size.exitCode, 2);
    QVERIFY(size.err.contains(QStringLiteral("--export-size: expected WIDTHxHEIGHT")));
}

void TestCli::sweepsCombinations()
{
    QTemporaryDir dir;
    const QString chart = dir.filePath(QStringLiteral("sweep.png"));
    const Result r = threadlab({ QStringLiteral("sweep"), QFINDTESTDATA("data/quick.json"), QStringLiteral("--workers"),
        QStringLiteral("1,2"), QStringLiteral("--executor"), QStringLiteral("pool,threads"),
        QStringLiteral("--summary-json"), QStringLiteral("-"), QStringLiteral("--export"), chart });
    QCOMPARE(r.exitCode, 0);
    const QJsonObject s = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonArray runs = s.value(QStringLiteral("runs")).toArray();
    QCOMPARE(runs.size(), 3); // pool x1, pool x2, threads (workers do not apply)
    QCOMPARE(runs[0].toObject().value(QStringLiteral("workers")).toInt(), 1);
    QCOMPARE(runs[1].toObject().value(QStringLiteral("workers")).toInt(), 2);
    QCOMPARE(runs[2].toObject().value(QStringLiteral("executor")).toString(), QStringLiteral("threads"));
    QCOMPARE(runs[0].toObject().value(QStringLiteral("speedup")).toDouble(), 1.0);
    // quick.json: 150 ms and 20 ms sleeps; on one worker they add up, on two they overlap.
    const double one = runs[0].toObject().value(QStringLiteral("wall_ms")).toDouble();
    const double two = runs[1].toObject().value(QStringLiteral("wall_ms")).toDouble();
    QVERIFY2(one > two, qPrintable(QStringLiteral("%1 vs %2").arg(one).arg(two)));
    QVERIFY(r.err.contains(QStringLiteral("worker counts do not apply to the threads executor")));
    QVERIFY(r.err.contains(QStringLiteral("speedup")));
    const QImage image(chart);
    QVERIFY(!image.isNull());
    const Result bad = threadlab(
        { QStringLiteral("sweep"), QStringLiteral("quick"), QStringLiteral("--workers"), QStringLiteral("1,zero") });
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(QStringLiteral("--workers: expected a list of whole numbers")), qPrintable(bad.err));
}

void TestCli::showsVersionAndHelp()
{
    const Result version = threadlab({ QStringLiteral("--version") });
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out, QStringLiteral("threadlab " THREADLAB_VERSION "\n"));
    const Result overview = threadlab({ QStringLiteral("--help") });
    QCOMPARE(overview.exitCode, 0);
    for (const char *command : { "list", "run", "sweep", "export", "help", "exit codes" })
        QVERIFY2(overview.out.contains(QLatin1String(command)), command);
    const Result runHelp = threadlab({ QStringLiteral("run"), QStringLiteral("--help") });
    QCOMPARE(runHelp.exitCode, 0);
    QVERIFY(runHelp.out.startsWith(QStringLiteral("usage: threadlab run <id|file.json> [options]")));
    QVERIFY(runHelp.out.contains(QStringLiteral("--export-size <WxH>")));
    QVERIFY(runHelp.out.contains(QStringLiteral("lose")));
    // `help run` is the same text.
    QCOMPARE(threadlab({ QStringLiteral("help"), QStringLiteral("run") }).out, runHelp.out);
    for (const char *command : { "list", "sweep", "export" }) {
        const Result r = threadlab({ QLatin1String(command), QStringLiteral("-h") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("usage: threadlab ") + QLatin1String(command)), qPrintable(r.out));
    }
}

void TestCli::everyCommandAndOptionIsInTheManPage()
{
    QFile file(QFINDTESTDATA("../resources/man/threadlab.1"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString man = QString::fromUtf8(file.readAll()).replace(QStringLiteral("\\-"), QStringLiteral("-"));
    // Each command's section lists the options its --help shows.
    const QStringList commands { QStringLiteral("list"), QStringLiteral("run"), QStringLiteral("sweep"),
        QStringLiteral("trace"), QStringLiteral("attach"), QStringLiteral("export") };
    for (const QString &command : commands) {
        const qsizetype section
            = man.indexOf(QRegularExpression(QStringLiteral("^\\.BI? \"?") + command + QStringLiteral("\\b"),
                              QRegularExpression::MultilineOption),
                man.indexOf(QStringLiteral(".SH COMMANDS")));
        QVERIFY2(section >= 0, qPrintable(command));
        const qsizetype end = man.indexOf(QStringLiteral(".RE"), section);
        const QString options = man.mid(section, end - section);
        const QString help = threadlab({ command, QStringLiteral("--help") }).out;
        const QRegularExpression option(QStringLiteral("\\s(--[a-z-]+)"));
        int found = 0;
        for (auto it = option.globalMatch(help.mid(help.indexOf(QStringLiteral("Options:")))); it.hasNext();) {
            const QString name = it.next().captured(1);
            if (name == QStringLiteral("--help"))
                continue;
            ++found;
            QVERIFY2(options.contains(name), qPrintable(command + u' ' + name));
        }
        QVERIFY(found >= 1);
    }
    for (const char *code : { ".B 0", ".B 2", ".B 3", ".B 4", ".B 5", ".B 6", ".B 7" })
        QVERIFY2(man.contains(QLatin1String(code)), code);
}

void TestCli::suggestsTheIdMeant()
{
    const Result r = threadlab({ QStringLiteral("run"), QStringLiteral("ten-thread") });
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("did you mean 'ten-threads'?")), qPrintable(r.err));
    const Result far = threadlab({ QStringLiteral("run"), QStringLiteral("zebra") });
    QCOMPARE(far.exitCode, 3);
    QVERIFY(!far.err.contains(QStringLiteral("did you mean")));
}

void TestCli::listsAsJson()
{
    const Result r = threadlab({ QStringLiteral("list"), QStringLiteral("--json") });
    QCOMPARE(r.exitCode, 0);
    const QJsonArray list = QJsonDocument::fromJson(r.out.toUtf8()).array();
    const Result table = threadlab({ QStringLiteral("list") });
    QCOMPARE(list.size(), table.out.count(u'\n'));
    QStringList ids;
    for (const QJsonValue &entry : list) {
        ids << entry[QStringLiteral("id")].toString();
        QVERIFY(!entry[QStringLiteral("title")].toString().isEmpty());
        QVERIFY(!entry[QStringLiteral("topic")].toString().isEmpty());
    }
    QVERIFY(ids.contains(QStringLiteral("counter-race")));
}

void TestCli::reExportsASavedTrace()
{
    QTemporaryDir dir;
    const QString saved = dir.filePath(QStringLiteral("saved.threadlab"));
    QCOMPARE(threadlab({ QStringLiteral("run"), QFINDTESTDATA("data/quick.json"), QStringLiteral("--export"), saved,
                           QStringLiteral("--export"), dir.filePath(QStringLiteral("direct.csv")) })
                 .exitCode,
        0);
    const Result r = threadlab({ QStringLiteral("export"), saved, dir.filePath(QStringLiteral("again.csv")),
        dir.filePath(QStringLiteral("again.png")), QStringLiteral("--export-size"), QStringLiteral("800x400") });
    QCOMPARE(r.exitCode, 0);
    // The saved trace gives the same segments as the run that wrote it.
    QFile direct(dir.filePath(QStringLiteral("direct.csv")));
    QFile again(dir.filePath(QStringLiteral("again.csv")));
    QVERIFY(direct.open(QIODevice::ReadOnly) && again.open(QIODevice::ReadOnly));
    const QByteArray expected = direct.readAll();
    QVERIFY(expected.count('\n') > 3);
    QCOMPARE(again.readAll(), expected);
    QCOMPARE(QImage(dir.filePath(QStringLiteral("again.png"))).size(), QSize(800, 400));
    // Natural size: with the title line (what was run) it is that much taller than without; its
    // band is white with dark text where the chart without it has its axis.
    QCOMPARE(threadlab({ QStringLiteral("export"), saved, dir.filePath(QStringLiteral("titled.png")) }).exitCode, 0);
    QCOMPARE(threadlab({ QStringLiteral("export"), saved, dir.filePath(QStringLiteral("plain.png")),
                           QStringLiteral("--export-title"), QStringLiteral("off") })
                 .exitCode,
        0);
    constexpr int kTitleHeight = 24; // ChartExporter::kTitleHeight (this test links no chart code)
    const QImage titled(dir.filePath(QStringLiteral("titled.png")));
    const QImage plain(dir.filePath(QStringLiteral("plain.png")));
    QCOMPARE(titled.height(), plain.height() + kTitleHeight);
    int dark = 0;
    for (int x = 0; x < 300; ++x)
        for (int y = 0; y < kTitleHeight; ++y)
            dark += qGray(titled.pixel(x, y)) < 100 ? 1 : 0;
    QVERIFY2(dark > 20, qPrintable(QString::number(dark))); // the title's letters
    QCOMPARE(titled.pixel(titled.width() - 2, 2), qRgb(255, 255, 255));
    QCOMPARE(threadlab({ QStringLiteral("export"), saved, dir.filePath(QStringLiteral("x.png")),
                           QStringLiteral("--export-title"), QStringLiteral("maybe") })
                 .exitCode,
        2);
    // A damaged trace is named with the byte where it breaks; nothing is written.
    QFile damaged(dir.filePath(QStringLiteral("damaged.threadlab")));
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    damaged.write("THREADLAB-TRACE\n\x02\x00", 18);
    damaged.close();
    const Result bad
        = threadlab({ QStringLiteral("export"), damaged.fileName(), dir.filePath(QStringLiteral("x.png")) });
    QCOMPARE(bad.exitCode, 3);
    QVERIFY2(bad.err.contains(damaged.fileName() + QStringLiteral(": damaged at byte")), qPrintable(bad.err));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.png"))));
}

void TestCli::refusesToRunATrace()
{
    QTemporaryDir dir;
    const QString saved = dir.filePath(QStringLiteral("saved.threadlab"));
    QCOMPARE(threadlab({ QStringLiteral("run"), QFINDTESTDATA("data/quick.json"), QStringLiteral("--export"), saved })
                 .exitCode,
        0);
    const Result r = threadlab({ QStringLiteral("run"), saved });
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(saved + QStringLiteral(": this is a recorded trace, not a scenario")), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("threadlab export ")));
}

void TestCli::showsNoProgressWhenNotATerminal()
{
    const Result r = threadlab({ QStringLiteral("run"), QFINDTESTDATA("data/quick.json") });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(!r.err.contains(QStringLiteral("running")) && !r.err.contains(u'\r'), qPrintable(r.err));
}

void TestCli::qtOptionsGoToQt()
{
    // -platform and -style are Qt's: they are taken out before ThreadLab looks, so the only
    // complaint is about the option nobody knows (and no window opens).
    const Result r = threadlab({ QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("-style"),
        QStringLiteral("fusion"), QStringLiteral("--bogus") });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("unknown option '--bogus'")), qPrintable(r.err));
    QVERIFY(!r.err.contains(QStringLiteral("'-platform'")) && !r.err.contains(QStringLiteral("'-style'")));
}

void TestCli::tracesAProgram()
{
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("summary.json"));
    const QString saved = dir.filePath(QStringLiteral("trace.threadlab"));
    const Result r = threadlab({ QStringLiteral("trace"), QStringLiteral("--sched"), QStringLiteral("sampled"),
        QStringLiteral("--summary-json"), json, QStringLiteral("--export"), saved, QStringLiteral("--"),
        QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("sleep 0.2; exit 3") });
    QCOMPARE(r.exitCode, 0); // ThreadLab's own: it traced; the program's status is in the summary
    QVERIFY2(r.out.contains(QStringLiteral("exited with status 3")), qPrintable(r.out));
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject summary = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject program = summary[QStringLiteral("program")].toObject();
    QCOMPARE(program[QStringLiteral("exit_code")].toInt(), 3);
    QCOMPARE(program[QStringLiteral("command")].toArray().size(), 3);
    QCOMPARE(
        summary[QStringLiteral("sched")].toObject()[QStringLiteral("source")].toString(), QStringLiteral("sampled"));
    QVERIFY(summary[QStringLiteral("lanes")].toArray().size() >= 2); // the shell and its sleep
    // The saved trace exports again without running anything.
    const Result again = threadlab({ QStringLiteral("export"), saved, dir.filePath(QStringLiteral("again.csv")) });
    QCOMPARE(again.exitCode, 0);
}

void TestCli::traceAndAttachRefuseWhatCannotBeTraced()
{
    const Result missing
        = threadlab({ QStringLiteral("trace"), QStringLiteral("--"), QStringLiteral("no-such-program-x") });
    QCOMPARE(missing.exitCode, 7);
    QVERIFY2(missing.err.contains(QStringLiteral("'no-such-program-x': no such program")), qPrintable(missing.err));
    const Result none = threadlab({ QStringLiteral("trace") });
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.contains(QStringLiteral("which program?")), qPrintable(none.err));
    const Result before
        = threadlab({ QStringLiteral("trace"), QStringLiteral("extra"), QStringLiteral("--"), QStringLiteral("true") });
    QCOMPARE(before.exitCode, 2);
    const Result gone = threadlab({ QStringLiteral("attach"), QStringLiteral("999999999") });
    QCOMPARE(gone.exitCode, 7);
    QVERIFY2(gone.err.contains(QStringLiteral("there is no process 999999999")), qPrintable(gone.err));
    const Result word = threadlab({ QStringLiteral("attach"), QStringLiteral("firefox") });
    QCOMPARE(word.exitCode, 2);
    const Result seconds = threadlab(
        { QStringLiteral("attach"), QStringLiteral("1"), QStringLiteral("--seconds"), QStringLiteral("0") });
    QCOMPARE(seconds.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
