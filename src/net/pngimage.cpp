#include "pngimage.h"

#include <QtEndian>
#include <array>

namespace threadlab {

namespace {

uint32_t crc32(const QByteArray &data)
{
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t {};
        for (uint32_t n = 0; n < 256; ++n) {
            uint32_t c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    uint32_t c = 0xffffffffu;
    for (char byte : data)
        c = table[(c ^ uint8_t(byte)) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

QByteArray chunk(const char type[4], const QByteArray &payload)
{
    QByteArray body = QByteArray(type, 4) + payload;
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian(quint32(payload.size()), out.data());
    out += body;
    QByteArray crc(4, Qt::Uninitialized);
    qToBigEndian(crc32(body), crc.data());
    return out + crc;
}

} // namespace

QByteArray PngImage::generate(const QString &name, int bytes)
{
    constexpr int kSide = 16;
    const uint seed = qHash(name);
    QByteArray header(13, 0);
    qToBigEndian(quint32(kSide), header.data());
    qToBigEndian(quint32(kSide), header.data() + 4);
    header[8] = 8; // bit depth
    header[9] = 2; // truecolour RGB
    QByteArray raw;
    for (int y = 0; y < kSide; ++y) {
        raw += char(0); // filter: none
        for (int x = 0; x < kSide; ++x) {
            raw += char((x * 8 + seed) & 0xff);
            raw += char((y * 8 + (seed >> 8)) & 0xff);
            raw += char(((x + y) * 4 + (seed >> 16)) & 0xff);
        }
    }
    QByteArray compressed = qCompress(raw, 9).mid(4); // qCompress prefixes the length; PNG wants zlib alone
    QByteArray png = QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header) + chunk("IDAT", compressed);
    const QByteArray end = chunk("IEND", {});
    // Pad with a private ancillary chunk ("thLb": viewers skip it) to the byte size asked for.
    const int padding = bytes - int(png.size() + end.size()) - 12;
    if (padding >= 0) {
        QByteArray filler(padding, Qt::Uninitialized);
        for (int i = 0; i < padding; ++i)
            filler[i] = char((i * 31 + seed) & 0xff);
        png += chunk("thLb", filler);
    }
    return png + end;
}

bool PngImage::looksLikePng(const QByteArray &data)
{
    return data.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)) && data.endsWith(chunk("IEND", {}));
}

} // namespace threadlab
