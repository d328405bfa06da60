// libFuzzer target: what a current-version .threadlab file holds once its blocks are unpacked
// (TraceFile::readContents). Mutating the compressed file rarely gets past zlib's checks; this
// reaches every count and index the trace reader checks.
#include "trace/recordedrun.h"
#include "trace/tracefile.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace threadlab;
    const auto run = TraceFile::readContents(reinterpret_cast<const char *>(data), qsizetype(size));
    if (!run && run.error().text().isEmpty())
        __builtin_trap(); // a refusal must say why
    return 0;
}
