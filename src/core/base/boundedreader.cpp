#include "base/boundedreader.h"

namespace threadlab {

QString BoundedReader::problem() const
{
    return ok() ? QString() : QStringLiteral("damaged at byte %1%2 (%3)").arg(m_problemAt).arg(m_offsetNote, m_problem);
}

bool BoundedReader::fail(const QString &what, qsizetype at)
{
    if (ok()) {
        m_problem = what;
        m_problemAt = at >= 0 ? at : m_offset;
        m_offset = m_size; // nothing more is read
    }
    return false;
}

bool BoundedReader::take(size_t bytes, const char *what)
{
    if (!ok())
        return false;
    if (quint64(left()) < bytes)
        return fail(QStringLiteral("the file ends inside %1").arg(QLatin1String(what)));
    m_offset += qsizetype(bytes);
    return true;
}

bool BoundedReader::boolean(bool &value)
{
    quint8 raw = 0;
    if (!integer(raw))
        return false;
    if (raw > 1)
        return fail(QStringLiteral("a true/false value is %1").arg(raw), m_offset - 1);
    value = raw == 1;
    return true;
}

bool BoundedReader::string(QString &value, qsizetype maxChars, const char *what)
{
    const qsizetype at = m_offset;
    quint32 bytes = 0;
    if (!integer(bytes))
        return false;
    value.clear();
    if (bytes == 0xffffffffu) // a null string
        return true;
    if (bytes % 2 != 0 || quint64(bytes / 2) > quint64(maxChars))
        return fail(QStringLiteral("%1 has a length of %2 bytes (at most %3 characters allowed)")
                        .arg(QLatin1String(what))
                        .arg(bytes)
                        .arg(maxChars),
            at);
    if (quint64(bytes) > quint64(left()))
        return fail(QStringLiteral("the file ends inside %1").arg(QLatin1String(what)), at);
    value.resize(qsizetype(bytes / 2));
    const auto *raw = reinterpret_cast<const uint8_t *>(m_data + m_offset);
    char16_t *out = reinterpret_cast<char16_t *>(value.data());
    for (qsizetype i = 0; i < value.size(); ++i)
        out[i] = m_littleEndian ? char16_t(raw[2 * i] | (raw[2 * i + 1] << 8))
                                : char16_t((raw[2 * i] << 8) | raw[2 * i + 1]);
    m_offset += qsizetype(bytes);
    return true;
}

bool BoundedReader::bytes(QByteArray &value, qsizetype maxBytes, const char *what)
{
    const qsizetype at = m_offset;
    quint32 size = 0;
    if (!integer(size))
        return false;
    value.clear();
    if (size == 0xffffffffu)
        return true;
    if (quint64(size) > quint64(maxBytes))
        return fail(
            QStringLiteral("%1 has %2 bytes (at most %3 allowed)").arg(QLatin1String(what)).arg(size).arg(maxBytes),
            at);
    if (quint64(size) > quint64(left()))
        return fail(QStringLiteral("the file ends inside %1").arg(QLatin1String(what)), at);
    value = QByteArray(m_data + m_offset, qsizetype(size));
    m_offset += qsizetype(size);
    return true;
}

bool BoundedReader::stringList(QStringList &value, quint32 maxCount, qsizetype maxChars, const char *what)
{
    quint32 n = 0;
    if (!count(n, maxCount, sizeof(quint32), what))
        return false;
    value.clear();
    for (quint32 i = 0; i < n; ++i) {
        QString item;
        if (!string(item, maxChars, what))
            return false;
        value << item;
    }
    return true;
}

} // namespace threadlab
