#pragma once

#include "runtime/executor.h"
#include "runtime/framereader.h"
#include "runtime/resultsequencer.h"
#include "runtime/workerlanes.h"

#include <QObject>
#include <QString>
#include <deque>
#include <memory>
#include <vector>

class QEventLoop;
class QLocalSocket;
class QProcess;

namespace threadlab {

class LaneBuffer;

// ProcessPoolExecutor: `workers` child processes of the threadlab-worker executable. Tasks are
// dispatched to free workers; each worker streams its events back live (timestamps on the same
// monotonic clock) and the events are mirrored into this run's recorder.
// Each worker talks over its own socket pair, whose far end it inherits as a file descriptor: there
// is no socket name or file that another process could find or connect to, and nothing is left
// behind when the parent dies. Everything a worker sends is checked (frame size, message form,
// lanes, tasks and objects it names; see WorkerLanes) and a worker that sends anything wrong is
// stopped with a message; its task fails and the run goes on.
// Runs its own event loop on the main lane. A worker that dies is reported and its task failed;
// the run still ends.
class ProcessExecutor : public Executor
{
public:
    // The environment variable that tells a worker which inherited descriptor is its channel.
    static constexpr const char *kWorkerChannelVariable = "THREADLAB_CHANNEL_FD";

    explicit ProcessExecutor(RunEnvironment &env);
    ~ProcessExecutor() override;

    void runMain(LaneContext &main) override;
    void finish() override;

private:
    struct Worker
    {
        int index = 0;
        QProcess *process = nullptr;
        QLocalSocket *socket = nullptr; // our end of the worker's socket pair
        qint64 pid = 0;
        FrameReader reader;
        int currentTask = -1;
        int64_t spawnNs = 0; // when it was asked to start: its lane is Starting from here
        bool ready = false;
        bool exited = false;
        bool reported = false;
        bool toldToShutDown = false;
        bool stopped = false; // it sent something wrong and was stopped
        int64_t lastHeardNs = 0; // its last frame (a heartbeat at least every kHeartbeatMs)
        QString silence; // why it was killed for going silent (stopped, hung)
        std::unique_ptr<WorkerLanes> lanes;
    };

    void startWorker(int index);
    void onSocketData(Worker &worker);
    void handleFrame(Worker &worker, const FrameReader::Frame &frame);
    void onReady(Worker &worker, const QByteArray &payload);
    void onLane(Worker &worker, const QByteArray &payload);
    void onEvents(Worker &worker, const QByteArray &payload);
    void onDeadlock(Worker &worker, const QByteArray &payload);
    void onReport(Worker &worker, const QByteArray &payload);
    void onWorkerExited(Worker &worker, const QString &why);
    void dispatch();
    void checkSilence();
    void shutDown(Worker &worker);
    void account(int instance, TaskOutcome outcome);
    void failPending(const QString &why);
    void onStop();
    void send(Worker &worker, const QByteArray &frame);
    void protocolError(Worker &worker, const QString &what);
    void killAll();
    QString workerLabel(const Worker &worker) const;
    QString taskName(int instance) const;
    bool anyWorkerAlive() const;
    void quitWhen(bool done);

    std::unique_ptr<QObject> m_context; // parent of every QObject here, lives on the main lane
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
