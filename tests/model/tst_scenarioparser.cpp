#include "scenario/expectedtext.h"
#include "scenario/scenariolibrary.h"
#include "scenario/scenariooverrides.h"
#include "scenario/scenarioparser.h"
#include "scenario/sharingcheck.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>

using namespace threadlab;

class TestScenarioParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesEveryStepKind();
    void parsesTheThreadingToolbox();
    void rejects_data();
    void rejects();
    void reportsSyntaxErrorLine();
    void reportsJsonPathOfBadStep();
    void missingFileIsNamed();
    void builtInsAllParse();
    void builtInsHaveTheRequiredIds();
    void overridesApply();
    void expectedOutcomeUsesThisMachinesCores();
    void processesCannotShareQueuesOrEvents();
    void rewritesWithTheChosenSettings();
};

void TestScenarioParser::parsesEveryStepKind()
{
    const Result<Scenario> parsed = ScenarioParser::parseFile(QFINDTESTDATA("data/valid-all-steps.json"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().text()));
    const Scenario &s = *parsed;
    QCOMPARE(s.id, QStringLiteral("all-steps"));
    QCOMPARE(s.executor.kind, ExecutorKind::Pool);
    QCOMPARE(s.executor.workers, 2);
    QCOMPARE(s.executor.results, ResultOrder::InOrder);
    QCOMPARE(s.options.raceWindowNs, 500);
    QCOMPARE(s.tasks.size(), size_t(2));
    QCOMPARE(s.tasks[0].repeat, 2);
    // b has count 2: instances a, b-1, b-2
    QCOMPARE(s.instances.size(), size_t(3));
    QCOMPARE(s.instances[1].name, QStringLiteral("b-1"));
    QCOMPARE(s.instances[2].name, QStringLiteral("b-2"));
    const std::vector<Step> &a = s.tasks[0].steps;
    QCOMPARE(a.size(), size_t(7));
    QCOMPARE(a[0].kind, StepKind::Sleep);
    QCOMPARE(a[0].durationNs, 1'500'000);
    QCOMPARE(a[2].kind, StepKind::Lock);
    QCOMPARE(a[2].steps.size(), size_t(1));
    QCOMPARE(a[2].steps[0].kind, StepKind::Add);
    QCOMPARE(a[2].steps[0].times, 10);
    QCOMPARE(s.objectName(a[2].steps[0].guard), QStringLiteral("L"));
    QCOMPARE(a[2].object, a[2].steps[0].guard);
    // numbered queue items
    QCOMPARE(s.mainSteps.size(), size_t(1));
    QCOMPARE(s.mainSteps[0].items.size(), size_t(3));
    QCOMPARE(s.objectName(s.mainSteps[0].items[2]), QStringLiteral("job-3"));
    // numbered from "first": queue-workers' producer puts job-7 … job-14 after its pause
    const Scenario workers = ScenarioLibrary::load(QStringLiteral("queue-workers")).value();
    const Step &later = workers.tasks[0].steps[2];
    QCOMPARE(later.items.size(), size_t(8));
    QCOMPARE(workers.objectName(later.items.front()), QStringLiteral("job-7"));
    QCOMPARE(workers.objectName(later.items.back()), QStringLiteral("job-14"));
    QCOMPARE(s.tasks[1].steps[1].local, true);
    QCOMPARE(s.tasks[1].steps[2].kind, StepKind::WhileSet);
}

void TestScenarioParser::parsesTheThreadingToolbox()
{
    const Result<Scenario> parsed = ScenarioParser::parse(R"({"title": "t", "executor": {"kind": "threads"},
        "options": {"ordering": true},
        "semaphores": [{"name": "s", "value": 3, "bounded": true}],
        "conditions": [{"name": "c", "lock": "L"}],
        "barriers": [{"name": "b", "parties": 4, "timeout_ms": 250}],
        "tasks": [{"name": "a", "daemon": true, "steps": [
            {"rlock": "R", "timeout_ms": 5, "steps": []},
            {"semaphore": "s", "steps": [{"release": "s"}]},
            {"condition": "c", "steps": [{"wait": {"condition": "c", "until": {"counter": "n", "at_least": 2}}, "timeout_ms": 7},
                                         {"notify": {"condition": "c", "n": 2}}, {"notify_all": "c"}]},
            {"barrier": "b"},
            {"wait": "e", "timeout_ms": 9},
            {"lock": "A", "steps": [{"lock": "B", "steps": [{"lock": "A", "steps": []}]}]}]}]})",
        QStringLiteral("test.json"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().text()));
    const Scenario &s = *parsed;
    QVERIFY(s.options.ordering);
    QVERIFY(s.tasks[0].daemon);
    const std::vector<Step> &steps = s.tasks[0].steps;
    QCOMPARE(steps[0].kind, StepKind::RLock);
    QCOMPARE(steps[0].timeoutNs, 5'000'000);
    QCOMPARE(s.objects[steps[0].object].kind, ObjectKind::RLock);
    QCOMPARE(steps[1].kind, StepKind::Semaphore);
    QCOMPARE(s.objects[steps[1].object].value, 3);
    QVERIFY(s.objects[steps[1].object].bounded);
    QCOMPARE(steps[1].steps[0].kind, StepKind::Release);
    QCOMPARE(steps[2].kind, StepKind::Condition);
    QCOMPARE(s.objectName(s.objects[steps[2].object].lock), QStringLiteral("L"));
    const Step &wait = steps[2].steps[0];
    QCOMPARE(wait.kind, StepKind::ConditionWait);
    QCOMPARE(s.objectName(wait.counter), QStringLiteral("n"));
    QCOMPARE(wait.atLeast, 2);
    QCOMPARE(wait.timeoutNs, 7'000'000);
    QCOMPARE(steps[2].steps[1].kind, StepKind::Notify);
    QCOMPARE(steps[2].steps[1].times, 2);
    QCOMPARE(steps[2].steps[2].kind, StepKind::NotifyAll);
    QCOMPARE(steps[3].kind, StepKind::Barrier);
    QCOMPARE(s.objects[steps[3].object].value, 4);
    QCOMPARE(s.objects[steps[3].object].timeoutNs, 250'000'000);
    QCOMPARE(steps[4].kind, StepKind::Wait);
    QCOMPARE(steps[4].timeoutNs, 9'000'000);
    // A lock step knows the locks its steps take (for lock ordering), each once.
    QCOMPARE(steps[5].nestedLocks.size(), size_t(2));
    QCOMPARE(s.objectName(steps[5].nestedLocks[0]), QStringLiteral("B"));
    QCOMPARE(s.objectName(steps[5].nestedLocks[1]), QStringLiteral("A"));
}

void TestScenarioParser::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    const QByteArray head = R"("title": "t", "executor": {"kind": "threads"}, )";
    auto row = [&](const char *name, const QByteArray &body, const char *expected) {
        QTest::newRow(name) << QByteArray("{" + head + body + "}") << QString::fromUtf8(expected);
    };
    row("unknown top key", R"("tasks": [{"name": "a", "steps": []}], "colour": 1)", "test.json: colour: unknown key");
    row("duplicate top key", R"("tasks": [{"name": "a", "steps": []}], "title": "u")",
        "test.json: title: this key is given again on line 1; give each key once");
    row("duplicate key in a step",
        "\"tasks\": [{\"name\": \"a\", \"steps\": [{\"print\": \"x\"},\n{\"sleep\": 1, \"sleep\": 2}]}]",
        "test.json: tasks[0].steps[1].sleep: this key is given again on line 2");
    row("duplicate key spelled with an escape", R"("tasks": [{"name": "a", "n\u0061me": "b", "steps": []}])",
        "test.json: tasks[0].name: this key is given again");
    row("negative sleep", R"("tasks": [{"name": "a", "steps": [{"sleep": -1}]}])",
        "tasks[0].steps[0].sleep: expected milliseconds >= 0, got -1");
    row("sleep as text", R"("tasks": [{"name": "a", "steps": [{"sleep": "1s"}]}])",
        "tasks[0].steps[0].sleep: expected milliseconds >= 0, got a string");
    row("unknown step", R"("tasks": [{"name": "a", "steps": [{"nap": 1}]}])", "tasks[0].steps[0]: no step kind");
    row("two step kinds", R"("tasks": [{"name": "a", "steps": [{"sleep": 1, "cpu": 1}]}])",
        "tasks[0].steps[0]: more than one step kind: cpu, sleep");
    row("unknown key in step", R"("tasks": [{"name": "a", "steps": [{"sleep": 1, "steps": []}]}])",
        "tasks[0].steps[0].steps: unknown key");
    row("unknown key in add", R"("tasks": [{"name": "a", "steps": [{"add": {"counter": "x", "delta": 1, "by": 2}}]}])",
        "tasks[0].steps[0].add.by: unknown key");
    row("fractional times",
        R"("tasks": [{"name": "a", "steps": [{"add": {"counter": "x", "delta": 1, "times": 1.5}}]}])",
        "tasks[0].steps[0].add.times: expected a whole number from 1");
    row("lock without steps", R"("tasks": [{"name": "a", "steps": [{"lock": "L"}]}])",
        "tasks[0].steps[0].steps: missing");
    row("no tasks", R"("tasks": [])", "tasks: expected a non-empty array");
    row("undeclared queue", R"("tasks": [{"name": "a", "steps": [{"get": "q"}]}])",
        "queue 'q' is used but not declared");
    row("bad queue kind", R"("queues": [{"name": "q", "kind": "stack"}], "tasks": [{"name": "a", "steps": []}])",
        "queues[0].kind: expected fifo, lifo or priority, got 'stack'");
    row("duplicate task", R"("tasks": [{"name": "a", "steps": []}, {"name": "a", "steps": []}])",
        "tasks[1].name: task name 'a' is used twice");
    row("name clash", R"("tasks": [{"name": "a", "steps": [{"lock": "x", "steps": []}, {"set": "x"}]}])",
        "tasks[0].steps[1].set: 'x' is already used as a lock");
    row("local with lock",
        R"("tasks": [{"name": "a", "steps": [{"add": {"counter": "x", "delta": 1, "local": true, "lock": "L"}}]}])",
        "a thread-local counter needs no lock");
    row("join unknown task",
        R"("tasks": [{"name": "a", "steps": []}], "executor": {"kind": "threads", "join": ["zz"]})",
        "executor.join: no task named 'zz'");
    row("get until without steps",
        R"("queues": [{"name": "q", "kind": "fifo"}], "tasks": [{"name": "a", "steps": [{"get": {"queue": "q", "until": "stop"}}]}])",
        "tasks[0].steps[0].steps: missing");
    // Python's threading toolbox: each object's own mistakes, named by their JSON path.
    row("semaphore value below 0",
        R"("semaphores": [{"name": "s", "value": -1}], "tasks": [{"name": "a", "steps": [{"semaphore": "s", "steps": []}]}])",
        "semaphores[0].value: expected a whole number from 0 to 1000000, got -1");
    row("semaphore without value", R"("semaphores": [{"name": "s"}], "tasks": [{"name": "a", "steps": []}])",
        "semaphores[0].value: missing");
    row("undeclared semaphore", R"("tasks": [{"name": "a", "steps": [{"release": "s"}]}])",
        "semaphore 's' is used but not declared");
    row("barrier with 0 parties",
        R"("barriers": [{"name": "b", "parties": 0}], "tasks": [{"name": "a", "steps": [{"barrier": "b"}]}])",
        "barriers[0].parties: expected a whole number from 1 to 1025, got 0");
    row("condition without its lock", R"("conditions": [{"name": "c"}], "tasks": [{"name": "a", "steps": []}])",
        "conditions[0].lock: missing");
    row("condition declared twice",
        R"("conditions": [{"name": "c", "lock": "L"}, {"name": "c", "lock": "L"}], "tasks": [{"name": "a", "steps": []}])",
        "conditions[1].name: condition 'c' is declared twice");
    row("rlock used as a lock",
        R"("tasks": [{"name": "a", "steps": [{"rlock": "R", "steps": []}, {"lock": "R", "steps": []}]}])",
        "tasks[0].steps[1].lock: 'R' is already used as a rlock");
    row("negative timeout", R"("tasks": [{"name": "a", "steps": [{"lock": "L", "timeout_ms": -5, "steps": []}]}])",
        "tasks[0].steps[0].timeout_ms: expected milliseconds >= 0, got -5");
    row("timeout on a sleep", R"("tasks": [{"name": "a", "steps": [{"sleep": 1, "timeout_ms": 5}]}])",
        "tasks[0].steps[0].timeout_ms: unknown key");
    row("predicate on an event's wait",
        R"("tasks": [{"name": "a", "steps": [{"wait": {"event": "e", "until": {"counter": "x", "at_least": 1}}}]}])",
        "tasks[0].steps[0].wait.until: an event's wait has no predicate");
    row("notify of no waiters",
        R"("conditions": [{"name": "c", "lock": "L"}], "tasks": [{"name": "a", "steps": [{"notify": {"condition": "c", "n": 0}}]}])",
        "tasks[0].steps[0].notify.n: expected a whole number from 1 to 1024, got 0");
    QTest::newRow("daemon on a pool") << QByteArray(
        R"({"title": "t", "executor": {"kind": "pool", "workers": 1}, "tasks": [{"name": "a", "daemon": true, "steps": []}]})")
                                      << QStringLiteral("task 'a' is a daemon: daemon tasks need the threads executor");
    QTest::newRow("missing title") << QByteArray(
        R"({"executor": {"kind": "threads"}, "tasks": [{"name": "a", "steps": []}]})")
                                   << QStringLiteral("title: missing");
    QTest::newRow("pool without workers")
        << QByteArray(R"({"title": "t", "executor": {"kind": "pool"}, "tasks": [{"name": "a", "steps": []}]})")
        << QStringLiteral("executor.workers: missing");
    QTest::newRow("unknown executor") << QByteArray(
        R"({"title": "t", "executor": {"kind": "fibers"}, "tasks": [{"name": "a", "steps": []}]})")
                                      << QStringLiteral("executor.kind: unknown executor 'fibers'");
    QTest::newRow("workers zero") << QByteArray(
        R"({"title": "t", "executor": {"kind": "pool", "workers": 0}, "tasks": [{"name": "a", "steps": []}]})")
                                  << QStringLiteral("executor.workers: expected a whole number from 1 to 256, got 0");
    QTest::newRow("not an object") << QByteArray("[1, 2]") << QStringLiteral("expected a JSON object at the top level");
}

void TestScenarioParser::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const Result<Scenario> parsed = ScenarioParser::parse(json, QStringLiteral("test.json"));
    QVERIFY(!parsed.ok());
    const QString all = parsed.error().text();
    QVERIFY2(all.contains(expected), qPrintable(QStringLiteral("got: ") + all));
    for (const QString &error : parsed.error().lines())
        QVERIFY2(error.startsWith(QStringLiteral("test.json: ")), qPrintable(error));
}

void TestScenarioParser::reportsSyntaxErrorLine()
{
    const QString path = QFINDTESTDATA("data/syntax-error.json");
    const Result<Scenario> parsed = ScenarioParser::parseFile(path);
    QCOMPARE(parsed.error().lines().size(), 1);
    QVERIFY2(parsed.error().lines()[0].startsWith(path + QStringLiteral(":4:")), qPrintable(parsed.error().lines()[0]));
    QVERIFY(parsed.error().lines()[0].contains(QStringLiteral("JSON syntax error")));
}

void TestScenarioParser::reportsJsonPathOfBadStep()
{
    const QString path = QFINDTESTDATA("data/bad-step.json");
    const Result<Scenario> parsed = ScenarioParser::parseFile(path);
    QCOMPARE(parsed.error().lines().size(), 1);
    QCOMPARE(parsed.error().lines()[0],
        path + QStringLiteral(": tasks[2].steps[0].sleep: expected milliseconds >= 0, got -5"));
}

void TestScenarioParser::missingFileIsNamed()
{
    const Result<Scenario> parsed = ScenarioLibrary::load(QStringLiteral("/nonexistent/lesson.json"));
    QCOMPARE(parsed.error().lines().size(), 1);
    QCOMPARE(parsed.error().lines()[0], QStringLiteral("/nonexistent/lesson.json: no such file"));
    const Result<Scenario> unknown = ScenarioLibrary::load(QStringLiteral("no-such-lesson"));
    QVERIFY(unknown.error().lines().value(0).contains(QStringLiteral("no built-in scenario by that id")));
}

void TestScenarioParser::builtInsAllParse()
{
    // Every lesson file is listed (the library leaves out one that does not parse) and parses.
    const QList<ScenarioEntry> entries = ScenarioLibrary::builtIns();
    QVERIFY(entries.size() >= 17);
    QCOMPARE(entries.size(), QDir(QStringLiteral(":/scenarios")).entryList({ QStringLiteral("*.json") }).size());
    for (const ScenarioEntry &entry : entries) {
        const Result<Scenario> parsed = ScenarioParser::parseFile(entry.path);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().text()));
        QVERIFY2(!parsed->lesson.isEmpty(), qPrintable(entry.id));
        QVERIFY2(!parsed->pythonCode.isEmpty(), qPrintable(entry.id));
        QVERIFY2(!parsed->expected.isEmpty(), qPrintable(entry.id));
        QCOMPARE(QFileInfo(entry.path).completeBaseName(), entry.id);
        // A scenario keeps its source: the text, not the room read() made for the largest file.
        QCOMPARE(parsed->source.size(), QFileInfo(entry.path).size());
        QVERIFY2(parsed->source.capacity() < 2 * parsed->source.size() + 64, qPrintable(entry.id));
    }
}

void TestScenarioParser::builtInsHaveTheRequiredIds()
{
    QStringList ids;
    for (const ScenarioEntry &entry : ScenarioLibrary::builtIns())
        ids << entry.id;
    for (const char *id : { "sequential-sleep", "threads-no-join", "threads-join", "ten-threads", "pool-submit",
             "pool-as-completed", "pool-map", "square-cube", "print-delays", "process-sleep", "cpu-bound",
             "concurrency-vs-parallelism", "counter-race", "queue-order", "queue-workers", "event-flag", "thread-local",
             "download-sequential", "download-pool", "download-queue", "oversubscribed", "deadlock-two-locks",
             "dining-philosophers", "semaphore-pool", "producer-consumer", "barrier-start", "rlock-recursion",
             "daemon-threads", "lock-timeout" })
        QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
}

void TestScenarioParser::expectedOutcomeUsesThisMachinesCores()
{
    const Scenario s = ScenarioLibrary::load(QStringLiteral("oversubscribed")).value();
    QCOMPARE(ExpectedText::cpuWorkNs(s), int64_t(8) * 400'000'000);
    QCOMPARE(ExpectedText::forMachine(s, 2),
        QStringLiteral("on this machine's 2 cores: about 1.6 s (3.2 s of work shared by 2 cores); each thread "
                       "Runnable about 75% of its time"));
    QVERIFY(ExpectedText::forMachine(s, 16).contains(QStringLiteral("about 0.2 s")));
    QVERIFY(ExpectedText::forMachine(s, 16).contains(QStringLiteral("Runnable about 0%")));
    // No lesson quotes a fixed core count any more.
    for (const ScenarioEntry &entry : ScenarioLibrary::builtIns()) {
        const Scenario lesson = ScenarioParser::parseFile(entry.path).value();
        QVERIFY2(!lesson.expected.contains(QStringLiteral("2 cores")), qPrintable(entry.id));
    }
}

void TestScenarioParser::overridesApply()
{
    Result<Scenario> parsed = ScenarioLibrary::load(QStringLiteral("counter-race"));
    QVERIFY(parsed.ok());
    Scenario s = *parsed;
    ScenarioOverrides overrides;
    overrides.executor = ExecutorKind::Pool;
    overrides.lock = false;
    const QStringList notes = overrides.applyTo(s);
    QCOMPARE(s.executor.kind, ExecutorKind::Pool);
    QCOMPARE(s.executor.workers, 4); // one per task, and said so
    QCOMPARE(notes.size(), 1);
    QVERIFY(notes[0].contains(QStringLiteral("one worker per task")));
    QCOMPARE(s.options.lock, false);
    QCOMPARE(s.options.gil, false);

    Scenario t = *parsed;
    ScenarioOverrides workersOnly;
    workersOnly.workers = 3;
    QVERIFY(workersOnly.applyTo(t).value(0).contains(QStringLiteral("workers ignored")));
    QCOMPARE(t.executor.kind, ExecutorKind::Threads);

    // 300 tasks on processes without a worker count: the limit holds (it used to start 300).
    Result<Scenario> many = ScenarioParser::parse(
        R"({"title": "m", "executor": {"kind": "threads"}, "tasks": [{"name": "t", "count": 300, "steps": [{"sleep": 1}]}]})",
        QStringLiteral("m.json"));
    QVERIFY2(many.ok(), qPrintable(many.ok() ? QString() : many.error().text()));
    ScenarioOverrides processes;
    processes.executor = ExecutorKind::Processes;
    const QStringList said = processes.applyTo(*many);
    QCOMPARE(many->executor.workers, ExecutorSpec::kMaxWorkers);
    QVERIFY2(said.value(0).contains(QStringLiteral("(256, the most allowed)")), qPrintable(said.join(u'\n')));
}

void TestScenarioParser::processesCannotShareQueuesOrEvents()
{
    ScenarioOverrides processes;
    processes.executor = ExecutorKind::Processes;
    processes.workers = 2;
    Scenario workers = ScenarioLibrary::load(QStringLiteral("queue-workers")).value();
    QVERIFY(processSharingProblems(workers).isEmpty()); // threads: fine
    processes.applyTo(workers);
    const QStringList problems = processSharingProblems(workers);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems[0].startsWith(QStringLiteral("queue 'jobs' is shared by producer, worker-1")),
        qPrintable(problems[0]));
    Scenario flag = ScenarioLibrary::load(QStringLiteral("event-flag")).value();
    processes.applyTo(flag);
    QVERIFY(
        processSharingProblems(flag).value(0).startsWith(QStringLiteral("event 'event' is shared by flag, worker")));
    // A queue one task uses on its own is fine in a process.
    Scenario order = ScenarioLibrary::load(QStringLiteral("queue-order")).value();
    processes.applyTo(order);
    QVERIFY(processSharingProblems(order).isEmpty());
}

void TestScenarioParser::rewritesWithTheChosenSettings()
{
    Scenario scenario = ScenarioLibrary::load(QStringLiteral("print-delays")).value();
    ScenarioOverrides overrides;
    overrides.executor = ExecutorKind::Pool;
    overrides.workers = 3;
    overrides.gil = true;
    overrides.applyTo(scenario);
    const Result<Scenario> saved
        = ScenarioParser::parse(ScenarioOverrides::rewrite(scenario), QStringLiteral("saved.json"));
    QVERIFY2(saved.ok(), qPrintable(saved.error().text()));
    QCOMPARE(saved->executor.kind, ExecutorKind::Pool);
    QCOMPARE(saved->executor.workers, 3);
    QCOMPARE(saved->executor.join, JoinMode::All); // join belongs to threads only: dropped
    QCOMPARE(saved->options.gil, true);
    QCOMPARE(saved->title, scenario.title);
    QCOMPARE(saved->instances.size(), scenario.instances.size());
}

QTEST_GUILESS_MAIN(TestScenarioParser)
#include "tst_scenarioparser.moc"
