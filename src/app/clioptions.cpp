#include "clioptions.h"

#include <QSaveFile>
#include <cstdio>

namespace threadlab {

std::optional<bool> CliOptions::onOff(const QString &value)
{
    if (value == QStringLiteral("on"))
        return true;
    if (value == QStringLiteral("off"))
        return false;
    return std::nullopt;
}

std::optional<ExecutorKind> CliOptions::executor(const QString &value)
{
    for (ExecutorKind kind :
        { ExecutorKind::Sequential, ExecutorKind::Threads, ExecutorKind::Pool, ExecutorKind::Processes }) {
        if (executorKindName(kind) == value)
            return kind;
    }
    return std::nullopt;
}

std::optional<int> CliOptions::workers(const QString &value)
{
    bool ok = false;
    const int n = value.toInt(&ok);
    return ok && n >= 1 && n <= 256 ? std::optional<int>(n) : std::nullopt;
}

std::optional<QSize> CliOptions::size(const QString &value)
{
    const QStringList parts = value.split(u'x');
    bool okWidth = false, okHeight = false;
    const int width = parts.value(0).toInt(&okWidth);
    const int height = parts.value(1).toInt(&okHeight);
    if (parts.size() != 2 || !okWidth || !okHeight || width < 200 || height < 100 || width > 20000 || height > 20000)
        return std::nullopt;
    return QSize(width, height);
}

bool CliOptions::writeJson(const QByteArray &json, const QString &path)
{
    if (path == QStringLiteral("-")) {
        std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
        std::fflush(stdout);
        return true;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        err(QStringLiteral("threadlab: --summary-json: cannot write '%1': %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

void CliOptions::out(const QString &text)
{
    std::fputs(qPrintable(text), stdout);
    std::fflush(stdout);
}

void CliOptions::err(const QString &text)
{
    std::fputs(qPrintable(text + u'\n'), stderr);
}

const QString &CliOptions::usage()
{
    static const QString text = QStringLiteral(
        "usage: threadlab                      open the window\n"
        "       threadlab list                 built-in scenario ids and titles\n"
        "       threadlab run <id|file.json> [--executor sequential|threads|pool|processes] [--workers N]\n"
        "                     [--lock on|off] [--gil on|off] [--summary-json FILE|-]\n"
        "                     [--export FILE.png|svg|pdf|csv|json|threadlab ...] [--export-size WIDTHxHEIGHT]\n"
        "       threadlab sweep <id|file.json> [--workers 1,2,4,8] [--executor pool,processes] [--gil on,off]\n"
        "                     [--lock on,off] [--summary-json FILE|-] [--export CHART.png|svg]\n");
    return text;
}

} // namespace threadlab
