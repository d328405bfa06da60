#include "httpdownloader.h"

#include "base/lanecontext.h"
#include "base/stoptoken.h"
#include "runtime/networkservices.h"
#include "trace/segment.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QTimer>
#include <memory>

namespace threadlab {

namespace {

QNetworkAccessManager &managerOfThisThread()
{
    thread_local std::unique_ptr<QNetworkAccessManager> manager;
    if (!manager) {
        manager = std::make_unique<QNetworkAccessManager>();
        manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    }
    return *manager;
}

} // namespace

Result<qint64> HttpDownloader::get(
    LaneContext &lane, const QUrl &url, const QString &destination, int timeoutMs, const StopToken &stop)
{
    const QString where = url.toString(QUrl::RemoveQuery);
    QEventLoop loop; // gives this thread the event dispatcher the network needs
    lane.setState(State::IoWait, kNoObject, SegmentDetail::kWaitingForFirstByte);
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    std::unique_ptr<QNetworkReply> reply(managerOfThisThread().get(request));
    QByteArray received;
    bool receiving = false;
    bool tooLarge = false;
    QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, [&] {
        if (!receiving) {
            receiving = true;
            lane.setState(State::IoWait, kNoObject, SegmentDetail::kReceiving);
        }
        received += reply->readAll();
        if (received.size() > NetworkServices::kMaxDownloadBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer stopWatch;
    QObject::connect(&stopWatch, &QTimer::timeout, &loop, [&] {
        if (stop.stopRequested())
            reply->abort();
    });
    stopWatch.start(20);
    if (!reply->isFinished())
        loop.exec();
    if (reply->isOpen())
        received += reply->readAll();
    lane.setState(State::Running);
    if (stop.stopRequested()) {
        return Error(QStringLiteral("GET %1: stopped").arg(where));
    }
    if (tooLarge) {
        return Error(QStringLiteral("GET %1: larger than %2 MiB, the most a download may be")
                         .arg(where)
                         .arg(NetworkServices::kMaxDownloadBytes / (1024 * 1024)));
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError) {
        const QString reason = reply->error() == QNetworkReply::OperationCanceledError
            ? QStringLiteral("timed out after %1 ms").arg(timeoutMs)
            : status > 0 ? QStringLiteral("HTTP %1 %2")
                               .arg(status)
                               .arg(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString())
                         : reply->errorString();
        return Error(QStringLiteral("GET %1: %2").arg(where, reason));
    }
    // Writing the file is the lane's own work: Running.
    QSaveFile file(destination);
    if (!file.open(QIODevice::WriteOnly) || file.write(received) != received.size() || !file.commit()) {
        return Error(QStringLiteral("GET %1: cannot write %2: %3").arg(where, destination, file.errorString()));
    }
    QFile check(destination);
    if (!check.open(QIODevice::ReadOnly) || check.readAll() != received) {
        return Error(QStringLiteral("GET %1: %2 does not hold the bytes received").arg(where, destination));
    }
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() != received.size()) {
        return Error(
            QStringLiteral("GET %1: received %2 of %3 bytes").arg(where).arg(received.size()).arg(length.toLongLong()));
    }
    return qint64(received.size());
}

} // namespace threadlab
