// libFuzzer target: a scenario file from a stranger (scenario/scenarioparser.h). Whatever the bytes,
// parsing ends with a scenario or an error, within the parser's limits, without a crash or a leak.
#include "scenario/scenarioparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace threadlab;
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<Scenario> scenario = ScenarioParser::parse(json, QStringLiteral("fuzz.json"));
    if (!scenario && scenario.error().text().isEmpty())
        __builtin_trap(); // a refusal must say why
    return 0;
}
