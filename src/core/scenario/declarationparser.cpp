#include "scenario/declarationparser.h"

#include "base/coretext.h"

#include <QJsonArray>

namespace threadlab {

DeclarationParser::DeclarationParser(JsonReader &json, Scenario &scenario, Intern intern)
    : m_json(json)
    , m_scenario(scenario)
    , m_intern(std::move(intern))
{ }

uint32_t DeclarationParser::intern(ObjectKind kind, const QString &name, const QString &path)
{
    return m_intern(kind, name, path);
}

void DeclarationParser::parse(const QJsonObject &root)
{
    if (root.contains(QStringLiteral("queues")))
        parseQueues(root.value(QStringLiteral("queues")), QStringLiteral("queues"));
    if (root.contains(QStringLiteral("semaphores")))
        parseSemaphores(root.value(QStringLiteral("semaphores")), QStringLiteral("semaphores"));
    if (root.contains(QStringLiteral("conditions")))
        parseConditions(root.value(QStringLiteral("conditions")), QStringLiteral("conditions"));
    if (root.contains(QStringLiteral("barriers")))
        parseBarriers(root.value(QStringLiteral("barriers")), QStringLiteral("barriers"));
}

void DeclarationParser::checkUsed()
{
    for (const ObjectSpec &object : m_scenario.objects) {
        if (m_declared.contains({ int(object.kind), object.name }))
            continue;
        if (object.kind == ObjectKind::Queue)
            m_json.error(QStringLiteral("queues"),
                Text::tr("queue '") + object.name + Text::tr("' is used but not declared (add {\"name\": \"")
                    + object.name + Text::tr("\", \"kind\": \"fifo\"})"));
        else if (object.kind == ObjectKind::Semaphore)
            m_json.error(QStringLiteral("semaphores"),
                Text::tr("semaphore '") + object.name + Text::tr("' is used but not declared (add {\"name\": \"")
                    + object.name + Text::tr("\", \"value\": 1})"));
        else if (object.kind == ObjectKind::Condition)
            m_json.error(QStringLiteral("conditions"),
                Text::tr("condition '") + object.name + Text::tr("' is used but not declared (add {\"name\": \"")
                    + object.name + Text::tr("\", \"lock\": \"a lock\"})"));
        else if (object.kind == ObjectKind::Barrier)
            m_json.error(QStringLiteral("barriers"),
                Text::tr("barrier '") + object.name + Text::tr("' is used but not declared (add {\"name\": \"")
                    + object.name + Text::tr("\", \"parties\": 2})"));
    }
}

uint32_t DeclarationParser::declare(
    ObjectKind kind, const QJsonValue &value, const QString &itemPath, const QStringList &keys, QJsonObject &object)
{
    if (!value.isObject()) {
        m_json.error(itemPath, Text::tr("expected an object, got ") + JsonReader::typeName(value));
        return kNoObject;
    }
    object = value.toObject();
    m_json.checkKeys(object, itemPath, QStringList { QStringLiteral("name") } + keys);
    const QString namePath = JsonReader::join(itemPath, QStringLiteral("name"));
    const auto name = m_json.name(object.value(QStringLiteral("name")), namePath);
    if (!name)
        return kNoObject;
    if (m_declared.contains({ int(kind), *name })) {
        m_json.error(namePath, objectKindName(kind) + Text::tr(" '") + *name + Text::tr("' is declared twice"));
        return kNoObject;
    }
    const uint32_t id = intern(kind, *name, namePath);
    if (id != kNoObject)
        m_declared.insert({ int(kind), *name });
    return id;
}

void DeclarationParser::parseDeclarations(const QJsonValue &value, const QString &path, const QString &shape,
    const std::function<void(const QJsonValue &, const QString &)> &parseOne)
{
    if (!value.isArray()) {
        m_json.error(path, Text::tr("expected an array of ") + shape);
        return;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i)
        parseOne(array.at(i), JsonReader::index(path, i));
}

void DeclarationParser::parseQueues(const QJsonValue &value, const QString &path)
{
    parseDeclarations(
        value, path, QStringLiteral("{\"name\", \"kind\"}"), [this](const QJsonValue &item, const QString &itemPath) {
            QJsonObject object;
            const QString kindPath = JsonReader::join(itemPath, QStringLiteral("kind"));
            const auto kind = item.isObject() ? m_json.string(item.toObject().value(QStringLiteral("kind")), kindPath)
                                              : std::optional<QString>();
            QueueKind queueKind = QueueKind::Fifo;
            if (kind == QStringLiteral("lifo"))
                queueKind = QueueKind::Lifo;
            else if (kind == QStringLiteral("priority"))
                queueKind = QueueKind::Priority;
            else if (kind && *kind != QStringLiteral("fifo"))
                m_json.error(kindPath, Text::tr("expected fifo, lifo or priority, got '") + *kind + u'\'');
            const uint32_t id = declare(ObjectKind::Queue, item, itemPath, { QStringLiteral("kind") }, object);
            if (id != kNoObject)
                m_scenario.objects[id].queueKind = queueKind;
        });
}

void DeclarationParser::parseSemaphores(const QJsonValue &value, const QString &path)
{
    // threading.Semaphore(value) / BoundedSemaphore(value).
    parseDeclarations(value, path, QStringLiteral("{\"name\", \"value\", \"bounded\"}"),
        [this](const QJsonValue &item, const QString &itemPath) {
            QJsonObject object;
            const uint32_t id = declare(
                ObjectKind::Semaphore, item, itemPath, { QStringLiteral("value"), QStringLiteral("bounded") }, object);
            if (id == kNoObject)
                return;
            ObjectSpec &semaphore = m_scenario.objects[id];
            const QString valuePath = JsonReader::join(itemPath, QStringLiteral("value"));
            if (!object.contains(QStringLiteral("value")))
                m_json.error(valuePath, Text::tr("missing (how many may hold the semaphore at once)"));
            else
                semaphore.value
                    = m_json.integer(object.value(QStringLiteral("value")), valuePath, 0, 1'000'000).value_or(1);
            if (object.contains(QStringLiteral("bounded")))
                semaphore.bounded = m_json
                                        .boolean(object.value(QStringLiteral("bounded")),
                                            JsonReader::join(itemPath, QStringLiteral("bounded")))
                                        .value_or(false);
        });
}

void DeclarationParser::parseConditions(const QJsonValue &value, const QString &path)
{
    // threading.Condition(lock).
    parseDeclarations(
        value, path, QStringLiteral("{\"name\", \"lock\"}"), [this](const QJsonValue &item, const QString &itemPath) {
            QJsonObject object;
            const uint32_t id = declare(ObjectKind::Condition, item, itemPath, { QStringLiteral("lock") }, object);
            if (id == kNoObject)
                return;
            const QString lockPath = JsonReader::join(itemPath, QStringLiteral("lock"));
            if (!object.contains(QStringLiteral("lock"))) {
                m_json.error(lockPath, Text::tr("missing (the lock the condition's waiters hold and give up)"));
                return;
            }
            if (const auto lock = m_json.name(object.value(QStringLiteral("lock")), lockPath)) {
                const uint32_t lockId = intern(ObjectKind::Lock, *lock, lockPath);
                m_scenario.objects[id].lock = lockId;
            }
        });
}

void DeclarationParser::parseBarriers(const QJsonValue &value, const QString &path)
{
    // threading.Barrier(parties, timeout=...).
    parseDeclarations(value, path, QStringLiteral("{\"name\", \"parties\", \"timeout_ms\"}"),
        [this](const QJsonValue &item, const QString &itemPath) {
            QJsonObject object;
            const uint32_t id = declare(ObjectKind::Barrier, item, itemPath,
                { QStringLiteral("parties"), QStringLiteral("timeout_ms") }, object);
            if (id == kNoObject)
                return;
            ObjectSpec &barrier = m_scenario.objects[id];
            const QString partiesPath = JsonReader::join(itemPath, QStringLiteral("parties"));
            if (!object.contains(QStringLiteral("parties")))
                m_json.error(partiesPath, Text::tr("missing (how many threads the barrier waits for)"));
            else
                barrier.value
                    = m_json.integer(object.value(QStringLiteral("parties")), partiesPath, 1, kMaxParties).value_or(1);
            if (object.contains(QStringLiteral("timeout_ms")))
                barrier.timeoutNs = m_json
                                        .milliseconds(object.value(QStringLiteral("timeout_ms")),
                                            JsonReader::join(itemPath, QStringLiteral("timeout_ms")))
                                        .value_or(-1);
        });
}

} // namespace threadlab
