#include "jsonreader.h"

#include "clock.h"

#include <cmath>

namespace threadlab {

namespace {
constexpr int64_t kMaxMilliseconds = int64_t(24) * 3600 * 1000;
} // namespace

JsonReader::JsonReader(QString origin, QStringList &errors)
    : m_origin(std::move(origin))
    , m_errors(errors)
{ }

QString JsonReader::typeName(const QJsonValue &value)
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

QString JsonReader::join(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + u'.' + key;
}

QString JsonReader::index(const QString &path, qsizetype i)
{
    return path + u'[' + QString::number(i) + u']';
}

void JsonReader::error(const QString &path, const QString &message)
{
    m_errors << (m_origin + QStringLiteral(": ") + (path.isEmpty() ? QString() : path + QStringLiteral(": "))
        + message);
}

bool JsonReader::checkKeys(const QJsonObject &object, const QString &path, const QStringList &allowed)
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

std::optional<QString> JsonReader::string(const QJsonValue &value, const QString &path, bool nonEmpty)
{
    if (!value.isString()) {
        error(path, QStringLiteral("expected a string, got ") + typeName(value));
        return std::nullopt;
    }
    if (nonEmpty && value.toString().trimmed().isEmpty()) {
        error(path, QStringLiteral("must not be empty"));
        return std::nullopt;
    }
    return value.toString();
}

std::optional<int64_t> JsonReader::integer(const QJsonValue &value, const QString &path, int64_t min, int64_t max)
{
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::floor(number) != number || number < double(min) || number > double(max)) {
        error(path,
            QStringLiteral("expected a whole number from ") + QString::number(min) + QStringLiteral(" to ")
                + QString::number(max) + QStringLiteral(", got ")
                + (value.isDouble() ? QString::number(number) : typeName(value)));
        return std::nullopt;
    }
    return static_cast<int64_t>(number);
}

std::optional<int64_t> JsonReader::milliseconds(const QJsonValue &value, const QString &path)
{
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 0 || number > double(kMaxMilliseconds)) {
        error(path,
            QStringLiteral("expected milliseconds >= 0, got ")
                + (value.isDouble() ? QString::number(number) : typeName(value)));
        return std::nullopt;
    }
    return static_cast<int64_t>(std::llround(number * double(kNsPerMs)));
}

std::optional<bool> JsonReader::boolean(const QJsonValue &value, const QString &path)
{
    if (!value.isBool()) {
        error(path, QStringLiteral("expected true or false, got ") + typeName(value));
        return std::nullopt;
    }
    return value.toBool();
}

} // namespace threadlab
