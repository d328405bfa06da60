#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <optional>

namespace threadlab {

// Reads typed values out of a JSON document, reporting every problem with the file, the JSON path
// and the reason ("lesson.json: tasks[2].steps[0].sleep: expected milliseconds >= 0, got -5").
class JsonReader
{
public:
    JsonReader(QString origin, QStringList &errors);

    void error(const QString &path, const QString &message);
    qsizetype errorCount() const { return m_errors.size(); }
    // False (with an error per key) if the object has keys outside `allowed`.
    bool checkKeys(const QJsonObject &object, const QString &path, const QStringList &allowed);
    std::optional<QString> string(const QJsonValue &value, const QString &path, bool nonEmpty = true);
    std::optional<int64_t> integer(const QJsonValue &value, const QString &path, int64_t min, int64_t max);
    std::optional<int64_t> milliseconds(const QJsonValue &value, const QString &path); // as nanoseconds
    std::optional<bool> boolean(const QJsonValue &value, const QString &path);

    static QString typeName(const QJsonValue &value);
    static QString join(const QString &path, const QString &key);
    static QString index(const QString &path, qsizetype i);

private:
    QString m_origin;
    QStringList &m_errors;
};

} // namespace threadlab
