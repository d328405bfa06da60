#pragma once

#include "runtime/programs/programtrace.h"

#include <QDialog>
#include <memory>

namespace Ui {
class TraceDialog;
}

namespace threadlab {

// File ▸ Trace a program…: the command line (quoted as in a shell, or a chosen file: a .py file
// runs with python3), its working directory, variables added to the environment, and whether a
// Python program gets the start-up hook. Says what is wrong before OK is enabled; remembers the
// last values.
class TraceDialog : public QDialog
{
    Q_OBJECT
public:
    explicit TraceDialog(QWidget *parent = nullptr);
    ~TraceDialog() override;

    ProgramTraceSettings settings() const;
    void accept() override;

private:
    void check();
    void chooseProgram();
    void chooseDirectory();

    std::unique_ptr<Ui::TraceDialog> m_ui;
};

} // namespace threadlab
