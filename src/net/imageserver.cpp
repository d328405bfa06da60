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
constexpr int kMaxKb = 64 * 1024;
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
    const QString path = request.url().path().mid(1);
    const QUrlQuery query(request.url());
    const int kb = std::clamp(query.queryItemValue(QStringLiteral("kb")).toInt(), 0, kMaxKb);
    const ImageServerSpec::Failure failure = m_spec.failures.value(path, ImageServerSpec::Failure::None);
    QPointer<QTcpSocket> guarded(socket);
    QTimer::singleShot(m_spec.latencyMs, this, [this, guarded, path, kb, failure] {
        if (!guarded)
            return;
        ++m_served;
        switch (failure) {
        case ImageServerSpec::Failure::NotFound:
            respond(guarded, 404, "Not Found", {});
            return;
        case ImageServerSpec::Failure::ServerError:
            respond(guarded, 500, "Internal Server Error", {});
            return;
        case ImageServerSpec::Failure::Reset:
            guarded->abort();
            return;
        case ImageServerSpec::Failure::Timeout:
            return; // never answer: the client's timeout ends it
        case ImageServerSpec::Failure::None:
            break;
        }
        if (!path.endsWith(QStringLiteral(".png"))) {
            respond(guarded, 404, "Not Found", {});
            return;
        }
        respond(guarded, 200, "OK", imageBytes(path, kb > 0 ? kb : kDefaultKb));
    });
    return true;
}

void ImageServer::respond(QPointer<QTcpSocket> socket, int status, const QByteArray &reason, const QByteArray &body)
{
    if (!socket)
        return;
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    response += "Content-Type: " + QByteArray(status == 200 ? "image/png" : "text/plain") + "\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
    sendThrottled(socket, response + body);
}

void ImageServer::sendThrottled(QPointer<QTcpSocket> socket, QByteArray data)
{
    if (!socket)
        return;
    if (m_spec.bandwidthKBps <= 0) {
        socket->write(data);
        socket->disconnectFromHost();
        return;
    }
    const qsizetype perTick = std::max<qsizetype>(1, qsizetype(m_spec.bandwidthKBps) * 1024 * kTickMs / 1000);
    socket->write(data.left(perTick));
    data.remove(0, std::min(perTick, data.size()));
    if (data.isEmpty()) {
        socket->disconnectFromHost();
        return;
    }
    QTimer::singleShot(kTickMs, this, [this, socket, data] { sendThrottled(socket, data); });
}

} // namespace threadlab
