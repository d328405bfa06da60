#pragma once

#include <QAbstractHttpServer>
#include <QHash>
#include <QPointer>

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
class ImageServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit ImageServer(ImageServerSpec spec, QObject *parent = nullptr);

    quint16 start(); // 0 if it could not listen
    static QByteArray imageBytes(const QString &path, int kb);
    int requestsServed() const { return m_served; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void respond(QPointer<QTcpSocket> socket, int status, const QByteArray &reason, const QByteArray &body);
    void sendThrottled(QPointer<QTcpSocket> socket, QByteArray data);

    ImageServerSpec m_spec;
    int m_served = 0;
};

} // namespace threadlab
