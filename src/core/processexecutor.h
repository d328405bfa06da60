#pragma once

#include "executor.h"
#include "framereader.h"
#include "resultsequencer.h"

#include <QObject>
#include <QString>
#include <deque>
#include <map>
#include <memory>
#include <vector>

class QEventLoop;
class QLocalServer;
class QLocalSocket;
class QProcess;

namespace threadlab {

class LaneBuffer;

// ProcessPoolExecutor: `workers` child processes of the threadlab-worker executable. Tasks are
// dispatched to free workers; each worker streams its events back live over a local socket
// (timestamps on the same monotonic clock) and the events are mirrored into this run's recorder.
// Runs its own event loop on the main lane. A worker that dies is reported and its task failed;
// the run still ends.
class ProcessExecutor : public Executor
{
public:
    explicit ProcessExecutor(RunEnvironment &env);
    ~ProcessExecutor() override;

    void runMain(LaneContext &main) override;
    void finish() override;

private:
    struct Worker
    {
        int index = 0;
        QProcess *process = nullptr;
        QLocalSocket *socket = nullptr;
        qint64 pid = 0;
        FrameReader reader;
        int currentTask = -1;
        bool ready = false;
        bool exited = false;
        bool reported = false;
        std::map<uint32_t, LaneBuffer *> lanes; // the worker's lane id -> mirror lane here
    };

    bool listen();
    void startWorker(int index);
    void onConnection();
    void onSocketData(QLocalSocket *socket);
    void handleFrame(QLocalSocket *socket, const FrameReader::Frame &frame);
    void onWorkerExited(Worker &worker, const QString &why);
    void dispatch();
    void account(int instance, TaskOutcome outcome);
    void failPending(const QString &why);
    void onStop();
    void send(Worker &worker, const QByteArray &frame);
    void protocolError(Worker &worker, const QString &what);
    void killAll();
    Worker *workerOf(QLocalSocket *socket);
    QString workerLabel(const Worker &worker) const;
    QString taskName(int instance) const;
    bool anyWorkerAlive() const;
    void quitWhen(bool done);

    std::unique_ptr<QObject> m_context; // parent of every QObject here, lives on the main lane
    QLocalServer *m_server = nullptr;
    QEventLoop *m_loop = nullptr;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::deque<int> m_pending;
    std::unique_ptr<ResultSequencer> m_sequencer;
    LaneContext *m_main = nullptr;
    size_t m_accounted = 0;
    bool m_stopping = false;
    bool m_shuttingDown = false;
    bool m_finished = false;
};

} // namespace threadlab
