// libFuzzer target: a segments CSV file from a stranger (trace/csvexport.h, CsvExport::read).
#include "trace/csvexport.h"

#include <QBuffer>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace threadlab;
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer in(&bytes);
    in.open(QIODevice::ReadOnly);
    const auto rows = CsvExport::read(in);
    if (!rows && rows.error().text().isEmpty())
        __builtin_trap(); // a refusal must say why
    return 0;
}
