#pragma once

#include "runtime/networkservices.h"

#include <QMutex>
#include <memory>

class QThread;

namespace threadlab {

class ImageServer;

// The network of a run: the embedded image server on a thread of its own (started on demand,
// stopped with this object) and HTTP downloads on the lanes' own threads.
class NetServices : public NetworkServices
{
public:
    NetServices();
    ~NetServices() override;
    NetServices(const NetServices &) = delete;
    NetServices &operator=(const NetServices &) = delete;

    Result<QUrl> startServer(const ServerSettings &settings) override;
    Result<qint64> download(
        LaneContext &lane, const QUrl &url, const QString &destination, int timeoutMs, const StopToken &stop) override;

private:
    QMutex m_mutex;
    std::unique_ptr<QThread> m_thread;
    ImageServer *m_server = nullptr; // lives on m_thread
    QUrl m_url;
};

} // namespace threadlab
