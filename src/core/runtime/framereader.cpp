#include "runtime/framereader.h"

#include <cstring>

namespace threadlab {

std::optional<FrameReader::Frame> FrameReader::next()
{
    if (m_failed)
        return std::nullopt;
    const qsizetype available = m_buffer.size() - m_offset;
    quint32 length = 0;
    if (available < qsizetype(sizeof length))
        return std::nullopt;
    std::memcpy(&length, m_buffer.constData() + m_offset, sizeof length);
    if (length == 0 || length > WorkerMessages::kMaxFrameBytes) {
        m_failed = true;
        return std::nullopt;
    }
    if (available < qsizetype(sizeof length) + qsizetype(length))
        return std::nullopt;
    const char *start = m_buffer.constData() + m_offset + sizeof length;
    Frame frame { MessageType(quint8(start[0])), QByteArray(start + 1, qsizetype(length - 1)) };
    m_offset += qsizetype(sizeof length + length);
    if (m_offset > 1 << 20 || m_offset == m_buffer.size()) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    return frame;
}

} // namespace threadlab
