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
    // Limits on what a scenario file may hold (README, "Security"). Names are task, lock, counter,
    // queue, event and item names; texts are lesson, code and print texts.
    static constexpr qsizetype kMaxNameLength = 200;
    static constexpr qsizetype kMaxTextLength = 64 * 1024;
    static constexpr qsizetype kMaxErrors = 50; // further errors are counted, not listed

    JsonReader(QString origin, QStringList &errors);

    void error(const QString &path, const QString &message);
    qsizetype errorCount() const { return m_errors.size(); }
    // False (with an error per key) if the object has keys outside `allowed`.
    bool checkKeys(const QJsonObject &object, const QString &path, const QStringList &allowed);
    std::optional<QString> string(const QJsonValue &value, const QString &path, bool nonEmpty = true);
    // A non-empty name of at most kMaxNameLength characters without control characters.
    std::optional<QString> name(const QJsonValue &value, const QString &path);
    // A text of at most maxLength characters; of the control characters only tab and newline.
    std::optional<QString> text(
        const QJsonValue &value, const QString &path, qsizetype maxLength = kMaxTextLength, bool nonEmpty = false);
    // Errors past kMaxErrors are counted here instead of listed; call once at the end.
    void finish();
    std::optional<int64_t> integer(const QJsonValue &value, const QString &path, int64_t min, int64_t max);
    std::optional<int64_t> milliseconds(const QJsonValue &value, const QString &path); // as nanoseconds
    std::optional<bool> boolean(const QJsonValue &value, const QString &path);

    static QString typeName(const QJsonValue &value);
    static QString join(const QString &path, const QString &key);
    static QString index(const QString &path, qsizetype i);

private:
    QString m_origin;
    QStringList &m_errors;
    qsizetype m_unlisted = 0;
};

} // namespace threadlab
