#include "window/exportdialog.h"

#include "chart/chartexporter.h"
#include "chart/ganttframe.h"
#include "chart/ganttpainter.h"
#include "chart/lanelayout.h"
#include "chart/runexporter.h"
#include "trace/recordedrun.h"
#include "ui_exportdialog.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QPushButton>

namespace threadlab {

ExportDialog::ExportDialog(const RecordedRun &recording, ChartView view, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ExportDialog>())
    , m_recording(recording)
    , m_view(view)
{
    m_ui->setupUi(this);
    m_wholeRun = ChartExporter::wholeRunSize(recording.trace, recording.pid, ChartExporter::kDefaultWidth, view);
    setImageSize(m_wholeRun + QSize(0, ChartExporter::kTitleHeight));
    connect(m_ui->title, &QCheckBox::toggled, this, [this](bool titled) {
        m_ui->height->setValue(m_ui->height->value() + (titled ? 1 : -1) * ChartExporter::kTitleHeight);
    });
    setPath(QDir::home().filePath(recording.scenario.id + QStringLiteral(".png")));
    connect(m_ui->path, &QLineEdit::textChanged, this, &ExportDialog::updateForFormat);
    connect(m_ui->wholeRun, &QPushButton::clicked, this,
        [this] { setImageSize(m_wholeRun + QSize(0, m_ui->title->isChecked() ? ChartExporter::kTitleHeight : 0)); });
    connect(m_ui->browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export to"), m_ui->path->text(),
            tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;Segments as CSV (*.csv);;"
               "Chrome trace for Perfetto (*.json);;ThreadLab trace (*.threadlab)"));
        if (!path.isEmpty())
            setPath(path);
    });
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    updateForFormat();
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::setPath(const QString &path)
{
    m_ui->path->setText(path);
    updateForFormat();
}

void ExportDialog::setImageSize(QSize size)
{
    m_ui->width->setValue(size.width());
    m_ui->height->setValue(size.height());
}

void ExportDialog::updateForFormat()
{
    const QString path = m_ui->path->text();
    const bool image = RunExporter::isImage(path);
    m_ui->width->setEnabled(image);
    m_ui->height->setEnabled(image);
    m_ui->wholeRun->setEnabled(image);
    m_ui->title->setEnabled(image);
    m_ui->buttons->button(QDialogButtonBox::Save)->setEnabled(RunExporter::supports(path));
    m_ui->hint->setText(RunExporter::supports(path)
            ? (image ? tr("The chart, drawn as on screen.") : tr("The format follows the extension."))
            : tr("Use .png, .svg, .pdf, .csv, .json (Chrome trace for Perfetto) or .threadlab."));
}

void ExportDialog::accept()
{
    m_error = RunExporter::write(m_recording, m_ui->path->text(), QSize(m_ui->width->value(), m_ui->height->value()),
        m_view, m_ui->title->isChecked())
                  .error()
                  .text();
    if (!m_error.isEmpty()) {
        m_ui->hint->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(m_error.toHtmlEscaped()));
        return;
    }
    QDialog::accept();
}

} // namespace threadlab
