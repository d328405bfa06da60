#pragma once

#include <QByteArray>
#include <QString>
#include <cstdint>

class QIODevice;

namespace threadlab {

// Writes JSON to a device as it goes, through a small buffer: an export never holds the whole
// document. Commas come by themselves; strings are escaped (control characters, U+2028/9 too).
// The first write that fails stops writing; ok() says whether all went out.
class JsonStream
{
public:
    explicit JsonStream(QIODevice &out);
    ~JsonStream();
    JsonStream(const JsonStream &) = delete;
    JsonStream &operator=(const JsonStream &) = delete;

    JsonStream &beginObject();
    JsonStream &endObject();
    JsonStream &beginArray();
    JsonStream &endArray();
    JsonStream &key(const char *name); // a key written as it is (ASCII, nothing to escape)

    JsonStream &value(const QString &text);
    JsonStream &value(const char *ascii); // written as it is (ASCII, nothing to escape)
    JsonStream &value(int64_t number);
    JsonStream &value(int number) { return value(int64_t(number)); }
    // A multiple of 1/1024, written as the exact decimal of ticks / 1024: parsed as a double it is
    // exactly that value again, so that sums and differences of such numbers are exact too.
    JsonStream &ticks1024(int64_t ticks);

    // The next value starts a line (after its comma): one item per line reads and diffs well.
    JsonStream &newLine()
    {
        m_newLine = true;
        return *this;
    }

    template <typename T> JsonStream &field(const char *name, const T &v) { return key(name).value(v); }

    bool flush(); // false if anything could not be written
    bool ok() const { return m_ok; }

private:
    void separate();
    void raw(const char *text, qsizetype size);
    void raw(const QByteArray &bytes) { raw(bytes.constData(), bytes.size()); }

    QIODevice &m_out;
    QByteArray m_buffer;
    bool m_ok = true;
    bool m_first = true; // nothing written yet in the innermost object or array
    bool m_afterKey = false;
    bool m_newLine = false;
};

} // namespace threadlab
