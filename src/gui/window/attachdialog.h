#pragma once

#include "runtime/programs/programtrace.h"

#include <QDialog>
#include <memory>

namespace Ui {
class AttachDialog;
}

namespace threadlab {

// File ▸ Attach to a process…: the user's own processes, newest first, searchable by command line
// or pid, and how long to trace (or until it exits).
class AttachDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AttachDialog(QWidget *parent = nullptr);
    ~AttachDialog() override;

    ProgramTraceSettings settings() const;
    void refresh();

private:
    void filter(const QString &text);
    void updateOk();

    std::unique_ptr<Ui::AttachDialog> m_ui;
};

} // namespace threadlab
