#pragma once

#include "runtime/framereader.h"
#include "runtime/workermessages.h"

#include <QLocalSocket>
#include <QString>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

namespace threadlab {

class Recorder;

// The child-process side of the process executor. The main thread talks to the parent (commands
// in; lanes, event batches every 10 ms, task completions and the final report out); one task thread
// runs the tasks it is given, one after another, on this process's lane.
class WorkerSession
{
public:
    explicit WorkerSession(int index);
    int exec(); // the process's exit code

private:
    bool connectToParent();
    std::optional<HelloMessage> waitForHello();
    bool pump(); // false once the parent is gone
    void handleFrame(const FrameReader::Frame &frame);
    // Sends what was recorded (a bounded batch) and the tasks that ended; returns the events sent.
    size_t flush(Recorder &recorder);
    void send(MessageType type, const QByteArray &payload = {});
    void fail(const QString &message);

    const int m_index;
    QLocalSocket m_socket;
    FrameReader m_reader;
    std::vector<qint32> m_lanesSent;

    std::mutex m_mutex;
    std::condition_variable m_work;
    std::deque<qint32> m_tasks;
    std::vector<TaskDoneMessage> m_done;
    bool m_stopRequested = false;
    QByteArray m_deadlock; // the deadlock found, encoded, until it is sent (after the events before it)
    bool m_shutdown = false;
    std::optional<HelloMessage> m_hello;
};

} // namespace threadlab
