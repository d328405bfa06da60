#include "runtime/procfiles.h"

#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace threadlab::ProcFiles {

QByteArray read(const char *path, qsizetype most)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    QByteArray data(most, Qt::Uninitialized);
    qsizetype filled = 0;
    while (filled < most) {
        const ssize_t n = ::read(fd, data.data() + filled, size_t(most - filled));
        if (n <= 0)
            break;
        filled += n;
    }
    ::close(fd);
    data.truncate(filled);
    return data;
}

QByteArray read(const QByteArray &path, qsizetype most)
{
    return read(path.constData(), most);
}

namespace {

const char *afterCommand(const char *stat, size_t size)
{
    const char *close = nullptr;
    for (const char *p = stat; p != stat + size; ++p)
        close = *p == ')' ? p : close;
    return close && close + 2 < stat + size ? close + 2 : nullptr; // field 3 follows ") "
}

} // namespace

qint64 statField(const char *stat, size_t size, int index)
{
    const char *end = stat + size;
    const char *field = afterCommand(stat, size);
    if (!field || index < 3)
        return -1;
    for (int at = 3; at < index && field < end; ++at) {
        field = static_cast<const char *>(std::memchr(field, ' ', size_t(end - field)));
        if (!field)
            return -1;
        ++field;
    }
    if (field >= end)
        return -1;
    return std::strtoll(field, nullptr, 10);
}

char statState(const char *stat, size_t size)
{
    const char *field = afterCommand(stat, size);
    return field ? *field : 0;
}

} // namespace threadlab::ProcFiles
