#pragma once

#include <QByteArray>
#include <QString>

namespace threadlab {

// Real PNG files of a chosen size (at least about 1 KB), made without a GUI library: a 16x16 image whose
// pixels depend on the name, padded with an ancillary chunk to the exact byte size. The same name
// and size always give the same bytes, so a download can be checked byte for byte.
class PngImage
{
public:
    static QByteArray generate(const QString &name, int bytes);
    static bool looksLikePng(const QByteArray &data);
};

} // namespace threadlab
