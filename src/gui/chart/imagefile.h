#pragma once

#include <QSize>
#include <QString>
#include <functional>

class QPainter;

namespace threadlab {

// Writes a picture to a .png or .svg file: paint() draws it on a white size-sized canvas.
// Returns an empty string on success, else what went wrong (naming the file).
class ImageFile
{
public:
    using Paint = std::function<void(QPainter &)>;

    static QString png(const QString &path, QSize size, const Paint &paint);
    static QString svg(const QString &path, QSize size, const QString &title, const Paint &paint);
};

} // namespace threadlab
