// libFuzzer target: a whole .threadlab file from a stranger (trace/tracefile.h): the magic, the
// version and, from version 6 on, the compressed blocks.
#include "trace/recordedrun.h"
#include "trace/tracefile.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace threadlab;
    const auto run = TraceFile::read(reinterpret_cast<const char *>(data), qsizetype(size));
    if (!run && run.error().text().isEmpty())
        __builtin_trap(); // a refusal must say why
    return 0;
}
