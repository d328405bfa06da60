#include "runtime/schedcapture.h"

#include "base/coretext.h"
#include "runtime/perfschedcapture.h"
#include "runtime/procschedsampler.h"
#include "trace/trace.h"

namespace threadlab {

namespace {

// Off: the trace says so, and nothing else changes.
class NoCapture : public SchedCapture
{
public:
    explicit NoCapture(QString reason) { m_info.reason = std::move(reason); }
    void stop() override { }
    void apply(Trace &trace, int64_t) override { trace.sched = m_info; }
    void snapshot(Trace &trace, int64_t) override { trace.sched = m_info; }
};

} // namespace

std::optional<SchedMode> schedModeFromName(const QString &name)
{
    for (SchedMode mode : { SchedMode::Auto, SchedMode::Exact, SchedMode::Sampled, SchedMode::Off }) {
        if (schedModeName(mode) == name)
            return mode;
    }
    return std::nullopt;
}

QString schedModeName(SchedMode mode)
{
    switch (mode) {
    case SchedMode::Exact:
        return QStringLiteral("exact");
    case SchedMode::Sampled:
        return QStringLiteral("sampled");
    case SchedMode::Off:
        return QStringLiteral("off");
    case SchedMode::Auto:
        break;
    }
    return QStringLiteral("auto");
}

QString SchedCapture::followSyscalls(qint64)
{
    return Text::tr("only the exact capture sees system calls");
}

Result<std::unique_ptr<SchedCapture>> SchedCapture::start(SchedMode mode, const Recorder &recorder, int sampleHz)
{
    if (mode == SchedMode::Off)
        return std::unique_ptr<SchedCapture>(std::make_unique<NoCapture>(Text::tr("not asked for (--sched off)")));
    QString exactProblem;
    if (mode == SchedMode::Exact || mode == SchedMode::Auto) {
        Result<std::unique_ptr<SchedCapture>> exact = PerfSchedCapture::start();
        if (exact || mode == SchedMode::Exact)
            return exact;
        exactProblem = exact.error().text();
    }
    auto sampler = std::make_unique<ProcSchedSampler>(recorder, sampleHz);
    if (!exactProblem.isEmpty())
        sampler->setReason(exactProblem + Text::tr(": sampling /proc at %1 kHz").arg(sampleHz / 1000.0));
    return std::unique_ptr<SchedCapture>(std::move(sampler));
}

} // namespace threadlab
