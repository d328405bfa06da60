#pragma once

#include "runtime/workermessages.h"

#include <QByteArray>
#include <optional>

namespace threadlab {

// Splits a byte stream into frames; a frame longer than the limit is a protocol error.
class FrameReader
{
public:
    struct Frame
    {
        MessageType type;
        QByteArray payload;
    };

    void append(const QByteArray &bytes) { m_buffer.append(bytes); }
    std::optional<Frame> next();
    bool failed() const { return m_failed; }

private:
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    bool m_failed = false;
};

} // namespace threadlab
