#include "scenario/expectedtext.h"

#include <algorithm>

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

QString ExpectedText::forMachine(const Scenario &scenario, int cores)
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
    return text;
}

} // namespace threadlab
