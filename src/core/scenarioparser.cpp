#include "scenarioparser.h"

#include "clock.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>
#include <cmath>

namespace threadlab {

namespace {

constexpr int64_t kMaxMilliseconds = int64_t(24) * 3600 * 1000;
constexpr int kMaxWorkers = 256;
constexpr int kMaxInstances = 1024;

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString join(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + u'.' + key;
}

QString index(const QString &path, qsizetype i)
{
    return path + u'[' + QString::number(i) + u']';
}

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

const QStringList kStepKinds = { QStringLiteral("sleep"), QStringLiteral("cpu"), QStringLiteral("lock"),
    QStringLiteral("add"), QStringLiteral("put"), QStringLiteral("get"), QStringLiteral("set"), QStringLiteral("clear"),
    QStringLiteral("wait"), QStringLiteral("while_set"), QStringLiteral("print"), QStringLiteral("download") };

} // namespace

ScenarioParser::ScenarioParser(const QString &origin)
    : m_origin(origin)
{ }

ParsedScenario ScenarioParser::parseFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ParsedScenario result;
        result.errors << (path + QStringLiteral(": cannot open scenario file: ") + file.errorString());
        return result;
    }
    return parse(file.readAll(), path);
}

ParsedScenario ScenarioParser::parse(const QByteArray &json, const QString &origin)
{
    ScenarioParser parser(origin);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const auto [line, column] = lineAndColumn(json, parseError.offset);
        parser.m_errors << (origin + u':' + QString::number(line) + u':' + QString::number(column)
            + QStringLiteral(": JSON syntax error: ") + parseError.errorString());
    } else if (!document.isObject()) {
        parser.m_errors << (origin + QStringLiteral(": expected a JSON object at the top level"));
    } else {
        parser.m_scenario.source = json;
        parser.m_scenario.origin = origin;
        parser.parseRoot(document.object());
    }
    return ParsedScenario { std::move(parser.m_scenario), std::move(parser.m_errors) };
}

void ScenarioParser::error(const QString &path, const QString &message)
{
    m_errors << (m_origin + QStringLiteral(": ") + (path.isEmpty() ? QString() : path + QStringLiteral(": "))
        + message);
}

bool ScenarioParser::checkKeys(const QJsonObject &object, const QString &path, const QStringList &allowed)
{
    bool ok = true;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key())) {
            error(join(path, it.key()),
                QStringLiteral("unknown key (allowed here: ") + allowed.join(QStringLiteral(", ")) + u')');
            ok = false;
        }
    }
    return ok;
}

std::optional<QString> ScenarioParser::string(const QJsonValue &value, const QString &path, bool nonEmpty)
{
    if (!value.isString()) {
        error(path, QStringLiteral("expected a string, got ") + jsonTypeName(value));
        return std::nullopt;
    }
    if (nonEmpty && value.toString().trimmed().isEmpty()) {
        error(path, QStringLiteral("must not be empty"));
        return std::nullopt;
    }
    return value.toString();
}

std::optional<int64_t> ScenarioParser::integer(const QJsonValue &value, const QString &path, int64_t min, int64_t max)
{
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::floor(number) != number || number < double(min) || number > double(max)) {
        error(path,
            QStringLiteral("expected a whole number from ") + QString::number(min) + QStringLiteral(" to ")
                + QString::number(max) + QStringLiteral(", got ")
                + (value.isDouble() ? QString::number(number) : jsonTypeName(value)));
        return std::nullopt;
    }
    return static_cast<int64_t>(number);
}

std::optional<int64_t> ScenarioParser::milliseconds(const QJsonValue &value, const QString &path)
{
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 0 || number > double(kMaxMilliseconds)) {
        error(path,
            QStringLiteral("expected milliseconds >= 0, got ")
                + (value.isDouble() ? QString::number(number) : jsonTypeName(value)));
        return std::nullopt;
    }
    return static_cast<int64_t>(std::llround(number * double(kNsPerMs)));
}

std::optional<bool> ScenarioParser::boolean(const QJsonValue &value, const QString &path)
{
    if (!value.isBool()) {
        error(path, QStringLiteral("expected true or false, got ") + jsonTypeName(value));
        return std::nullopt;
    }
    return value.toBool();
}

uint32_t ScenarioParser::intern(ObjectKind kind, const QString &name, const QString &path)
{
    for (size_t i = 0; i < m_scenario.objects.size(); ++i) {
        const ObjectSpec &object = m_scenario.objects[i];
        if (object.name != name)
            continue;
        if (object.kind == kind)
            return static_cast<uint32_t>(i);
        if (kind != ObjectKind::Text && object.kind != ObjectKind::Text) {
            error(path,
                u'\'' + name + QStringLiteral("' is already used as a ") + objectKindName(object.kind)
                    + QStringLiteral(", cannot also be a ") + objectKindName(kind));
            return kNoObject;
        }
    }
    m_scenario.objects.push_back(ObjectSpec { kind, name, QueueKind::Fifo });
    return static_cast<uint32_t>(m_scenario.objects.size() - 1);
}

void ScenarioParser::parseRoot(const QJsonObject &root)
{
    checkKeys(root, QString(),
        { QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("topic"), QStringLiteral("lesson"),
            QStringLiteral("expected"), QStringLiteral("code"), QStringLiteral("executor"), QStringLiteral("options"),
            QStringLiteral("queues"), QStringLiteral("main"), QStringLiteral("tasks"), QStringLiteral("server") });
    Scenario &s = m_scenario;
    if (root.contains(QStringLiteral("id"))) {
        s.id = string(root.value(QStringLiteral("id")), QStringLiteral("id")).value_or(QString());
    } else {
        s.id = QFileInfo(m_origin).completeBaseName();
    }
    if (!root.contains(QStringLiteral("title")))
        error(QStringLiteral("title"), QStringLiteral("missing (every scenario needs a title)"));
    else
        s.title = string(root.value(QStringLiteral("title")), QStringLiteral("title")).value_or(QString());
    for (auto [key, field] :
        { std::pair { "topic", &s.topic }, std::pair { "lesson", &s.lesson }, std::pair { "expected", &s.expected } }) {
        const QString name = QString::fromLatin1(key);
        if (root.contains(name))
            *field = string(root.value(name), name, false).value_or(QString());
    }
    if (root.contains(QStringLiteral("code"))) {
        const QJsonValue code = root.value(QStringLiteral("code"));
        if (!code.isObject()) {
            error(QStringLiteral("code"), QStringLiteral("expected an object with \"python\" and \"cpp\""));
        } else {
            const QJsonObject object = code.toObject();
            checkKeys(object, QStringLiteral("code"), { QStringLiteral("python"), QStringLiteral("cpp") });
            if (object.contains(QStringLiteral("python")))
                s.pythonCode = string(object.value(QStringLiteral("python")), QStringLiteral("code.python"), false)
                                   .value_or(QString());
            if (object.contains(QStringLiteral("cpp")))
                s.cppCode = string(object.value(QStringLiteral("cpp")), QStringLiteral("code.cpp"), false)
                                .value_or(QString());
        }
    }
    if (!root.contains(QStringLiteral("executor")))
        error(QStringLiteral("executor"), QStringLiteral("missing (give at least {\"kind\": \"threads\"})"));
    else
        parseExecutor(root.value(QStringLiteral("executor")), QStringLiteral("executor"));
    if (root.contains(QStringLiteral("options")))
        parseOptions(root.value(QStringLiteral("options")), QStringLiteral("options"));
    if (root.contains(QStringLiteral("queues")))
        parseQueues(root.value(QStringLiteral("queues")), QStringLiteral("queues"));
    if (root.contains(QStringLiteral("server")))
        parseServer(root.value(QStringLiteral("server")), QStringLiteral("server"));
    if (root.contains(QStringLiteral("main")))
        s.mainSteps = parseSteps(root.value(QStringLiteral("main")), QStringLiteral("main"));

    const QJsonValue tasks = root.value(QStringLiteral("tasks"));
    if (!tasks.isArray() || tasks.toArray().isEmpty()) {
        error(QStringLiteral("tasks"), QStringLiteral("expected a non-empty array of tasks"));
    } else {
        const QJsonArray array = tasks.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            parseTask(array.at(i), index(QStringLiteral("tasks"), i));
    }
    checkReferences();
}

void ScenarioParser::parseExecutor(const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        error(path, QStringLiteral("expected an object, got ") + jsonTypeName(value));
        return;
    }
    const QJsonObject object = value.toObject();
    checkKeys(object, path,
        { QStringLiteral("kind"), QStringLiteral("workers"), QStringLiteral("join"), QStringLiteral("results") });
    ExecutorSpec &executor = m_scenario.executor;
    const QString kindPath = join(path, QStringLiteral("kind"));
    if (const auto kind = string(object.value(QStringLiteral("kind")), kindPath)) {
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
            error(kindPath,
                QStringLiteral("unknown executor '") + *kind
                    + QStringLiteral("' (expected sequential, threads, pool or processes)"));
    }
    const bool needsWorkers = executor.kind == ExecutorKind::Pool || executor.kind == ExecutorKind::Processes;
    if (object.contains(QStringLiteral("workers"))) {
        executor.workers = int(
            integer(object.value(QStringLiteral("workers")), join(path, QStringLiteral("workers")), 1, kMaxWorkers)
                .value_or(1));
    } else if (needsWorkers) {
        error(join(path, QStringLiteral("workers")),
            QStringLiteral("missing (a pool or processes executor needs the number of workers)"));
    }
    if (object.contains(QStringLiteral("join"))) {
        const QJsonValue joinValue = object.value(QStringLiteral("join"));
        const QString joinPath = join(path, QStringLiteral("join"));
        if (joinValue.isString() && joinValue.toString() == QStringLiteral("all")) {
            executor.join = JoinMode::All;
        } else if (joinValue.isString() && joinValue.toString() == QStringLiteral("none")) {
            executor.join = JoinMode::None;
        } else if (joinValue.isArray()) {
            executor.join = JoinMode::Listed;
            const QJsonArray names = joinValue.toArray();
            for (qsizetype i = 0; i < names.size(); ++i) {
                if (const auto name = string(names.at(i), index(joinPath, i)))
                    executor.joinTasks << *name;
            }
        } else {
            error(joinPath, QStringLiteral("expected \"all\", \"none\" or an array of task names"));
        }
    }
    if (object.contains(QStringLiteral("results"))) {
        const QString resultsPath = join(path, QStringLiteral("results"));
        const auto results = string(object.value(QStringLiteral("results")), resultsPath);
        if (results == QStringLiteral("as_completed"))
            executor.results = ResultOrder::AsCompleted;
        else if (results == QStringLiteral("in_order"))
            executor.results = ResultOrder::InOrder;
        else if (results)
            error(resultsPath, QStringLiteral("expected \"as_completed\" or \"in_order\", got '") + *results + u'\'');
    }
}

void ScenarioParser::parseOptions(const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        error(path, QStringLiteral("expected an object, got ") + jsonTypeName(value));
        return;
    }
    const QJsonObject object = value.toObject();
    checkKeys(object, path, { QStringLiteral("lock"), QStringLiteral("gil"), QStringLiteral("race_window_us") });
    ScenarioOptions &options = m_scenario.options;
    if (object.contains(QStringLiteral("lock")))
        options.lock = boolean(object.value(QStringLiteral("lock")), join(path, QStringLiteral("lock"))).value_or(true);
    if (object.contains(QStringLiteral("gil")))
        options.gil = boolean(object.value(QStringLiteral("gil")), join(path, QStringLiteral("gil"))).value_or(false);
    if (object.contains(QStringLiteral("race_window_us"))) {
        const QString windowPath = join(path, QStringLiteral("race_window_us"));
        const double us = object.value(QStringLiteral("race_window_us")).toDouble(-1);
        if (us < 0 || us > 1'000'000)
            error(windowPath, QStringLiteral("expected microseconds from 0 to 1000000"));
        else
            options.raceWindowNs = static_cast<int64_t>(std::llround(us * double(kNsPerUs)));
    }
}

void ScenarioParser::parseQueues(const QJsonValue &value, const QString &path)
{
    if (!value.isArray()) {
        error(path, QStringLiteral("expected an array of {\"name\", \"kind\"}"));
        return;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString itemPath = index(path, i);
        if (!array.at(i).isObject()) {
            error(itemPath, QStringLiteral("expected an object, got ") + jsonTypeName(array.at(i)));
            continue;
        }
        const QJsonObject object = array.at(i).toObject();
        checkKeys(object, itemPath, { QStringLiteral("name"), QStringLiteral("kind") });
        const auto name = string(object.value(QStringLiteral("name")), join(itemPath, QStringLiteral("name")));
        const QString kindPath = join(itemPath, QStringLiteral("kind"));
        const auto kind = string(object.value(QStringLiteral("kind")), kindPath);
        if (!name || !kind)
            continue;
        QueueKind queueKind = QueueKind::Fifo;
        if (*kind == QStringLiteral("lifo"))
            queueKind = QueueKind::Lifo;
        else if (*kind == QStringLiteral("priority"))
            queueKind = QueueKind::Priority;
        else if (*kind != QStringLiteral("fifo")) {
            error(kindPath, QStringLiteral("expected fifo, lifo or priority, got '") + *kind + u'\'');
            continue;
        }
        if (m_declaredQueues.contains(*name)) {
            error(join(itemPath, QStringLiteral("name")),
                QStringLiteral("queue '") + *name + QStringLiteral("' is declared twice"));
            continue;
        }
        const uint32_t id = intern(ObjectKind::Queue, *name, itemPath);
        if (id != kNoObject) {
            m_scenario.objects[id].queueKind = queueKind;
            m_declaredQueues << *name;
        }
    }
}

void ScenarioParser::parseTask(const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        error(path, QStringLiteral("expected a task object, got ") + jsonTypeName(value));
        return;
    }
    const QJsonObject object = value.toObject();
    checkKeys(object, path,
        { QStringLiteral("name"), QStringLiteral("count"), QStringLiteral("repeat"), QStringLiteral("steps") });
    TaskSpec task;
    task.name = string(object.value(QStringLiteral("name")), join(path, QStringLiteral("name"))).value_or(QString());
    if (object.contains(QStringLiteral("count")))
        task.count
            = int(integer(object.value(QStringLiteral("count")), join(path, QStringLiteral("count")), 1, kMaxInstances)
                      .value_or(1));
    if (object.contains(QStringLiteral("repeat")))
        task.repeat
            = int(integer(object.value(QStringLiteral("repeat")), join(path, QStringLiteral("repeat")), 1, 1'000'000)
                      .value_or(1));
    task.steps = parseSteps(object.value(QStringLiteral("steps")), join(path, QStringLiteral("steps")));
    const int spec = int(m_scenario.tasks.size());
    for (int i = 0; i < task.count; ++i) {
        const QString name = task.count == 1 ? task.name : task.name + u'-' + QString::number(i + 1);
        if (m_scenario.findInstance(name) >= 0) {
            error(join(path, QStringLiteral("name")),
                QStringLiteral("task name '") + name + QStringLiteral("' is used twice"));
            continue;
        }
        m_scenario.instances.push_back(TaskInstance { int(m_scenario.instances.size()), spec, name, i + 1 });
    }
    if (m_scenario.instances.size() > size_t(kMaxInstances))
        error(path, QStringLiteral("too many task instances (at most ") + QString::number(kMaxInstances) + u')');
    m_scenario.tasks.push_back(std::move(task));
}

std::vector<Step> ScenarioParser::parseSteps(const QJsonValue &value, const QString &path)
{
    std::vector<Step> steps;
    if (!value.isArray()) {
        error(path, QStringLiteral("expected an array of steps, got ") + jsonTypeName(value));
        return steps;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (auto step = parseStep(array.at(i), index(path, i)))
            steps.push_back(std::move(*step));
    }
    return steps;
}

std::optional<Step> ScenarioParser::parseStep(const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        error(path, QStringLiteral("expected a step object such as {\"sleep\": 1000}, got ") + jsonTypeName(value));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    QStringList kinds;
    for (const QString &key : object.keys()) {
        if (kStepKinds.contains(key))
            kinds << key;
    }
    if (kinds.size() != 1) {
        error(path,
            kinds.isEmpty() ? QString(
                QStringLiteral("no step kind (expected one of ") + kStepKinds.join(QStringLiteral(", ")) + u')')
                            : QString(QStringLiteral("more than one step kind: ") + kinds.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    const QString kind = kinds.first();
    const QString kindPath = join(path, kind);
    const QJsonValue arg = object.value(kind);
    const bool nests
        = kind == QStringLiteral("lock") || kind == QStringLiteral("while_set") || kind == QStringLiteral("get");
    if (!checkKeys(object, path, nests ? QStringList { kind, QStringLiteral("steps") } : QStringList { kind }))
        return std::nullopt;
    const bool hasSteps = object.contains(QStringLiteral("steps"));
    if (!hasSteps && (kind == QStringLiteral("lock") || kind == QStringLiteral("while_set"))) {
        error(join(path, QStringLiteral("steps")),
            QStringLiteral("missing (the steps to run under the ") + kind + QStringLiteral(")"));
        return std::nullopt;
    }

    Step step;
    const qsizetype errorsBefore = m_errors.size();
    if (kind == QStringLiteral("sleep") || kind == QStringLiteral("cpu")) {
        step.kind = kind == QStringLiteral("sleep") ? StepKind::Sleep : StepKind::Cpu;
        step.durationNs = milliseconds(arg, kindPath).value_or(0);
    } else if (kind == QStringLiteral("lock")) {
        step.kind = StepKind::Lock;
        if (const auto name = string(arg, kindPath))
            step.object = intern(ObjectKind::Lock, *name, kindPath);
    } else if (kind == QStringLiteral("add")) {
        step.kind = StepKind::Add;
        parseAdd(arg, kindPath, step);
    } else if (kind == QStringLiteral("put")) {
        step.kind = StepKind::Put;
        parsePut(arg, kindPath, step);
    } else if (kind == QStringLiteral("get")) {
        step.kind = StepKind::Get;
        parseGet(object, path, step);
    } else if (kind == QStringLiteral("set") || kind == QStringLiteral("clear") || kind == QStringLiteral("wait")
        || kind == QStringLiteral("while_set")) {
        step.kind = kind == QStringLiteral("set") ? StepKind::Set
            : kind == QStringLiteral("clear")     ? StepKind::Clear
            : kind == QStringLiteral("wait")      ? StepKind::Wait
                                                  : StepKind::WhileSet;
        if (const auto name = string(arg, kindPath))
            step.object = intern(ObjectKind::Event, *name, kindPath);
    } else if (kind == QStringLiteral("download")) {
        step.kind = StepKind::Download;
        parseDownload(arg, kindPath, step);
    } else if (kind == QStringLiteral("print")) {
        step.kind = StepKind::Print;
        if (const auto text = string(arg, kindPath, false))
            step.text = intern(ObjectKind::Text, *text, kindPath);
    }
    if (hasSteps)
        step.steps = parseSteps(object.value(QStringLiteral("steps")), join(path, QStringLiteral("steps")));
    if (m_errors.size() != errorsBefore)
        return std::nullopt;
    return step;
}

bool ScenarioParser::parseAdd(const QJsonValue &value, const QString &path, Step &step)
{
    if (!value.isObject()) {
        error(path, QStringLiteral("expected {\"counter\": name, \"delta\": n, \"times\": n}"));
        return false;
    }
    const QJsonObject object = value.toObject();
    checkKeys(object, path,
        { QStringLiteral("counter"), QStringLiteral("delta"), QStringLiteral("times"), QStringLiteral("lock"),
            QStringLiteral("local") });
    if (const auto name = string(object.value(QStringLiteral("counter")), join(path, QStringLiteral("counter"))))
        step.object = intern(ObjectKind::Counter, *name, join(path, QStringLiteral("counter")));
    step.delta = integer(
        object.value(QStringLiteral("delta")), join(path, QStringLiteral("delta")), -1'000'000'000, 1'000'000'000)
                     .value_or(0);
    if (object.contains(QStringLiteral("times")))
        step.times = integer(object.value(QStringLiteral("times")), join(path, QStringLiteral("times")), 1, 100'000'000)
                         .value_or(1);
    if (object.contains(QStringLiteral("lock"))) {
        if (const auto lock = string(object.value(QStringLiteral("lock")), join(path, QStringLiteral("lock"))))
            step.guard = intern(ObjectKind::Lock, *lock, join(path, QStringLiteral("lock")));
    }
    if (object.contains(QStringLiteral("local")))
        step.local
            = boolean(object.value(QStringLiteral("local")), join(path, QStringLiteral("local"))).value_or(false);
    if (step.local && step.guard != kNoObject)
        error(join(path, QStringLiteral("lock")), QStringLiteral("a thread-local counter needs no lock"));
    return true;
}

void ScenarioParser::parseDownload(const QJsonValue &value, const QString &path, Step &step)
{
    if (!value.isObject()) {
        error(path, QStringLiteral("expected {\"image\": name, \"kb\": n} or {\"url\": \"http://…\"}"));
        return;
    }
    const QJsonObject object = value.toObject();
    checkKeys(object, path, { QStringLiteral("image"), QStringLiteral("kb"), QStringLiteral("url") });
    const bool hasImage = object.contains(QStringLiteral("image"));
    if (hasImage == object.contains(QStringLiteral("url"))) {
        error(path, QStringLiteral("give either \"image\" (from the embedded server) or \"url\""));
        return;
    }
    step.embedded = hasImage;
    const QString key = hasImage ? QStringLiteral("image") : QStringLiteral("url");
    step.target = string(object.value(key), join(path, key)).value_or(QString());
    if (!hasImage) {
        const QUrl url(step.target);
        if (!step.target.isEmpty()
            && (!url.isValid() || (url.scheme() != QStringLiteral("http") && url.scheme() != QStringLiteral("https"))))
            error(join(path, key), QStringLiteral("expected an http:// or https:// URL, got '%1'").arg(step.target));
    } else if (step.target.contains(u'/') || step.target.contains(u'?')) {
        error(
            join(path, key), QStringLiteral("expected an image name such as photo-{n}.png, got '%1'").arg(step.target));
    }
    if (object.contains(QStringLiteral("kb"))) {
        if (!hasImage)
            error(
                join(path, QStringLiteral("kb")), QStringLiteral("the size applies to images of the embedded server"));
        step.kilobytes
            = integer(object.value(QStringLiteral("kb")), join(path, QStringLiteral("kb")), 1, 65536).value_or(100);
    }
    m_scenario.server.used = m_scenario.server.used || hasImage;
}

void ScenarioParser::parseServer(const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        error(path, QStringLiteral("expected an object, got ") + jsonTypeName(value));
        return;
    }
    const QJsonObject object = value.toObject();
    checkKeys(object, path,
        { QStringLiteral("latency_ms"), QStringLiteral("bandwidth_kbps"), QStringLiteral("timeout_ms"),
            QStringLiteral("failures") });
    ServerSettings &server = m_scenario.server;
    auto number = [&](const char *key, int &field, int64_t min, int64_t max) {
        const QString name = QString::fromLatin1(key);
        if (object.contains(name))
            field = int(integer(object.value(name), join(path, name), min, max).value_or(field));
    };
    number("latency_ms", server.latencyMs, 0, 600'000);
    number("bandwidth_kbps", server.bandwidthKBps, 0, 10'000'000);
    number("timeout_ms", server.timeoutMs, 1, 3'600'000);
    if (object.contains(QStringLiteral("failures"))) {
        const QString failuresPath = join(path, QStringLiteral("failures"));
        const QJsonValue failures = object.value(QStringLiteral("failures"));
        if (!failures.isObject()) {
            error(
                failuresPath, QStringLiteral("expected {\"image.png\": \"404\" | \"500\" | \"reset\" | \"timeout\"}"));
            return;
        }
        const QJsonObject map = failures.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            const QString kind = it.value().toString();
            if (kind != QStringLiteral("404") && kind != QStringLiteral("500") && kind != QStringLiteral("reset")
                && kind != QStringLiteral("timeout"))
                error(join(failuresPath, it.key()), QStringLiteral("expected 404, 500, reset or timeout"));
            else
                server.failures.insert(it.key(), kind);
        }
    }
}

bool ScenarioParser::parsePut(const QJsonValue &value, const QString &path, Step &step)
{
    if (!value.isObject()) {
        error(path, QStringLiteral("expected {\"queue\": name, \"item\": text, \"count\": n, \"priority\": n}"));
        return false;
    }
    const QJsonObject object = value.toObject();
    checkKeys(object, path,
        { QStringLiteral("queue"), QStringLiteral("item"), QStringLiteral("count"), QStringLiteral("priority") });
    if (const auto name = string(object.value(QStringLiteral("queue")), join(path, QStringLiteral("queue"))))
        step.object = intern(ObjectKind::Queue, *name, join(path, QStringLiteral("queue")));
    int64_t count = 1;
    if (object.contains(QStringLiteral("count")))
        count = integer(object.value(QStringLiteral("count")), join(path, QStringLiteral("count")), 1, 100'000)
                    .value_or(1);
    if (const auto item = string(object.value(QStringLiteral("item")), join(path, QStringLiteral("item")))) {
        // "job-{n}" with count 3 puts job-1, job-2, job-3; an item without {n} is put count times.
        for (int64_t n = 1; n <= count; ++n) {
            QString name = *item;
            name.replace(QStringLiteral("{n}"), QString::number(n));
            step.items.push_back(intern(ObjectKind::Text, name, join(path, QStringLiteral("item"))));
        }
    }
    if (object.contains(QStringLiteral("priority")))
        step.priority = integer(
            object.value(QStringLiteral("priority")), join(path, QStringLiteral("priority")), -1'000'000, 1'000'000)
                            .value_or(0);
    return true;
}

bool ScenarioParser::parseGet(const QJsonObject &step, const QString &path, Step &out)
{
    const QString kindPath = join(path, QStringLiteral("get"));
    const QJsonValue value = step.value(QStringLiteral("get"));
    QJsonObject object;
    if (value.isString()) {
        object.insert(QStringLiteral("queue"), value);
    } else if (value.isObject()) {
        object = value.toObject();
        checkKeys(object, kindPath, { QStringLiteral("queue"), QStringLiteral("until") });
    } else {
        error(kindPath, QStringLiteral("expected a queue name or {\"queue\": name, \"until\": item}"));
        return false;
    }
    if (const auto name = string(object.value(QStringLiteral("queue")), join(kindPath, QStringLiteral("queue"))))
        out.object = intern(ObjectKind::Queue, *name, join(kindPath, QStringLiteral("queue")));
    if (object.contains(QStringLiteral("until"))) {
        if (const auto until = string(object.value(QStringLiteral("until")), join(kindPath, QStringLiteral("until"))))
            out.item = intern(ObjectKind::Text, *until, join(kindPath, QStringLiteral("until")));
        if (!step.contains(QStringLiteral("steps")))
            error(join(path, QStringLiteral("steps")),
                QStringLiteral("missing (a get with \"until\" runs these steps for every item)"));
    } else if (step.contains(QStringLiteral("steps"))) {
        error(join(kindPath, QStringLiteral("until")),
            QStringLiteral("missing (steps run per item until this sentinel item arrives)"));
    }
    return true;
}

void ScenarioParser::checkReferences()
{
    for (const ObjectSpec &object : m_scenario.objects) {
        if (object.kind == ObjectKind::Queue && !m_declaredQueues.contains(object.name))
            error(QStringLiteral("queues"),
                QStringLiteral("queue '") + object.name
                    + QStringLiteral("' is used but not declared (add {\"name\": \"") + object.name
                    + QStringLiteral("\", \"kind\": \"fifo\"})"));
    }
    for (const QString &name : std::as_const(m_scenario.executor.joinTasks)) {
        if (m_scenario.findInstance(name) < 0)
            error(QStringLiteral("executor.join"), QStringLiteral("no task named '") + name + u'\'');
    }
    if (m_scenario.executor.join != JoinMode::All && m_scenario.executor.kind != ExecutorKind::Threads)
        error(QStringLiteral("executor.join"), QStringLiteral("join applies to the threads executor only"));
}

} // namespace threadlab
