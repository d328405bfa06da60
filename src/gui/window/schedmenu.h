#pragma once

#include "runtime/schedcapture.h"

#include <QMenu>

class QActionGroup;

namespace threadlab {

// Run ▸ OS scheduler data: how runs ask the kernel what it did (the window's --sched). Kept
// between sessions.
class SchedMenu : public QMenu
{
    Q_OBJECT
public:
    explicit SchedMenu(QWidget *parent = nullptr);

    SchedMode mode() const;
    void setMode(SchedMode mode);

private:
    QActionGroup *m_group = nullptr;
};

} // namespace threadlab
