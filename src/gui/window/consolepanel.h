#pragma once

#include <QElapsedTimer>
#include <QWidget>
#include <cstdint>

class QTreeWidget;
class QTreeWidgetItem;

namespace threadlab {

struct Trace;

// The run's prints in the order they happened: time since the start, the lane that printed, the
// text. Clicking a line shows that moment on the chart. Follows a live run.
class ConsolePanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxLines = 10'000;
    static constexpr int kRebuildMs = 250;

    explicit ConsolePanel(QWidget *parent = nullptr);

    // Shows the trace's prints; a growing trace is read again when it has more of them.
    void showTrace(const Trace &trace);
    void clear();
    int lineCount() const;
    QString lineText(int line) const; // "time  lane  text", for tests and copying

Q_SIGNALS:
    void jumpRequested(int lane, int64_t timeNs);

private:
    QTreeWidget *m_lines = nullptr;
    size_t m_shownMarks = SIZE_MAX; // marks of every kind in the trace shown (SIZE_MAX: none)
    const Trace *m_shownTrace = nullptr;
    QElapsedTimer m_sinceRebuild; // a growing trace is read again at most every kRebuildMs
};

} // namespace threadlab
