#include "scenario/scenarioparser.h"

#include "base/clock.h"
#include "base/coretext.h"
#include "base/textsafety.h"
#include "scenario/duplicatekeys.h"
#include "scenario/jsonreader.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <cmath>

namespace threadlab {

namespace {

constexpr int kMaxWorkers = ExecutorSpec::kMaxWorkers;
constexpr int kMaxInstances = ExecutorSpec::kMaxInstances;

QPair<int, int> lineAndColumn(const QByteArray &text, int offset)
{
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return { line, column };
}

} // namespace

QString ScenarioParser::safeId(const QString &text)
{
    QString id;
    for (const QChar c : text) {
        if (id.size() == kMaxIdLength)
            break;
        id += isPlainNameCharacter(c) || (c == u'.' && !id.isEmpty()) ? c : u'_';
    }
    return id;
}

ScenarioParser::ScenarioParser(const QString &origin)
    : m_origin(origin)
    , m_json(origin, m_errors)
    , m_steps(m_json, m_scenario,
          [this](ObjectKind kind, const QString &name, const QString &path) { return intern(kind, name, path); })
    , m_declarations(m_json, m_scenario,
          [this](ObjectKind kind, const QString &name, const QString &path) { return intern(kind, name, path); })
{ }

Result<Scenario> ScenarioParser::parseFile(const QString &path)
{
    QFile file(path);
    if (QFileInfo(path).exists() && !QFileInfo(path).isFile())
        return Error(path + Text::tr(": not a regular file"));
    if (!file.open(QIODevice::ReadOnly))
        return Error(path + Text::tr(": cannot open scenario file: ") + file.errorString());
    // read() at most one byte past the limit: a larger file (or an endless one, like a pipe) is refused.
    QByteArray json = file.read(kMaxFileBytes + 1);
    if (json.size() > kMaxFileBytes)
        return Error(path + Text::tr(": a scenario file may have at most %1 bytes").arg(kMaxFileBytes));
    // read() made room for the limit; the scenario keeps its source, so keep only what was read
    // (every loaded scenario held 8 MB before).
    json.squeeze();
    return parse(json, path);
}

Result<Scenario> ScenarioParser::parse(const QByteArray &json, const QString &origin)
{
    if (json.size() > kMaxFileBytes)
        return Error(origin + Text::tr(": a scenario may have at most %1 bytes").arg(kMaxFileBytes));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(json, parseError.offset);
        return Error(origin + u':' + QString::number(line) + u':' + QString::number(column)
            + Text::tr(": JSON syntax error: ") + parseError.errorString());
    }
    if (!document.isObject())
        return Error(origin + Text::tr(": expected a JSON object at the top level"));
    ScenarioParser parser(origin);
    parser.m_scenario.source = json;
    parser.m_scenario.origin = origin;
    // A key given twice is refused like an unknown one (QJsonDocument would keep the later one).
    for (const DuplicateKeys::Duplicate &twice : DuplicateKeys::find(json, size_t(JsonReader::kMaxErrors)))
        parser.m_json.error(
            twice.path, Text::tr("this key is given again on line %1; give each key once").arg(twice.line));
    parser.parseRoot(document.object());
    parser.m_json.finish();
    return parser.result();
}

Result<Scenario> ScenarioParser::result()
{
    if (!m_errors.isEmpty())
        return Error(std::move(m_errors));
    return std::move(m_scenario);
}

uint32_t ScenarioParser::intern(ObjectKind kind, const QString &name, const QString &path)
{
    // A name may stand for one text and one object of another kind (a queue item named like a lock).
    const QList<uint32_t> ids = m_objectIds.values(name);
    for (uint32_t id : ids) {
        const ObjectSpec &object = m_scenario.objects[id];
        if (object.kind == kind)
            return id;
        if (kind != ObjectKind::Text && object.kind != ObjectKind::Text) {
            m_json.error(path,
                u'\'' + name + Text::tr("' is already used as a ") + objectKindName(object.kind)
                    + Text::tr(", cannot also be a ") + objectKindName(kind));
            return kNoObject;
        }
    }
    if (m_scenario.objects.size() >= size_t(kMaxObjects)) {
        m_json.error(path, Text::tr("a scenario may name at most %1 objects and texts").arg(kMaxObjects));
        return kNoObject;
    }
    const auto id = static_cast<uint32_t>(m_scenario.objects.size());
    m_scenario.objects.push_back(ObjectSpec { kind, name, QueueKind::Fifo });
    m_objectIds.insert(name, id);
    return id;
}

void ScenarioParser::parseRoot(const QJsonObject &root)
{
    m_json.checkKeys(root, QString(),
        { QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("topic"), QStringLiteral("lesson"),
            QStringLiteral("expected"), QStringLiteral("compare_with"), QStringLiteral("code"),
            QStringLiteral("executor"), QStringLiteral("options"), QStringLiteral("queues"),
            QStringLiteral("semaphores"), QStringLiteral("conditions"), QStringLiteral("barriers"),
            QStringLiteral("main"), QStringLiteral("tasks"), QStringLiteral("server") });
    Scenario &s = m_scenario;
    if (root.contains(QStringLiteral("id"))) {
        s.id = m_json.string(root.value(QStringLiteral("id")), QStringLiteral("id")).value_or(QString());
        if (!s.id.isEmpty() && safeId(s.id) != s.id)
            m_json.error(QStringLiteral("id"),
                Text::tr("expected at most %1 letters, digits, '.', '-' or '_', not starting with '.'")
                    .arg(kMaxIdLength));
    } else {
        s.id = safeId(QFileInfo(m_origin).completeBaseName());
    }
    if (!root.contains(QStringLiteral("title")))
        m_json.error(QStringLiteral("title"), Text::tr("missing (every scenario needs a title)"));
    else
        s.title
            = m_json
                  .text(root.value(QStringLiteral("title")), QStringLiteral("title"), JsonReader::kMaxNameLength, true)
                  .value_or(QString());
    if (root.contains(QStringLiteral("topic")))
        s.topic = m_json.text(root.value(QStringLiteral("topic")), QStringLiteral("topic"), JsonReader::kMaxNameLength)
                      .value_or(QString());
    if (root.contains(QStringLiteral("compare_with"))) {
        s.compareWith = m_json.string(root.value(QStringLiteral("compare_with")), QStringLiteral("compare_with"))
                            .value_or(QString());
        if (safeId(s.compareWith) != s.compareWith)
            m_json.error(QStringLiteral("compare_with"), Text::tr("expected a scenario id"));
    }
    for (auto [key, field] : { std::pair { "lesson", &s.lesson }, std::pair { "expected", &s.expected } }) {
        const QString name = QString::fromLatin1(key);
        if (root.contains(name))
            *field = m_json.text(root.value(name), name).value_or(QString());
    }
    if (root.contains(QStringLiteral("code"))) {
        const QJsonValue code = root.value(QStringLiteral("code"));
        if (!code.isObject()) {
            m_json.error(QStringLiteral("code"), Text::tr("expected an object with \"python\" and \"cpp\""));
        } else {
            const QJsonObject object = code.toObject();
            m_json.checkKeys(object, QStringLiteral("code"), { QStringLiteral("python"), QStringLiteral("cpp") });
            if (object.contains(QStringLiteral("python")))
                s.pythonCode = m_json.text(object.value(QStringLiteral("python")), QStringLiteral("code.python"))
                                   .value_or(QString());
            if (object.contains(QStringLiteral("cpp")))
                s.cppCode
                    = m_json.text(object.value(QStringLiteral("cpp")), QStringLiteral("code.cpp")).value_or(QString());
        }
    }
    if (!root.contains(QStringLiteral("executor")))
        m_json.error(QStringLiteral("executor"), Text::tr("missing (give at least {\"kind\": \"threads\"})"));
    else
        parseExecutor(root.value(QStringLiteral("executor")), QStringLiteral("executor"));
    if (root.contains(QStringLiteral("options")))
        parseOptions(root.value(QStringLiteral("options")), QStringLiteral("options"));
    m_declarations.parse(root);
    if (root.contains(QStringLiteral("server")))
        parseServer(root.value(QStringLiteral("server")), QStringLiteral("server"));
    if (root.contains(QStringLiteral("main")))
        s.mainSteps = m_steps.parseSteps(root.value(QStringLiteral("main")), QStringLiteral("main"));

    const QJsonValue tasks = root.value(QStringLiteral("tasks"));
    if (!tasks.isArray() || tasks.toArray().isEmpty()) {
        m_json.error(QStringLiteral("tasks"), Text::tr("expected a non-empty array of tasks"));
    } else {
        const QJsonArray array = tasks.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            parseTask(array.at(i), JsonReader::index(QStringLiteral("tasks"), i));
    }
    checkReferences();
}

void ScenarioParser::parseExecutor(const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        m_json.error(path, Text::tr("expected an object, got ") + JsonReader::typeName(value));
        return;
    }
    const QJsonObject object = value.toObject();
    m_json.checkKeys(object, path,
        { QStringLiteral("kind"), QStringLiteral("workers"), QStringLiteral("join"), QStringLiteral("results") });
    ExecutorSpec &executor = m_scenario.executor;
    const QString kindPath = JsonReader::join(path, QStringLiteral("kind"));
    if (const auto kind = m_json.string(object.value(QStringLiteral("kind")), kindPath)) {
        static const QList<QPair<QString, ExecutorKind>> kinds = {
            { QStringLiteral("sequential"), ExecutorKind::Sequential },
            { QStringLiteral("threads"), ExecutorKind::Threads },
            { QStringLiteral("pool"), ExecutorKind::Pool },
            { QStringLiteral("processes"), ExecutorKind::Processes },
        };
        bool found = false;
        for (const auto &[name, k] : kinds) {
            if (name == *kind) {
                executor.kind = k;
                found = true;
            }
        }
        if (!found)
            m_json.error(kindPath,
                Text::tr("unknown executor '") + *kind
                    + Text::tr("' (expected sequential, threads, pool or processes)"));
    }
    const bool needsWorkers = executor.kind == ExecutorKind::Pool || executor.kind == ExecutorKind::Processes;
    if (object.contains(QStringLiteral("workers"))) {
        executor.workers = int(m_json
                                   .integer(object.value(QStringLiteral("workers")),
                                       JsonReader::join(path, QStringLiteral("workers")), 1, kMaxWorkers)
                                   .value_or(1));
    } else if (needsWorkers) {
        m_json.error(JsonReader::join(path, QStringLiteral("workers")),
            Text::tr("missing (a pool or processes executor needs the number of workers)"));
    }
    if (object.contains(QStringLiteral("join"))) {
        const QJsonValue joinValue = object.value(QStringLiteral("join"));
        const QString joinPath = JsonReader::join(path, QStringLiteral("join"));
        if (joinValue.isString() && joinValue.toString() == QStringLiteral("all")) {
            executor.join = JoinMode::All;
        } else if (joinValue.isString() && joinValue.toString() == QStringLiteral("none")) {
            executor.join = JoinMode::None;
        } else if (joinValue.isArray()) {
            executor.join = JoinMode::Listed;
            const QJsonArray names = joinValue.toArray();
            for (qsizetype i = 0; i < names.size(); ++i) {
                if (const auto name = m_json.name(names.at(i), JsonReader::index(joinPath, i)))
                    executor.joinTasks << *name;
            }
        } else {
            m_json.error(joinPath, Text::tr("expected \"all\", \"none\" or an array of task names"));
        }
    }
    if (object.contains(QStringLiteral("results"))) {
        const QString resultsPath = JsonReader::join(path, QStringLiteral("results"));
        const auto results = m_json.string(object.value(QStringLiteral("results")), resultsPath);
        if (results == QStringLiteral("as_completed"))
            executor.results = ResultOrder::AsCompleted;
        else if (results == QStringLiteral("in_order"))
            executor.results = ResultOrder::InOrder;
        else if (results)
            m_json.error(resultsPath, Text::tr("expected \"as_completed\" or \"in_order\", got '") + *results + u'\'');
    }
}

void ScenarioParser::parseOptions(const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        m_json.error(path, Text::tr("expected an object, got ") + JsonReader::typeName(value));
        return;
    }
    const QJsonObject object = value.toObject();
    m_json.checkKeys(object, path,
        { QStringLiteral("lock"), QStringLiteral("gil"), QStringLiteral("ordering"),
            QStringLiteral("race_window_us") });
    ScenarioOptions &options = m_scenario.options;
    if (object.contains(QStringLiteral("lock")))
        options.lock
            = m_json.boolean(object.value(QStringLiteral("lock")), JsonReader::join(path, QStringLiteral("lock")))
                  .value_or(true);
    if (object.contains(QStringLiteral("gil")))
        options.gil = m_json.boolean(object.value(QStringLiteral("gil")), JsonReader::join(path, QStringLiteral("gil")))
                          .value_or(false);
    if (object.contains(QStringLiteral("ordering")))
        options.ordering
            = m_json
                  .boolean(object.value(QStringLiteral("ordering")), JsonReader::join(path, QStringLiteral("ordering")))
                  .value_or(false);
    if (object.contains(QStringLiteral("race_window_us"))) {
        const QString windowPath = JsonReader::join(path, QStringLiteral("race_window_us"));
        const double us = object.value(QStringLiteral("race_window_us")).toDouble(-1);
        if (us < 0 || us > 1'000'000)
            m_json.error(windowPath, Text::tr("expected microseconds from 0 to 1000000"));
        else
            options.raceWindowNs = static_cast<int64_t>(std::llround(us * double(kNsPerUs)));
    }
}

void ScenarioParser::parseTask(const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        m_json.error(path, Text::tr("expected a task object, got ") + JsonReader::typeName(value));
        return;
    }
    const QJsonObject object = value.toObject();
    m_json.checkKeys(object, path,
        { QStringLiteral("name"), QStringLiteral("count"), QStringLiteral("repeat"), QStringLiteral("daemon"),
            QStringLiteral("steps") });
    TaskSpec task;
    task.name = m_json.name(object.value(QStringLiteral("name")), JsonReader::join(path, QStringLiteral("name")))
                    .value_or(QString());
    if (object.contains(QStringLiteral("count")))
        task.count = int(m_json
                             .integer(object.value(QStringLiteral("count")),
                                 JsonReader::join(path, QStringLiteral("count")), 1, kMaxInstances)
                             .value_or(1));
    if (object.contains(QStringLiteral("repeat")))
        task.repeat = int(m_json
                              .integer(object.value(QStringLiteral("repeat")),
                                  JsonReader::join(path, QStringLiteral("repeat")), 1, 1'000'000)
                              .value_or(1));
    if (object.contains(QStringLiteral("daemon")))
        task.daemon
            = m_json.boolean(object.value(QStringLiteral("daemon")), JsonReader::join(path, QStringLiteral("daemon")))
                  .value_or(false);
    task.steps
        = m_steps.parseSteps(object.value(QStringLiteral("steps")), JsonReader::join(path, QStringLiteral("steps")));
    const int spec = int(m_scenario.tasks.size());
    for (int i = 0; i < task.count; ++i) {
        const QString name = task.count == 1 ? task.name : task.name + u'-' + QString::number(i + 1);
        if (m_scenario.findInstance(name) >= 0) {
            m_json.error(JsonReader::join(path, QStringLiteral("name")),
                Text::tr("task name '") + name + Text::tr("' is used twice"));
            continue;
        }
        m_scenario.instances.push_back(TaskInstance { int(m_scenario.instances.size()), spec, name, i + 1 });
    }
    if (m_scenario.instances.size() > size_t(kMaxInstances))
        m_json.error(path, Text::tr("too many task instances (at most ") + QString::number(kMaxInstances) + u')');
    m_scenario.tasks.push_back(std::move(task));
}

void ScenarioParser::parseServer(const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        m_json.error(path, Text::tr("expected an object, got ") + JsonReader::typeName(value));
        return;
    }
    const QJsonObject object = value.toObject();
    m_json.checkKeys(object, path,
        { QStringLiteral("latency_ms"), QStringLiteral("bandwidth_kbps"), QStringLiteral("timeout_ms"),
            QStringLiteral("failures") });
    ServerSettings &server = m_scenario.server;
    auto number = [&](const char *key, int &field, int64_t min, int64_t max) {
        const QString name = QString::fromLatin1(key);
        if (object.contains(name))
            field = int(m_json.integer(object.value(name), JsonReader::join(path, name), min, max).value_or(field));
    };
    number("latency_ms", server.latencyMs, 0, 600'000);
    number("bandwidth_kbps", server.bandwidthKBps, 0, 10'000'000);
    number("timeout_ms", server.timeoutMs, 1, 3'600'000);
    if (object.contains(QStringLiteral("failures"))) {
        const QString failuresPath = JsonReader::join(path, QStringLiteral("failures"));
        const QJsonValue failures = object.value(QStringLiteral("failures"));
        if (!failures.isObject()) {
            m_json.error(
                failuresPath, Text::tr("expected {\"image.png\": \"404\" | \"500\" | \"reset\" | \"timeout\"}"));
            return;
        }
        const QJsonObject map = failures.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!m_json.name(QJsonValue(it.key()), JsonReader::join(failuresPath, QStringLiteral("(key)"))))
                continue;
            const QString kind = it.value().toString();
            if (kind != QStringLiteral("404") && kind != QStringLiteral("500") && kind != QStringLiteral("reset")
                && kind != QStringLiteral("timeout"))
                m_json.error(JsonReader::join(failuresPath, it.key()), Text::tr("expected 404, 500, reset or timeout"));
            else
                server.failures.insert(it.key(), kind);
        }
    }
}

void ScenarioParser::checkReferences()
{
    m_declarations.checkUsed();
    for (const TaskSpec &task : m_scenario.tasks) {
        if (task.daemon && m_scenario.executor.kind != ExecutorKind::Threads)
            m_json.error(QStringLiteral("tasks"),
                Text::tr("task '%1' is a daemon: daemon tasks need the threads executor").arg(task.name));
    }
    for (const QString &name : std::as_const(m_scenario.executor.joinTasks)) {
        if (m_scenario.findInstance(name) < 0)
            m_json.error(QStringLiteral("executor.join"), Text::tr("no task named '") + name + u'\'');
    }
    if (m_scenario.executor.join != JoinMode::All && m_scenario.executor.kind != ExecutorKind::Threads)
        m_json.error(QStringLiteral("executor.join"), Text::tr("join applies to the threads executor only"));
}

} // namespace threadlab
