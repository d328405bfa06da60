#include "imageserver.h"

#include "pngimage.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

namespace threadlab {

namespace {
constexpr int kDefaultKb = 100;
constexpr int kTickMs = 20; // throttled sending writes this often
} // namespace

ImageServer::ImageServer(ImageServerSpec spec, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_spec(std::move(spec))
{ }

quint16 ImageServer::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

QByteArray ImageServer::imageBytes(const QString &path, int kb)
{
    return PngImage::generate(path, kb * 1024);
}

void ImageServer::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    respond(socket, 404, "Not Found", {});
}

bool ImageServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QUrlQuery query(request.url());
    const int kb = std::clamp(query.queryItemValue(QStringLiteral("kb")).toInt(), 0, kMaxKb);
    if (m_queue.size() >= size_t(kMaxQueued)) {
        respond(socket, 503, "Service Unavailable", {});
        return true;
    }
    m_queue.push_back(Request { socket, request.url().path().mid(1), kb > 0 ? kb : kDefaultKb });
    admit();
    return true;
}

void ImageServer::admit()
{
    // Requests start in arrival order while there is room; one always may, whatever its size.
    while (!m_queue.empty()) {
        const qint64 bytes = qint64(m_queue.front().kb) * 1024;
        if (m_active > 0 && (m_active >= kMaxActive || m_activeBytes + bytes > kMaxActiveBytes))
            return;
        const Request request = m_queue.front();
        m_queue.pop_front();
        if (!request.socket)
            continue; // the client gave up while it waited
        ++m_active;
        m_activeBytes += bytes;
        serve(request);
    }
}

void ImageServer::finished(qint64 bytes)
{
    --m_active;
    m_activeBytes -= bytes;
    admit();
}

void ImageServer::serve(const Request &request)
{
    const ImageServerSpec::Failure failure = m_spec.failures.value(request.path, ImageServerSpec::Failure::None);
    const qint64 bytes = qint64(request.kb) * 1024;
    QTimer::singleShot(m_spec.latencyMs, this, [this, request, failure, bytes] {
        QPointer<QTcpSocket> socket = request.socket;
        if (!socket) {
            finished(bytes);
            return;
        }
        ++m_served;
        switch (failure) {
        case ImageServerSpec::Failure::NotFound:
            respond(socket, 404, "Not Found", {}, bytes);
            return;
        case ImageServerSpec::Failure::ServerError:
            respond(socket, 500, "Internal Server Error", {}, bytes);
            return;
        case ImageServerSpec::Failure::Reset:
            socket->abort();
            finished(bytes);
            return;
        case ImageServerSpec::Failure::Timeout:
            finished(bytes); // never answer: the client's timeout ends it
            return;
        case ImageServerSpec::Failure::None:
            break;
        }
        if (!request.path.endsWith(QStringLiteral(".png"))) {
            respond(socket, 404, "Not Found", {}, bytes);
            return;
        }
        respond(socket, 200, "OK", imageBytes(request.path, request.kb), bytes);
    });
}

void ImageServer::respond(
    const QPointer<QTcpSocket> &socket, int status, const QByteArray &reason, const QByteArray &body, qint64 slotBytes)
{
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    response += "Content-Type: " + QByteArray(status == 200 ? "image/png" : "text/plain") + "\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
    sendThrottled(socket, response + body, slotBytes);
}

void ImageServer::sendThrottled(const QPointer<QTcpSocket> &socket, QByteArray data, qint64 slotBytes)
{
    // slotBytes >= 0: this response holds a serving slot, given back when it is sent or the client is gone.
    const auto done = [this, slotBytes] {
        if (slotBytes >= 0)
            finished(slotBytes);
    };
    if (!socket) {
        done();
        return;
    }
    if (m_spec.bandwidthKBps <= 0) {
        socket->write(data);
        socket->disconnectFromHost();
        done();
        return;
    }
    const qsizetype perTick = std::max<qsizetype>(1, qsizetype(m_spec.bandwidthKBps) * 1024 * kTickMs / 1000);
    socket->write(data.left(perTick));
    data.remove(0, std::min(perTick, data.size()));
    if (data.isEmpty()) {
        socket->disconnectFromHost();
        done();
        return;
    }
    QTimer::singleShot(kTickMs, this, [this, socket, data, slotBytes] { sendThrottled(socket, data, slotBytes); });
}

} // namespace threadlab
