#pragma once

#include "base/result.h"
#include "scenario/scenario.h"

#include <QHash>
#include <QString>
#include <QUrl>

namespace threadlab {

struct LaneContext;
class StopToken;

// Network work the core asks of a front end (src/net provides it): the embedded server, and HTTP
// downloads that record their phases on the calling lane — IoWait while connecting and waiting for
// the first byte (arg 0), IoWait while receiving (arg 1), Running while writing the file.
class NetworkServices
{
public:
    static constexpr qint64 kMaxDownloadBytes = 64 * 1024 * 1024; // a larger download fails

    virtual ~NetworkServices() = default;
    // Starts the embedded server; returns its base URL (http://127.0.0.1:port/).
    virtual Result<QUrl> startServer(const ServerSettings &settings) = 0;
    // Fetches url into destination; returns the bytes received, or why it failed (naming the URL).
    virtual Result<qint64> download(
        LaneContext &lane, const QUrl &url, const QString &destination, int timeoutMs, const StopToken &stop)
        = 0;
};

} // namespace threadlab
