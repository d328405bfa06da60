#pragma once

#include "base/result.h"
#include "scenario/declarationparser.h"
#include "scenario/jsonreader.h"
#include "scenario/scenario.h"
#include "scenario/stepparser.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QMultiHash>
#include <QStringList>
#include <optional>

namespace threadlab {

// Parses and validates a scenario. Unknown keys are errors; the Error has a line for each problem
// found, naming the file and the JSON path (or line), e.g.
// "lesson.json: tasks[2].steps[0].sleep: expected milliseconds >= 0".
class ScenarioParser
{
public:
    // Limits on what a scenario may hold (README, "Security"); see also JsonReader and StepParser.
    static constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024;
    static constexpr qsizetype kMaxIdLength = 64;
    static constexpr int kMaxObjects = 200'000; // distinct names of locks, counters, queues, events, items, texts

    // `text` made fit for an id (and so for a file name): letters, digits, '-', '_' and '.' (not first).
    static QString safeId(const QString &text);
    static Result<Scenario> parse(const QByteArray &json, const QString &origin);
    static Result<Scenario> parseFile(const QString &path);

private:
    explicit ScenarioParser(const QString &origin);
    ScenarioParser(const ScenarioParser &) = delete; // m_steps refers to members
    ScenarioParser &operator=(const ScenarioParser &) = delete;

    void parseRoot(const QJsonObject &root);
    void parseExecutor(const QJsonValue &value, const QString &path);
    void parseOptions(const QJsonValue &value, const QString &path);
    void parseTask(const QJsonValue &value, const QString &path);
    void parseServer(const QJsonValue &value, const QString &path);
    void checkReferences();
    Result<Scenario> result();

    uint32_t intern(ObjectKind kind, const QString &name, const QString &path);

    QString m_origin;
    Scenario m_scenario;
    QStringList m_errors;
    JsonReader m_json; // reads values, reporting into m_errors
    StepParser m_steps;
    DeclarationParser m_declarations;
    QMultiHash<QString, uint32_t> m_objectIds; // name -> objects of that name (one text, one other kind)
};

} // namespace threadlab
