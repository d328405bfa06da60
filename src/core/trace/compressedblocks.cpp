#include "trace/compressedblocks.h"

#include "base/coretext.h"

#include <QtEndian>

namespace threadlab {

namespace {

constexpr int kHeaderBytes = 8;

// zlib's worst case for incompressible input, with room to spare.
constexpr qint64 maxCompressed(qint64 raw)
{
    return raw + raw / 100 + 64;
}

} // namespace

CompressedBlockWriter::CompressedBlockWriter(QIODevice &target)
    : m_target(target)
{
    open(QIODevice::WriteOnly);
    m_block.reserve(kBlockBytes);
}

qint64 CompressedBlockWriter::writeData(const char *data, qint64 size)
{
    qint64 done = 0;
    while (done < size && m_ok) {
        const qint64 room = kBlockBytes - m_block.size();
        const qint64 part = std::min(room, size - done);
        m_block.append(data + done, part);
        done += part;
        if (m_block.size() == kBlockBytes)
            writeBlock();
    }
    return m_ok ? size : -1;
}

bool CompressedBlockWriter::writeBlock()
{
    if (!m_ok || m_block.isEmpty())
        return m_ok;
    // qCompress: a 4-byte big-endian size, then the zlib stream; the file keeps only the stream.
    const QByteArray compressed = qCompress(m_block, 6);
    const qsizetype streamBytes = compressed.size() - 4;
    char header[kHeaderBytes];
    qToLittleEndian<quint32>(quint32(m_block.size()), header);
    qToLittleEndian<quint32>(quint32(streamBytes), header + 4);
    m_ok = m_target.write(header, kHeaderBytes) == kHeaderBytes
        && m_target.write(compressed.constData() + 4, streamBytes) == streamBytes;
    m_block.clear();
    return m_ok;
}

bool CompressedBlockWriter::finish()
{
    writeBlock();
    const char end[kHeaderBytes] = {};
    m_ok = m_ok && m_target.write(end, kHeaderBytes) == kHeaderBytes;
    close();
    return m_ok;
}

Result<QByteArray> CompressedBlocks::read(const char *data, qsizetype size, qsizetype start, qint64 maxBytes)
{
    QByteArray out;
    qsizetype at = start;
    for (int block = 1;; ++block) {
        const auto fail = [&](const QString &what) {
            return Error(Text::tr("damaged at byte %1 (block %2: %3)").arg(at).arg(block).arg(what));
        };
        if (size - at < kHeaderBytes)
            return fail(Text::tr("the file ends before its end marker: it is cut short"));
        const qint64 raw = qFromLittleEndian<quint32>(data + at);
        const qint64 stored = qFromLittleEndian<quint32>(data + at + 4);
        if (raw == 0 && stored == 0) {
            if (at + kHeaderBytes != size)
                return fail(Text::tr("%1 bytes follow the end marker").arg(size - at - kHeaderBytes));
            return out;
        }
        if (raw == 0 || raw > CompressedBlockWriter::kBlockBytes)
            return fail(
                Text::tr("says it holds %1 bytes (1 to %2 allowed)").arg(raw).arg(CompressedBlockWriter::kBlockBytes));
        if (stored == 0 || stored > maxCompressed(raw))
            return fail(Text::tr("%1 compressed bytes for %2 bytes").arg(stored).arg(raw));
        if (stored > size - at - kHeaderBytes)
            return fail(Text::tr("the file ends inside it: it is cut short"));
        if (out.size() + raw > maxBytes)
            return fail(Text::tr("the trace would be larger than %1 MiB").arg(maxBytes >> 20));
        QByteArray packed(4 + stored, Qt::Uninitialized);
        qToBigEndian<quint32>(quint32(raw), packed.data());
        memcpy(packed.data() + 4, data + at + kHeaderBytes, size_t(stored));
        const QByteArray unpacked = qUncompress(packed);
        if (unpacked.size() != raw)
            return fail(Text::tr("its compressed data are damaged"));
        out.append(unpacked);
        at += kHeaderBytes + stored;
    }
}

} // namespace threadlab
