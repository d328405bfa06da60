#include "scenario/sharingcheck.h"

#include "base/coretext.h"

#include <map>
#include <set>

namespace threadlab {

namespace {

using Users = std::map<uint32_t, std::set<int>>; // object -> users (-1: main lane, else task instance)

void collect(const std::vector<Step> &steps, int user, const Scenario &scenario, Users &users)
{
    for (const Step &step : steps) {
        if (step.object != kNoObject && step.object < scenario.objects.size()) {
            const ObjectKind kind = scenario.objects[step.object].kind;
            if (kind == ObjectKind::Queue || kind == ObjectKind::Event || kind == ObjectKind::Condition
                || kind == ObjectKind::Barrier)
                users[step.object].insert(user);
        }
        collect(step.steps, user, scenario, users);
    }
}

} // namespace

QStringList processSharingProblems(const Scenario &scenario)
{
    QStringList problems;
    if (scenario.executor.kind != ExecutorKind::Processes)
        return problems;
    Users users;
    collect(scenario.mainSteps, -1, scenario, users);
    for (const TaskInstance &instance : scenario.instances)
        collect(scenario.tasks[size_t(instance.spec)].steps, instance.id, scenario, users);
    for (const auto &[object, who] : users) {
        if (who.size() < 2)
            continue;
        QStringList names;
        for (int user : who)
            names << (user < 0 ? Text::tr("the main lane") : scenario.instances[size_t(user)].name);
        const ObjectSpec &spec = scenario.objects[object];
        problems << (objectKindName(spec.kind) + Text::tr(" '") + spec.name + Text::tr("' is shared by ")
            + names.join(Text::tr(", "))
            + QStringLiteral(": worker processes share no memory, so each would wait on its own copy "
                             "forever. Run it with the threads or pool executor."));
    }
    return problems;
}

} // namespace threadlab
