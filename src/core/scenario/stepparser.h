#pragma once

#include "scenario/jsonreader.h"
#include "scenario/scenario.h"

#include <functional>
#include <optional>
#include <vector>

namespace threadlab {

// Parses a task's program: each step object ({"sleep": 1000}, {"lock": "L", "steps": [...]}, …)
// and the steps nested in it, naming objects through the scenario parser's table.
class StepParser
{
public:
    using Intern = std::function<uint32_t(ObjectKind, const QString &name, const QString &path)>;

    static constexpr qsizetype kMaxPrintLength = 1000;
    static constexpr qsizetype kMaxUrlLength = 2048;
    static constexpr int64_t kMaxPutItems = 1'000'000; // across all put steps of a scenario

    StepParser(JsonReader &json, Scenario &scenario, Intern intern);

    std::vector<Step> parseSteps(const QJsonValue &value, const QString &path);

private:
    std::optional<Step> parseStep(const QJsonValue &value, const QString &path);
    bool parseAdd(const QJsonValue &value, const QString &path, Step &step);
    bool parsePut(const QJsonValue &value, const QString &path, Step &step);
    bool parseGet(const QJsonObject &object, const QString &path, Step &step);
    void parseNotify(const QJsonValue &value, const QString &path, Step &step);
    void parseWait(const QJsonValue &value, const QString &path, Step &step);
    void parseDownload(const QJsonValue &value, const QString &path, Step &step);
    uint32_t intern(ObjectKind kind, const QString &name, const QString &path);

    JsonReader &m_json;
    Scenario &m_scenario;
    Intern m_intern;
    int64_t m_putItems = 0;
};

} // namespace threadlab
