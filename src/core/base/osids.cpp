#include "base/osids.h"

#include <sys/syscall.h>
#include <unistd.h>

namespace threadlab {

qint64 currentPid()
{
    return static_cast<qint64>(::getpid());
}

qint64 currentTid()
{
    return static_cast<qint64>(::syscall(SYS_gettid));
}

} // namespace threadlab
