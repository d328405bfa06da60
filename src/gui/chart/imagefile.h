#pragma once

#include "base/result.h"

#include <QSize>
#include <QString>
#include <functional>

class QPainter;

namespace threadlab {

// Writes a picture to a .png or .svg file: paint() draws it on a white size-sized canvas.
class ImageFile
{
public:
    using Paint = std::function<void(QPainter &)>;

    static Result<void> png(const QString &path, QSize size, const Paint &paint);
    static Result<void> svg(const QString &path, QSize size, const QString &title, const Paint &paint);
};

} // namespace threadlab
