#include "scenario/jsonreader.h"

#include "base/clock.h"
#include "base/coretext.h"
#include "base/textsafety.h"

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
        return Text::tr("a boolean");
    case QJsonValue::Double:
        return Text::tr("a number");
    case QJsonValue::String:
        return Text::tr("a string");
    case QJsonValue::Array:
        return Text::tr("an array");
    case QJsonValue::Object:
        return Text::tr("an object");
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
    if (m_errors.size() >= kMaxErrors) {
        ++m_unlisted;
        return;
    }
    m_errors << (m_origin + Text::tr(": ") + (path.isEmpty() ? QString() : path + Text::tr(": ")) + message);
}

bool JsonReader::checkKeys(const QJsonObject &object, const QString &path, const QStringList &allowed)
{
    bool ok = true;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key())) {
            error(join(path, it.key()), Text::tr("unknown key (allowed here: ") + allowed.join(Text::tr(", ")) + u')');
            ok = false;
        }
    }
    return ok;
}

std::optional<QString> JsonReader::string(const QJsonValue &value, const QString &path, bool nonEmpty)
{
    if (!value.isString()) {
        error(path, Text::tr("expected a string, got ") + typeName(value));
        return std::nullopt;
    }
    if (nonEmpty && value.toString().trimmed().isEmpty()) {
        error(path, Text::tr("must not be empty"));
        return std::nullopt;
    }
    return value.toString();
}

void JsonReader::finish()
{
    if (m_unlisted > 0)
        m_errors << (m_origin + Text::tr(": … and %1 more errors").arg(m_unlisted));
    m_unlisted = 0;
}

namespace {
// The first character that a name or text may not hold, or -1.
qsizetype firstControl(const QString &text, bool allowLayout)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (isUnsafeCharacter(text.at(i).unicode(), allowLayout))
            return i;
    }
    return -1;
}

QString codeOf(QChar c)
{
    return QStringLiteral("U+") + QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0');
}
} // namespace

std::optional<QString> JsonReader::name(const QJsonValue &value, const QString &path)
{
    auto result = string(value, path, true);
    if (!result)
        return std::nullopt;
    if (result->size() > kMaxNameLength) {
        error(path,
            Text::tr("a name may have at most %1 characters, this one has %2").arg(kMaxNameLength).arg(result->size()));
        return std::nullopt;
    }
    if (const qsizetype at = firstControl(*result, false); at >= 0) {
        error(path,
            Text::tr("a name may not hold control characters (%1 at character %2)")
                .arg(codeOf(result->at(at)))
                .arg(at + 1));
        return std::nullopt;
    }
    return result;
}

std::optional<QString> JsonReader::text(
    const QJsonValue &value, const QString &path, qsizetype maxLength, bool nonEmpty)
{
    auto result = string(value, path, nonEmpty);
    if (!result)
        return std::nullopt;
    if (result->size() > maxLength) {
        error(path, Text::tr("at most %1 characters allowed here, got %2").arg(maxLength).arg(result->size()));
        return std::nullopt;
    }
    if (const qsizetype at = firstControl(*result, true); at >= 0) {
        error(path,
            Text::tr("control character %1 at character %2 (only tab and newline are allowed)")
                .arg(codeOf(result->at(at)))
                .arg(at + 1));
        return std::nullopt;
    }
    return result;
}

std::optional<int64_t> JsonReader::integer(const QJsonValue &value, const QString &path, int64_t min, int64_t max)
{
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::floor(number) != number || number < double(min) || number > double(max)) {
        error(path,
            Text::tr("expected a whole number from ") + QString::number(min) + Text::tr(" to ") + QString::number(max)
                + Text::tr(", got ") + (value.isDouble() ? QString::number(number) : typeName(value)));
        return std::nullopt;
    }
    return static_cast<int64_t>(number);
}

std::optional<int64_t> JsonReader::milliseconds(const QJsonValue &value, const QString &path)
{
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 0 || number > double(kMaxMilliseconds)) {
        error(path,
            Text::tr("expected milliseconds >= 0, got ")
                + (value.isDouble() ? QString::number(number) : typeName(value)));
        return std::nullopt;
    }
    return static_cast<int64_t>(std::llround(number * double(kNsPerMs)));
}

std::optional<bool> JsonReader::boolean(const QJsonValue &value, const QString &path)
{
    if (!value.isBool()) {
        error(path, Text::tr("expected true or false, got ") + typeName(value));
        return std::nullopt;
    }
    return value.toBool();
}

} // namespace threadlab
