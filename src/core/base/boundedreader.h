#pragma once

#include <QString>
#include <QStringList>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

namespace threadlab {

// Reads QDataStream-encoded values (integers, QString, QByteArray, QStringList; big-endian unless
// setLittleEndian()) and raw records from bytes that may be damaged or hostile. Every length and count is checked
// against the bytes left and against a caller's limit before anything is allocated, so a count can never make it
// allocate more than the input holds. The first problem stops reading and keeps its byte offset.
class BoundedReader
{
public:
    // Reads data[start, size).
    BoundedReader(const char *data, qsizetype size, qsizetype start = 0)
        : m_data(data)
        , m_size(size)
        , m_offset(std::clamp<qsizetype>(start, 0, size))
    { }

    // Integers and UTF-16 text as QDataStream::LittleEndian writes them.
    void setLittleEndian(bool little) { m_littleEndian = little; }
    // Said after the byte offset in problem(), as in "of its uncompressed contents".
    void setOffsetNote(const QString &note) { m_offsetNote = note; }

    bool ok() const { return m_problem.isEmpty(); }
    qsizetype offset() const { return m_offset; }
    qsizetype left() const { return m_size - m_offset; }
    // "damaged at byte N (what)"; empty while ok().
    QString problem() const;
    // Records a problem at `at` (default: here). Only the first one counts. Returns false.
    bool fail(const QString &what, qsizetype at = -1);

    template <typename T> bool integer(T &value)
    {
        static_assert(std::is_integral_v<T>);
        if (!take(sizeof(T), "a number"))
            return false;
        std::make_unsigned_t<T> raw = 0;
        const char *bytes = m_data + m_offset - qsizetype(sizeof(T));
        for (size_t i = 0; i < sizeof(T); ++i) {
            const size_t at = m_littleEndian ? sizeof(T) - 1 - i : i; // most significant first
            raw = std::make_unsigned_t<T>((uint64_t(raw) << 8) | uint8_t(bytes[at]));
        }
        value = T(raw);
        return true;
    }
    bool boolean(bool &value);
    bool string(QString &value, qsizetype maxChars, const char *what);
    bool bytes(QByteArray &value, qsizetype maxBytes, const char *what);
    bool stringList(QStringList &value, quint32 maxCount, qsizetype maxChars, const char *what);
    // A count of items that each take at least itemBytes: at most maxCount and what the bytes left can hold.
    template <typename Count> bool count(Count &value, quint64 maxCount, size_t itemBytes, const char *what)
    {
        const qsizetype at = m_offset;
        if (!integer(value))
            return false;
        const quint64 n = quint64(value);
        if (n > maxCount)
            return fail(
                QStringLiteral("%1: %2 is over the limit of %3").arg(QLatin1String(what)).arg(n).arg(maxCount), at);
        if (itemBytes > 0 && n > quint64(left()) / itemBytes)
            return fail(
                QStringLiteral("%1: %2 items, but only %3 bytes are left").arg(QLatin1String(what)).arg(n).arg(left()),
                at);
        return true;
    }
    // quint64 count, then count raw native records (as TraceFile writes vectors of events).
    template <typename Vector> bool records(Vector &items, quint64 maxCount, const char *what)
    {
        using T = typename Vector::value_type;
        static_assert(std::is_trivially_copyable_v<T>);
        quint64 n = 0;
        if (!count(n, maxCount, sizeof(T), what))
            return false;
        items.resize(size_t(n));
        if (n > 0)
            std::memcpy(static_cast<void *>(items.data()), m_data + m_offset, size_t(n) * sizeof(T));
        m_offset += qsizetype(n * sizeof(T));
        return true;
    }

private:
    bool take(size_t bytes, const char *what);

    const char *m_data;
    qsizetype m_size;
    qsizetype m_offset = 0;
    qsizetype m_problemAt = -1;
    QString m_problem;
    QString m_offsetNote;
    bool m_littleEndian = false;
};

} // namespace threadlab
