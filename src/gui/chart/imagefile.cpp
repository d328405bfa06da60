#include "chart/imagefile.h"

#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace threadlab {

Result<void> ImageFile::png(const QString &path, QSize size, const Paint &paint)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    paint(painter);
    painter.end();
    if (!image.save(path, "PNG"))
        return Error(QStringLiteral("%1: cannot write the PNG file").arg(path));
    return {};
}

Result<void> ImageFile::svg(const QString &path, QSize size, const QString &title, const Paint &paint)
{
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(title);
    QPainter painter;
    if (!painter.begin(&svg))
        return Error(QStringLiteral("%1: cannot write the SVG file").arg(path));
    paint(painter);
    if (!painter.end())
        return Error(QStringLiteral("%1: cannot write the SVG file").arg(path));
    return {};
}

} // namespace threadlab
