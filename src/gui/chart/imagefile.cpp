#include "chart/imagefile.h"

#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace threadlab {

QString ImageFile::png(const QString &path, QSize size, const Paint &paint)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    paint(painter);
    painter.end();
    return image.save(path, "PNG") ? QString() : QStringLiteral("%1: cannot write the PNG file").arg(path);
}

QString ImageFile::svg(const QString &path, QSize size, const QString &title, const Paint &paint)
{
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(title);
    QPainter painter;
    if (!painter.begin(&svg))
        return QStringLiteral("%1: cannot write the SVG file").arg(path);
    paint(painter);
    return painter.end() ? QString() : QStringLiteral("%1: cannot write the SVG file").arg(path);
}

} // namespace threadlab
