#include "netservices.h"

#include "httpdownloader.h"
#include "imageserver.h"

#include <QMetaObject>
#include <QThread>

namespace threadlab {

namespace {

ImageServerSpec::Failure failureOf(const QString &kind)
{
    if (kind == QStringLiteral("404"))
        return ImageServerSpec::Failure::NotFound;
    if (kind == QStringLiteral("500"))
        return ImageServerSpec::Failure::ServerError;
    if (kind == QStringLiteral("reset"))
        return ImageServerSpec::Failure::Reset;
    if (kind == QStringLiteral("timeout"))
        return ImageServerSpec::Failure::Timeout;
    return ImageServerSpec::Failure::None;
}

} // namespace

NetServices::NetServices() = default;

NetServices::~NetServices()
{
    if (!m_thread)
        return;
    // Deleted on its own thread; the thread then ends.
    QMetaObject::invokeMethod(
        m_server, [server = m_server] { delete server; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

Result<QUrl> NetServices::startServer(const ServerSettings &settings)
{
    QMutexLocker lock(&m_mutex);
    if (m_thread)
        return m_url;
    ImageServerSpec spec;
    spec.latencyMs = settings.latencyMs;
    spec.bandwidthKBps = settings.bandwidthKBps;
    for (auto it = settings.failures.begin(); it != settings.failures.end(); ++it)
        spec.failures.insert(it.key(), failureOf(it.value()));
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("threadlab-image-server"));
    m_thread->start();
    // The server is made and lives on its own thread: invoke there through an object that lives there.
    QObject context;
    context.moveToThread(m_thread.get());
    quint16 port = 0;
    QMetaObject::invokeMethod(
        &context,
        [&] {
            m_server = new ImageServer(spec);
            port = m_server->start();
        },
        Qt::BlockingQueuedConnection);
    if (port == 0)
        return Error(QStringLiteral("cannot listen on 127.0.0.1"));
    m_url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port));
    return m_url;
}

Result<qint64> NetServices::download(
    LaneContext &lane, const QUrl &url, const QString &destination, int timeoutMs, const StopToken &stop)
{
    return HttpDownloader::get(lane, url, destination, timeoutMs, stop);
}

} // namespace threadlab
