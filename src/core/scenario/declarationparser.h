#pragma once

#include "scenario/jsonreader.h"
#include "scenario/scenario.h"
#include "scenario/stepparser.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QStringList>
#include <functional>

namespace threadlab {

// Reads a scenario's declared objects — "queues" (with their kind), "semaphores" (value, bounded),
// "conditions" (their lock) and "barriers" (parties, timeout) — each an array of objects with a
// "name", and checks that every one of these a step uses was declared.
class DeclarationParser
{
public:
    using Intern = StepParser::Intern;
    static constexpr int64_t kMaxParties = 1025; // every task instance and the main lane

    DeclarationParser(JsonReader &json, Scenario &scenario, Intern intern);

    void parse(const QJsonObject &root);
    void checkUsed();

private:
    // One declaration: an object with a "name" and the given keys; the object's id, or kNoObject
    // (the problem reported).
    uint32_t declare(ObjectKind kind, const QJsonValue &value, const QString &itemPath, const QStringList &keys,
        QJsonObject &object);
    void parseDeclarations(const QJsonValue &value, const QString &path, const QString &shape,
        const std::function<void(const QJsonValue &, const QString &)> &parseOne);
    void parseQueues(const QJsonValue &value, const QString &path);
    void parseSemaphores(const QJsonValue &value, const QString &path);
    void parseConditions(const QJsonValue &value, const QString &path);
    void parseBarriers(const QJsonValue &value, const QString &path);
    uint32_t intern(ObjectKind kind, const QString &name, const QString &path);

    JsonReader &m_json;
    Scenario &m_scenario;
    Intern m_intern;
    QSet<QPair<int, QString>> m_declared; // (kind, name)
};

} // namespace threadlab
