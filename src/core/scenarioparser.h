#pragma once

#include "scenario.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <optional>

namespace threadlab {

struct ParsedScenario
{
    Scenario scenario;
    QStringList errors; // each names the file and the JSON path (or line) and the reason

    bool ok() const { return errors.isEmpty(); }
};

// Parses and validates a scenario. Unknown keys are errors; every error names the JSON path,
// e.g. "tasks[2].steps[0].sleep: expected milliseconds >= 0".
class ScenarioParser
{
public:
    static ParsedScenario parse(const QByteArray &json, const QString &origin);
    static ParsedScenario parseFile(const QString &path);

private:
    explicit ScenarioParser(const QString &origin);

    void parseRoot(const QJsonObject &root);
    void parseExecutor(const QJsonValue &value, const QString &path);
    void parseOptions(const QJsonValue &value, const QString &path);
    void parseQueues(const QJsonValue &value, const QString &path);
    void parseTask(const QJsonValue &value, const QString &path);
    std::vector<Step> parseSteps(const QJsonValue &value, const QString &path);
    std::optional<Step> parseStep(const QJsonValue &value, const QString &path);
    bool parseAdd(const QJsonValue &value, const QString &path, Step &step);
    bool parsePut(const QJsonValue &value, const QString &path, Step &step);
    bool parseGet(const QJsonObject &object, const QString &path, Step &step);
    void parseDownload(const QJsonValue &value, const QString &path, Step &step);
    void parseServer(const QJsonValue &value, const QString &path);
    void checkReferences();

    bool checkKeys(const QJsonObject &object, const QString &path, const QStringList &allowed);
    std::optional<QString> string(const QJsonValue &value, const QString &path, bool nonEmpty = true);
    std::optional<int64_t> integer(const QJsonValue &value, const QString &path, int64_t min, int64_t max);
    std::optional<int64_t> milliseconds(const QJsonValue &value, const QString &path);
    std::optional<bool> boolean(const QJsonValue &value, const QString &path);
    uint32_t intern(ObjectKind kind, const QString &name, const QString &path);
    void error(const QString &path, const QString &message);

    QString m_origin;
    Scenario m_scenario;
    QStringList m_errors;
    QStringList m_declaredQueues;
};

} // namespace threadlab
