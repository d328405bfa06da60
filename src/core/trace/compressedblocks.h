#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QIODevice>

namespace threadlab {

// The body of a native trace from version 6 on: blocks of at most kBlockBytes, each written as
// "raw size (u32 LE), compressed size (u32 LE), zlib stream", then an end block of sizes 0 and 0.
// Blocks keep memory bounded while writing and let a reader check every size before it allocates.
class CompressedBlockWriter : public QIODevice
{
public:
    static constexpr qint64 kBlockBytes = 1 << 20;

    explicit CompressedBlockWriter(QIODevice &target);
    bool finish(); // the last block and the end marker; false if the target refused a write

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override;

private:
    bool writeBlock();

    QIODevice &m_target;
    QByteArray m_block;
    bool m_ok = true;
};

namespace CompressedBlocks {

// Reads the blocks of data[start, size) into one buffer of at most maxBytes. The error names the
// block and what is wrong with it (damaged, too large, cut short, bytes after the end).
Result<QByteArray> read(const char *data, qsizetype size, qsizetype start, qint64 maxBytes);

} // namespace CompressedBlocks

} // namespace threadlab
