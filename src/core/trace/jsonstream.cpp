#include "trace/jsonstream.h"

#include <QIODevice>
#include <cstring>

namespace threadlab {

namespace {

constexpr qsizetype kFlushAt = 256 * 1024;

} // namespace

JsonStream::JsonStream(QIODevice &out)
    : m_out(out)
{
    m_buffer.reserve(kFlushAt + 4096);
}

JsonStream::~JsonStream()
{
    flush();
}

void JsonStream::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first)
        m_buffer.append(',');
    m_first = false;
    if (m_newLine)
        m_buffer.append('\n');
    m_newLine = false;
}

void JsonStream::raw(const char *text, qsizetype size)
{
    m_buffer.append(text, size);
    if (m_buffer.size() >= kFlushAt)
        flush();
}

bool JsonStream::flush()
{
    if (m_ok && !m_buffer.isEmpty())
        m_ok = m_out.write(m_buffer) == m_buffer.size();
    m_buffer.clear();
    return m_ok;
}

JsonStream &JsonStream::beginObject()
{
    separate();
    raw("{", 1);
    m_first = true;
    return *this;
}

JsonStream &JsonStream::endObject()
{
    raw("}", 1);
    m_first = false;
    return *this;
}

JsonStream &JsonStream::beginArray()
{
    separate();
    raw("[", 1);
    m_first = true;
    return *this;
}

JsonStream &JsonStream::endArray()
{
    if (m_newLine)
        m_buffer.append('\n');
    m_newLine = false;
    raw("]", 1);
    m_first = false;
    return *this;
}

JsonStream &JsonStream::key(const char *name)
{
    separate();
    m_buffer.append('"');
    m_buffer.append(name);
    raw("\":", 2);
    m_afterKey = true;
    return *this;
}

JsonStream &JsonStream::value(const char *ascii)
{
    separate();
    m_buffer.append('"');
    m_buffer.append(ascii);
    raw("\"", 1);
    return *this;
}

JsonStream &JsonStream::value(const QString &text)
{
    separate();
    static const char hex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    m_buffer.append('"');
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto byte = uint8_t(utf8[i]);
        if (byte == '"' || byte == '\\') {
            m_buffer.append('\\');
            m_buffer.append(char(byte));
        } else if (byte < 0x20) {
            const char escaped[] = { '\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 15] };
            m_buffer.append(escaped, sizeof escaped);
        } else if (byte == 0xe2 && i + 2 < utf8.size() && uint8_t(utf8[i + 1]) == 0x80
            && (uint8_t(utf8[i + 2]) == 0xa8 || uint8_t(utf8[i + 2]) == 0xa9)) {
            // U+2028 and U+2029 end lines in JavaScript: escaped for readers that eval.
            m_buffer.append(uint8_t(utf8[i + 2]) == 0xa8 ? "\\u2028" : "\\u2029");
            i += 2;
        } else {
            m_buffer.append(char(byte));
        }
    }
    raw("\"", 1);
    return *this;
}

JsonStream &JsonStream::value(int64_t number)
{
    separate();
    raw(QByteArray::number(qlonglong(number)));
    return *this;
}

JsonStream &JsonStream::ticks1024(int64_t ticks)
{
    separate();
    // ticks / 1024 = whole + fraction, fraction = (ticks mod 1024) * 0.0009765625: at most ten digits.
    const bool negative = ticks < 0;
    const uint64_t magnitude = negative ? uint64_t(0) - uint64_t(ticks) : uint64_t(ticks);
    QByteArray text = negative ? QByteArrayLiteral("-") : QByteArray();
    text += QByteArray::number(qulonglong(magnitude >> 10));
    if (const uint64_t fraction = (magnitude & 1023u) * 9'765'625u; fraction != 0) {
        QByteArray digits = QByteArray::number(qulonglong(fraction)).rightJustified(10, '0');
        while (digits.endsWith('0'))
            digits.chop(1);
        text += '.' + digits;
    }
    raw(text);
    return *this;
}

} // namespace threadlab
