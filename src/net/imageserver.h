#pragma once

#include "runtime/networkservices.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QPointer>
#include <deque>

class QTcpSocket;

namespace threadlab {

// What the embedded server does to a request: its latency before the first byte, its bandwidth,
// and failures for named images.
struct ImageServerSpec
{
    enum class Failure { None, NotFound, ServerError, Reset, Timeout };
    int latencyMs = 0;
    int bandwidthKBps = 0; // 0: as fast as the socket goes
    QHash<QString, Failure> failures; // by path, e.g. "photo-7.png"
};

// An HTTP server on 127.0.0.1 only (a random free port) serving generated PNG images:
// GET /<name>.png?kb=N returns PngImage::generate(name, N * 1024) after the latency, throttled to
// the bandwidth, or fails as the spec says (404, 500, connection reset, no answer at all).
// Any local user can reach a loopback port, so what one request can cost is bounded: an image has
// at most kMaxKb KiB, at most kMaxActive requests (kMaxActiveBytes of images) are served at once,
// the rest wait their turn in a queue of kMaxQueued, and past that a request gets 503.
class ImageServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    static constexpr int kMaxKb = ServerSettings::kMaxImageKb;
    static constexpr int kMaxActive = 64;
    static constexpr qint64 kMaxActiveBytes = 64 * 1024 * 1024;
    static constexpr int kMaxQueued = 1024;

    explicit ImageServer(ImageServerSpec spec, QObject *parent = nullptr);

    quint16 start(); // 0 if it could not listen
    static QByteArray imageBytes(const QString &path, int kb);
    int requestsServed() const { return m_served; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Request
    {
        QPointer<QTcpSocket> socket;
        QString path;
        int kb = 0;
    };
    void admit();
    void serve(const Request &request);
    void finished(qint64 bytes);
    void respond(const QPointer<QTcpSocket> &socket, int status, const QByteArray &reason, const QByteArray &body,
        qint64 slotBytes = -1);
    void sendThrottled(const QPointer<QTcpSocket> &socket, QByteArray data, qint64 slotBytes);

    ImageServerSpec m_spec;
    int m_served = 0;
    std::deque<Request> m_queue;
    int m_active = 0;
    qint64 m_activeBytes = 0;
};

} // namespace threadlab
