#pragma once

#include "chart/ganttframe.h"

#include <QDialog>
#include <QSize>
#include <memory>

namespace Ui {
class ExportDialog;
}

namespace threadlab {

struct RecordedRun;

// Export of a recorded run: the file (its extension picks the format) and, for the chart images,
// the size — by default the whole run with every lane readable.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    // Chart images show `view`, as the window does.
    explicit ExportDialog(const RecordedRun &recording, ChartView view = ChartView::Threads, QWidget *parent = nullptr);
    ~ExportDialog() override;

    void setPath(const QString &path);
    void setImageSize(QSize size);
    QString error() const { return m_error; }
    void accept() override; // writes the file; stays open and says why if it cannot

private:
    void updateForFormat();

    std::unique_ptr<Ui::ExportDialog> m_ui;
    const RecordedRun &m_recording;
    QSize m_wholeRun;
    QString m_error;
    ChartView m_view = ChartView::Threads;
};

} // namespace threadlab
