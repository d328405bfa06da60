#include "scenario/expectedtext.h"

#include "base/coretext.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace threadlab {

namespace {

int64_t workOf(const std::vector<Step> &steps)
{
    int64_t ns = 0;
    for (const Step &step : steps)
        ns += (step.kind == StepKind::Cpu ? step.durationNs : 0) + workOf(step.steps);
    return ns;
}

QString seconds(double s)
{
    return QString::number(s, 'f', s < 10 ? 1 : 0);
}

} // namespace

int64_t ExpectedText::cpuWorkNs(const Scenario &scenario)
{
    int64_t ns = workOf(scenario.mainSteps);
    for (const TaskInstance &instance : scenario.instances) {
        const TaskSpec &spec = scenario.tasks[size_t(instance.spec)];
        ns += workOf(spec.steps) * std::max(1, spec.repeat);
    }
    return ns;
}

QString ExpectedText::settings(const QString &text, FrontEnd frontEnd)
{
    // {set workers=1} → "Workers 1 in the toolbar" / "--workers 1"; an unknown name stays as written.
    static const QRegularExpression setting(QStringLiteral(R"(\{set (workers|executor|lock|gil)=([a-z0-9]+)\})"));
    QString out;
    qsizetype at = 0;
    for (const QRegularExpressionMatch &match : setting.globalMatch(text)) {
        out += text.mid(at, match.capturedStart() - at);
        const QString name = match.captured(1);
        const QString value = match.captured(2);
        if (frontEnd == FrontEnd::CommandLine) {
            out += QStringLiteral("--%1 %2").arg(name, value);
        } else if (name == QStringLiteral("workers")) {
            out += Text::tr("Workers %1 in the toolbar").arg(value);
        } else if (name == QStringLiteral("executor")) {
            out += Text::tr("Executor %1 in the toolbar").arg(value);
        } else {
            const QString control = name == QStringLiteral("gil") ? QStringLiteral("GIL") : QStringLiteral("Lock");
            out += value == QStringLiteral("on") ? Text::tr("%1 ticked in the toolbar").arg(control)
                                                 : Text::tr("%1 unticked in the toolbar").arg(control);
        }
        at = match.capturedEnd();
    }
    return out + text.mid(at);
}

QString ExpectedText::lesson(const Scenario &scenario, FrontEnd frontEnd)
{
    return settings(scenario.lesson, frontEnd);
}

QString ExpectedText::forMachine(const Scenario &scenario, int cores, FrontEnd frontEnd)
{
    cores = std::max(1, cores);
    const double work = double(cpuWorkNs(scenario)) / 1e9;
    const int instances = std::max<int>(1, int(scenario.instances.size()));
    const double waiting = std::max(0.0, 1.0 - double(cores) / instances);
    QString text = scenario.expected;
    text.replace(QStringLiteral("{cores}"), QString::number(cores));
    text.replace(QStringLiteral("{work_s}"), seconds(work));
    text.replace(QStringLiteral("{work_per_core_s}"), seconds(work / cores));
    text.replace(QStringLiteral("{waiting_percent}"), QString::number(std::lround(waiting * 100)) + u'%');
    return settings(text, frontEnd);
}

} // namespace threadlab
