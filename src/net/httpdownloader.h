#pragma once

#include "base/result.h"

#include <QString>
#include <QUrl>

namespace threadlab {

struct LaneContext;
class StopToken;

// One HTTP GET on the calling thread, with that thread's own QNetworkAccessManager (created on
// first use, kept for the thread's life) and a local event loop. Records the phases on the lane:
// IoWait waiting for the first byte, IoWait receiving, Running writing the file; then reads the
// file back to check every byte is what the server sent.
class HttpDownloader
{
public:
    static Result<qint64> get(
        LaneContext &lane, const QUrl &url, const QString &destination, int timeoutMs, const StopToken &stop);
};

} // namespace threadlab
