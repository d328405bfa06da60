#include "clioptions.h"

#include "base/textsafety.h"

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

QString CliOptions::printable(const QString &text)
{
    // Names and texts come from scenario and trace files: an ESC or BEL in them must not reach the
    // terminal as a command, and a NUL must not cut the output short. Tab and newline stay.
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (isUnsafeCharacter(u, true))
            out += u < 0x100 ? QStringLiteral("\\x") + QString::number(u, 16).rightJustified(2, u'0')
                             : QStringLiteral("\\u") + QString::number(u, 16).rightJustified(4, u'0');
        else
            out += c;
    }
    return out;
}

namespace {
void write(const QString &text, FILE *stream)
{
    const QByteArray bytes = CliOptions::printable(text).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}
} // namespace

void CliOptions::out(const QString &text)
{
    write(text, stdout);
}

void CliOptions::err(const QString &text)
{
    write(text + u'\n', stderr);
}

QCommandLineOption CliOptions::schedOption()
{
    return QCommandLineOption(QStringLiteral("sched"),
        QStringLiteral("Ask the OS scheduler what it did: 'exact' (every switch, from the kernel's tracepoints; "
                       "needs root or CAP_PERFMON), 'sampled' (/proc at 1 kHz), 'auto' (exact when permitted, "
                       "else sampled; the default) or 'off'."),
        QStringLiteral("mode"), QStringLiteral("auto"));
}

} // namespace threadlab
