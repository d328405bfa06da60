#include "chart/chartexporter.h"

#include "base/coretext.h"
#include "chart/ganttframe.h"
#include "chart/ganttpainter.h"
#include "chart/imagefile.h"
#include "chart/lanelayout.h"
#include "chart/legendpainter.h"
#include "trace/trace.h"

#include <QFileInfo>
#include <QFont>
#include <QFontMetrics>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>

namespace threadlab {

namespace {

QString suffix(const QString &path)
{
    return QFileInfo(path).suffix().toLower();
}

} // namespace

bool ChartExporter::supports(const QString &path)
{
    const QString ext = suffix(path);
    return ext == QStringLiteral("png") || ext == QStringLiteral("svg") || ext == QStringLiteral("pdf");
}

QSize ChartExporter::wholeRunSize(const Trace &trace, qint64 ownPid, int width, ChartView view)
{
    const std::vector<LaneRow> rows
        = view == ChartView::Cores ? LaneLayout::buildCores(trace) : LaneLayout::build(trace, ownPid);
    const int legendHeight = LegendPainter::height(QFontMetrics(QFont()), width, &trace, view);
    return QSize(width, GanttFrame::kAxisHeight + LaneLayout::contentHeight(rows) + legendHeight + 4);
}

Result<void> ChartExporter::exportChart(
    const Trace &trace, qint64 ownPid, const QString &path, QSize size, ChartView view, const QString &title)
{
    if (!supports(path))
        return Error(QStringLiteral("%1: unknown chart format (use .png, .svg or .pdf)").arg(path));
    if (view == ChartView::Cores && trace.cpus.empty())
        return Error(Text::tr("%1: this run has no OS scheduler data, so there is no Cores view to export (run it "
                              "with --sched auto, exact or sampled)")
                         .arg(path));
    const std::vector<LaneRow> rows
        = view == ChartView::Cores ? LaneLayout::buildCores(trace) : LaneLayout::build(trace, ownPid);
    const int width = size.isEmpty() ? kDefaultWidth : size.width();
    const int legendHeight = LegendPainter::height(QFontMetrics(QFont()), width, &trace, view);
    const int titleHeight = title.isEmpty() ? 0 : kTitleHeight;
    if (size.isEmpty())
        size = wholeRunSize(trace, ownPid, width, view) + QSize(0, titleHeight);
    GanttFrame frame;
    frame.view = view;
    frame.legendHeight = legendHeight;
    frame.trace = &trace;
    frame.rows = &rows;
    frame.size = QSize(size.width(), std::max(1, size.height() - titleHeight));
    const int64_t span = std::max<int64_t>(1, trace.lastEventNs - trace.originNs);
    frame.mapping.left = GanttFrame::kLabelWidth;
    frame.mapping.nsPerPixel = double(span) * 1.04 / std::max(1, frame.chartWidth());
    frame.mapping.startNs = trace.originNs - span / 100;
    frame.nowNs = trace.lastEventNs;
    GanttPainter painter;
    const QString ext = suffix(path);
    const auto paint = [&](QPainter &p) {
        if (titleHeight > 0) {
            // The title line: what was run, on the chart's own surface.
            p.fillRect(QRect(0, 0, size.width(), titleHeight), Qt::white);
            QFont bold = p.font();
            bold.setBold(true);
            p.setFont(bold);
            p.setPen(Qt::black);
            p.drawText(QRect(8, 0, size.width() - 16, titleHeight), Qt::AlignVCenter | Qt::AlignLeft,
                p.fontMetrics().elidedText(title, Qt::ElideRight, size.width() - 16));
            p.translate(0, titleHeight);
            p.setFont(QFont());
        }
        painter.paint(p, frame);
    };
    if (ext == QStringLiteral("png"))
        return ImageFile::png(path, size, paint);
    if (ext == QStringLiteral("svg"))
        return ImageFile::svg(path, size, QStringLiteral("ThreadLab chart"), paint);
    QPdfWriter pdf(path);
    pdf.setResolution(96);
    pdf.setPageLayout(QPageLayout(
        QPageSize(QSizeF(size) * 72.0 / 96.0, QPageSize::Point), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    pdf.setTitle(QStringLiteral("ThreadLab chart"));
    QPainter p;
    if (!p.begin(&pdf))
        return Error(QStringLiteral("%1: cannot write the PDF file").arg(path));
    paint(p);
    if (!p.end())
        return Error(QStringLiteral("%1: cannot write the PDF file").arg(path));
    return {};
}

} // namespace threadlab
