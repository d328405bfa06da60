#include "scenario/stepparser.h"

#include "base/coretext.h"

#include <QJsonArray>
#include <QUrl>
#include <algorithm>

namespace threadlab {

namespace {

const QStringList kStepKinds = { QStringLiteral("sleep"), QStringLiteral("cpu"), QStringLiteral("lock"),
    QStringLiteral("add"), QStringLiteral("put"), QStringLiteral("get"), QStringLiteral("set"), QStringLiteral("clear"),
    QStringLiteral("wait"), QStringLiteral("while_set"), QStringLiteral("print"), QStringLiteral("download"),
    QStringLiteral("rlock"), QStringLiteral("semaphore"), QStringLiteral("release"), QStringLiteral("condition"),
    QStringLiteral("notify"), QStringLiteral("notify_all"), QStringLiteral("barrier") };
// Steps that run nested steps, and those that may give up waiting after "timeout_ms".
const QStringList kNestingKinds = { QStringLiteral("lock"), QStringLiteral("rlock"), QStringLiteral("semaphore"),
    QStringLiteral("condition"), QStringLiteral("while_set"), QStringLiteral("get") };
const QStringList kTimeoutKinds = { QStringLiteral("lock"), QStringLiteral("rlock"), QStringLiteral("semaphore"),
    QStringLiteral("get"), QStringLiteral("wait"), QStringLiteral("barrier") };

// The locks a step's nested steps take (for the lock-ordering option), without repeats.
void collectLocks(const std::vector<Step> &steps, std::vector<uint32_t> &locks)
{
    for (const Step &step : steps) {
        if (step.kind == StepKind::Lock && std::find(locks.begin(), locks.end(), step.object) == locks.end())
            locks.push_back(step.object);
        collectLocks(step.steps, locks);
    }
}

} // namespace

StepParser::StepParser(JsonReader &json, Scenario &scenario, Intern intern)
    : m_json(json)
    , m_scenario(scenario)
    , m_intern(std::move(intern))
{ }

uint32_t StepParser::intern(ObjectKind kind, const QString &name, const QString &path)
{
    return m_intern(kind, name, path);
}

std::vector<Step> StepParser::parseSteps(const QJsonValue &value, const QString &path)
{
    std::vector<Step> steps;
    if (!value.isArray()) {
        m_json.error(path, Text::tr("expected an array of steps, got ") + JsonReader::typeName(value));
        return steps;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (auto step = parseStep(array.at(i), JsonReader::index(path, i)))
            steps.push_back(std::move(*step));
    }
    return steps;
}

std::optional<Step> StepParser::parseStep(const QJsonValue &value, const QString &path)
{
    if (!value.isObject()) {
        m_json.error(
            path, Text::tr("expected a step object such as {\"sleep\": 1000}, got ") + JsonReader::typeName(value));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    QStringList kinds;
    for (const QString &key : object.keys()) {
        if (kStepKinds.contains(key))
            kinds << key;
    }
    if (kinds.size() != 1) {
        m_json.error(path,
            kinds.isEmpty()
                ? QString(Text::tr("no step kind (expected one of ") + kStepKinds.join(Text::tr(", ")) + u')')
                : QString(Text::tr("more than one step kind: ") + kinds.join(Text::tr(", "))));
        return std::nullopt;
    }
    const QString kind = kinds.first();
    const QString kindPath = JsonReader::join(path, kind);
    const QJsonValue arg = object.value(kind);
    QStringList keys { kind };
    if (kNestingKinds.contains(kind))
        keys << QStringLiteral("steps");
    if (kTimeoutKinds.contains(kind))
        keys << QStringLiteral("timeout_ms");
    if (!m_json.checkKeys(object, path, keys))
        return std::nullopt;
    const bool hasSteps = object.contains(QStringLiteral("steps"));
    if (!hasSteps && kNestingKinds.contains(kind) && kind != QStringLiteral("get")) {
        m_json.error(JsonReader::join(path, QStringLiteral("steps")),
            Text::tr("missing (the steps to run under the ") + kind + QStringLiteral(")"));
        return std::nullopt;
    }

    Step step;
    const qsizetype errorsBefore = m_json.errorCount();
    if (object.contains(QStringLiteral("timeout_ms")))
        step.timeoutNs = m_json
                             .milliseconds(object.value(QStringLiteral("timeout_ms")),
                                 JsonReader::join(path, QStringLiteral("timeout_ms")))
                             .value_or(0);
    if (kind == QStringLiteral("sleep") || kind == QStringLiteral("cpu")) {
        step.kind = kind == QStringLiteral("sleep") ? StepKind::Sleep : StepKind::Cpu;
        step.durationNs = m_json.milliseconds(arg, kindPath).value_or(0);
    } else if (kind == QStringLiteral("lock") || kind == QStringLiteral("rlock")) {
        const bool reentrant = kind == QStringLiteral("rlock");
        step.kind = reentrant ? StepKind::RLock : StepKind::Lock;
        if (const auto name = m_json.name(arg, kindPath))
            step.object = intern(reentrant ? ObjectKind::RLock : ObjectKind::Lock, *name, kindPath);
    } else if (kind == QStringLiteral("semaphore") || kind == QStringLiteral("release")) {
        step.kind = kind == QStringLiteral("semaphore") ? StepKind::Semaphore : StepKind::Release;
        if (const auto name = m_json.name(arg, kindPath))
            step.object = intern(ObjectKind::Semaphore, *name, kindPath);
    } else if (kind == QStringLiteral("condition") || kind == QStringLiteral("notify_all")) {
        step.kind = kind == QStringLiteral("condition") ? StepKind::Condition : StepKind::NotifyAll;
        if (const auto name = m_json.name(arg, kindPath))
            step.object = intern(ObjectKind::Condition, *name, kindPath);
    } else if (kind == QStringLiteral("notify")) {
        step.kind = StepKind::Notify;
        parseNotify(arg, kindPath, step);
    } else if (kind == QStringLiteral("barrier")) {
        step.kind = StepKind::Barrier;
        if (const auto name = m_json.name(arg, kindPath))
            step.object = intern(ObjectKind::Barrier, *name, kindPath);
    } else if (kind == QStringLiteral("add")) {
        step.kind = StepKind::Add;
        parseAdd(arg, kindPath, step);
    } else if (kind == QStringLiteral("put")) {
        step.kind = StepKind::Put;
        parsePut(arg, kindPath, step);
    } else if (kind == QStringLiteral("get")) {
        step.kind = StepKind::Get;
        parseGet(object, path, step);
    } else if (kind == QStringLiteral("wait") && arg.isObject()) {
        parseWait(arg, kindPath, step);
    } else if (kind == QStringLiteral("set") || kind == QStringLiteral("clear") || kind == QStringLiteral("wait")
        || kind == QStringLiteral("while_set")) {
        step.kind = kind == QStringLiteral("set") ? StepKind::Set
            : kind == QStringLiteral("clear")     ? StepKind::Clear
            : kind == QStringLiteral("wait")      ? StepKind::Wait
                                                  : StepKind::WhileSet;
        if (const auto name = m_json.name(arg, kindPath))
            step.object = intern(ObjectKind::Event, *name, kindPath);
    } else if (kind == QStringLiteral("download")) {
        step.kind = StepKind::Download;
        parseDownload(arg, kindPath, step);
    } else if (kind == QStringLiteral("print")) {
        step.kind = StepKind::Print;
        if (const auto text = m_json.text(arg, kindPath, kMaxPrintLength))
            step.text = intern(ObjectKind::Text, *text, kindPath);
    }
    if (hasSteps)
        step.steps = parseSteps(object.value(QStringLiteral("steps")), JsonReader::join(path, QStringLiteral("steps")));
    if (step.kind == StepKind::Lock)
        collectLocks(step.steps, step.nestedLocks);
    if (m_json.errorCount() != errorsBefore)
        return std::nullopt;
    return step;
}

bool StepParser::parseAdd(const QJsonValue &value, const QString &path, Step &step)
{
    if (!value.isObject()) {
        m_json.error(path, Text::tr("expected {\"counter\": name, \"delta\": n, \"times\": n}"));
        return false;
    }
    const QJsonObject object = value.toObject();
    m_json.checkKeys(object, path,
        { QStringLiteral("counter"), QStringLiteral("delta"), QStringLiteral("times"), QStringLiteral("lock"),
            QStringLiteral("local") });
    if (const auto name
        = m_json.name(object.value(QStringLiteral("counter")), JsonReader::join(path, QStringLiteral("counter"))))
        step.object = intern(ObjectKind::Counter, *name, JsonReader::join(path, QStringLiteral("counter")));
    step.delta = m_json
                     .integer(object.value(QStringLiteral("delta")), JsonReader::join(path, QStringLiteral("delta")),
                         -1'000'000'000, 1'000'000'000)
                     .value_or(0);
    if (object.contains(QStringLiteral("times")))
        step.times = m_json
                         .integer(object.value(QStringLiteral("times")),
                             JsonReader::join(path, QStringLiteral("times")), 1, 100'000'000)
                         .value_or(1);
    if (object.contains(QStringLiteral("lock"))) {
        if (const auto lock
            = m_json.name(object.value(QStringLiteral("lock")), JsonReader::join(path, QStringLiteral("lock"))))
            step.guard = intern(ObjectKind::Lock, *lock, JsonReader::join(path, QStringLiteral("lock")));
    }
    if (object.contains(QStringLiteral("local")))
        step.local
            = m_json.boolean(object.value(QStringLiteral("local")), JsonReader::join(path, QStringLiteral("local")))
                  .value_or(false);
    if (step.local && step.guard != kNoObject)
        m_json.error(JsonReader::join(path, QStringLiteral("lock")), Text::tr("a thread-local counter needs no lock"));
    return true;
}

void StepParser::parseNotify(const QJsonValue &value, const QString &path, Step &step)
{
    // {"notify": "cv"} wakes one waiter; {"notify": {"condition": "cv", "n": 2}} wakes up to n.
    QJsonObject object;
    if (value.isString()) {
        object.insert(QStringLiteral("condition"), value);
    } else if (value.isObject()) {
        object = value.toObject();
        m_json.checkKeys(object, path, { QStringLiteral("condition"), QStringLiteral("n") });
    } else {
        m_json.error(path, Text::tr("expected a condition's name or {\"condition\": name, \"n\": waiters}"));
        return;
    }
    const QString conditionPath = JsonReader::join(path, QStringLiteral("condition"));
    if (const auto name = m_json.name(object.value(QStringLiteral("condition")), conditionPath))
        step.object = intern(ObjectKind::Condition, *name, conditionPath);
    if (object.contains(QStringLiteral("n")))
        step.times
            = m_json.integer(object.value(QStringLiteral("n")), JsonReader::join(path, QStringLiteral("n")), 1, 1024)
                  .value_or(1);
}

void StepParser::parseWait(const QJsonValue &value, const QString &path, Step &step)
{
    // {"wait": {"event": "go"}} is {"wait": "go"}; {"wait": {"condition": "cv", "until": {"counter":
    // "stock", "at_least": 1}}} is cv.wait_for(lambda: stock >= 1) (without "until": cv.wait()).
    const QJsonObject object = value.toObject();
    m_json.checkKeys(object, path, { QStringLiteral("event"), QStringLiteral("condition"), QStringLiteral("until") });
    const bool event = object.contains(QStringLiteral("event"));
    if (event == object.contains(QStringLiteral("condition"))) {
        m_json.error(path, Text::tr("give either \"event\" or \"condition\""));
        return;
    }
    const QString key = event ? QStringLiteral("event") : QStringLiteral("condition");
    step.kind = event ? StepKind::Wait : StepKind::ConditionWait;
    if (const auto name = m_json.name(object.value(key), JsonReader::join(path, key)))
        step.object = intern(event ? ObjectKind::Event : ObjectKind::Condition, *name, JsonReader::join(path, key));
    if (!object.contains(QStringLiteral("until")))
        return;
    const QString untilPath = JsonReader::join(path, QStringLiteral("until"));
    if (event) {
        m_json.error(untilPath, Text::tr("an event's wait has no predicate (a condition's has)"));
        return;
    }
    const QJsonValue until = object.value(QStringLiteral("until"));
    if (!until.isObject()) {
        m_json.error(untilPath, Text::tr("expected {\"counter\": name, \"at_least\": n}"));
        return;
    }
    const QJsonObject predicate = until.toObject();
    m_json.checkKeys(predicate, untilPath, { QStringLiteral("counter"), QStringLiteral("at_least") });
    const QString counterPath = JsonReader::join(untilPath, QStringLiteral("counter"));
    if (const auto name = m_json.name(predicate.value(QStringLiteral("counter")), counterPath))
        step.counter = intern(ObjectKind::Counter, *name, counterPath);
    step.atLeast
        = m_json
              .integer(predicate.value(QStringLiteral("at_least")),
                  JsonReader::join(untilPath, QStringLiteral("at_least")), -1'000'000'000'000, 1'000'000'000'000)
              .value_or(0);
}

void StepParser::parseDownload(const QJsonValue &value, const QString &path, Step &step)
{
    if (!value.isObject()) {
        m_json.error(path, Text::tr("expected {\"image\": name, \"kb\": n} or {\"url\": \"http://…\"}"));
        return;
    }
    const QJsonObject object = value.toObject();
    m_json.checkKeys(object, path, { QStringLiteral("image"), QStringLiteral("kb"), QStringLiteral("url") });
    const bool hasImage = object.contains(QStringLiteral("image"));
    if (hasImage == object.contains(QStringLiteral("url"))) {
        m_json.error(path, Text::tr("give either \"image\" (from the embedded server) or \"url\""));
        return;
    }
    step.embedded = hasImage;
    const QString key = hasImage ? QStringLiteral("image") : QStringLiteral("url");
    step.target = (hasImage ? m_json.name(object.value(key), JsonReader::join(path, key))
                            : m_json.text(object.value(key), JsonReader::join(path, key), kMaxUrlLength, true))
                      .value_or(QString());
    if (!hasImage) {
        const QUrl url(step.target);
        if (!step.target.isEmpty()
            && (!url.isValid() || step.target.contains(u'\n') || step.target.contains(u'\t')
                || (url.scheme() != QStringLiteral("http") && url.scheme() != QStringLiteral("https"))))
            m_json.error(JsonReader::join(path, key),
                Text::tr("expected an http:// or https:// URL, got '%1'").arg(step.target));
    } else if (step.target.contains(u'/') || step.target.contains(u'?')) {
        m_json.error(JsonReader::join(path, key),
            Text::tr("expected an image name such as photo-{n}.png, got '%1'").arg(step.target));
    }
    if (object.contains(QStringLiteral("kb"))) {
        if (!hasImage)
            m_json.error(JsonReader::join(path, QStringLiteral("kb")),
                Text::tr("the size applies to images of the embedded server"));
        step.kilobytes = m_json
                             .integer(object.value(QStringLiteral("kb")), JsonReader::join(path, QStringLiteral("kb")),
                                 1, ServerSettings::kMaxImageKb)
                             .value_or(100);
    }
    m_scenario.server.used = m_scenario.server.used || hasImage;
}

bool StepParser::parsePut(const QJsonValue &value, const QString &path, Step &step)
{
    if (!value.isObject()) {
        m_json.error(path, Text::tr("expected {\"queue\": name, \"item\": text, \"count\": n, \"priority\": n}"));
        return false;
    }
    const QJsonObject object = value.toObject();
    m_json.checkKeys(object, path,
        { QStringLiteral("queue"), QStringLiteral("item"), QStringLiteral("count"), QStringLiteral("first"),
            QStringLiteral("priority") });
    if (const auto name
        = m_json.name(object.value(QStringLiteral("queue")), JsonReader::join(path, QStringLiteral("queue"))))
        step.object = intern(ObjectKind::Queue, *name, JsonReader::join(path, QStringLiteral("queue")));
    int64_t count = 1;
    if (object.contains(QStringLiteral("count")))
        count = m_json
                    .integer(object.value(QStringLiteral("count")), JsonReader::join(path, QStringLiteral("count")), 1,
                        100'000)
                    .value_or(1);
    int64_t first = 1;
    if (object.contains(QStringLiteral("first")))
        first = m_json
                    .integer(object.value(QStringLiteral("first")), JsonReader::join(path, QStringLiteral("first")), 0,
                        1'000'000'000)
                    .value_or(1);
    if (const auto item
        = m_json.name(object.value(QStringLiteral("item")), JsonReader::join(path, QStringLiteral("item")))) {
        // "job-{n}" with count 3 puts job-1, job-2, job-3 (from "first": 7, job-7, job-8, job-9); an
        // item without {n} is put count times.
        m_putItems += count;
        if (m_putItems > kMaxPutItems) {
            m_json.error(JsonReader::join(path, QStringLiteral("count")),
                Text::tr("a scenario may put at most %1 items in all").arg(kMaxPutItems));
            return false;
        }
        for (int64_t n = 0; n < count; ++n) {
            QString name = *item;
            name.replace(QStringLiteral("{n}"), QString::number(first + n));
            step.items.push_back(intern(ObjectKind::Text, name, JsonReader::join(path, QStringLiteral("item"))));
        }
    }
    if (object.contains(QStringLiteral("priority")))
        step.priority = m_json
                            .integer(object.value(QStringLiteral("priority")),
                                JsonReader::join(path, QStringLiteral("priority")), -1'000'000, 1'000'000)
                            .value_or(0);
    return true;
}

bool StepParser::parseGet(const QJsonObject &step, const QString &path, Step &out)
{
    const QString kindPath = JsonReader::join(path, QStringLiteral("get"));
    const QJsonValue value = step.value(QStringLiteral("get"));
    QJsonObject object;
    if (value.isString()) {
        object.insert(QStringLiteral("queue"), value);
    } else if (value.isObject()) {
        object = value.toObject();
        m_json.checkKeys(object, kindPath, { QStringLiteral("queue"), QStringLiteral("until") });
    } else {
        m_json.error(kindPath, Text::tr("expected a queue name or {\"queue\": name, \"until\": item}"));
        return false;
    }
    if (const auto name
        = m_json.name(object.value(QStringLiteral("queue")), JsonReader::join(kindPath, QStringLiteral("queue"))))
        out.object = intern(ObjectKind::Queue, *name, JsonReader::join(kindPath, QStringLiteral("queue")));
    if (object.contains(QStringLiteral("until"))) {
        if (const auto until
            = m_json.name(object.value(QStringLiteral("until")), JsonReader::join(kindPath, QStringLiteral("until"))))
            out.item = intern(ObjectKind::Text, *until, JsonReader::join(kindPath, QStringLiteral("until")));
        if (!step.contains(QStringLiteral("steps")))
            m_json.error(JsonReader::join(path, QStringLiteral("steps")),
                Text::tr("missing (a get with \"until\" runs these steps for every item)"));
    } else if (step.contains(QStringLiteral("steps"))) {
        m_json.error(JsonReader::join(kindPath, QStringLiteral("until")),
            Text::tr("missing (steps run per item until this sentinel item arrives)"));
    }
    return true;
}

} // namespace threadlab
