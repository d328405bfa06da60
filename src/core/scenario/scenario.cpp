#include "scenario/scenario.h"

namespace threadlab {

QString executorKindName(ExecutorKind kind)
{
    switch (kind) {
    case ExecutorKind::Sequential:
        return QStringLiteral("sequential");
    case ExecutorKind::Threads:
        return QStringLiteral("threads");
    case ExecutorKind::Pool:
        return QStringLiteral("pool");
    case ExecutorKind::Processes:
        return QStringLiteral("processes");
    }
    return {};
}

QString queueKindName(QueueKind kind)
{
    switch (kind) {
    case QueueKind::Fifo:
        return QStringLiteral("fifo");
    case QueueKind::Lifo:
        return QStringLiteral("lifo");
    case QueueKind::Priority:
        return QStringLiteral("priority");
    }
    return {};
}

QString objectKindName(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Lock:
        return QStringLiteral("lock");
    case ObjectKind::Counter:
        return QStringLiteral("counter");
    case ObjectKind::Queue:
        return QStringLiteral("queue");
    case ObjectKind::Event:
        return QStringLiteral("event");
    case ObjectKind::Text:
        return QStringLiteral("text");
    case ObjectKind::RLock:
        return QStringLiteral("rlock");
    case ObjectKind::Semaphore:
        return QStringLiteral("semaphore");
    case ObjectKind::Condition:
        return QStringLiteral("condition");
    case ObjectKind::Barrier:
        return QStringLiteral("barrier");
    case ObjectKind::KernelWait:
        return QStringLiteral("system call");
    }
    return {};
}

QString Scenario::objectName(uint32_t id) const
{
    return id < objects.size() ? objects[id].name : QString();
}

int Scenario::findInstance(const QString &name) const
{
    for (const TaskInstance &instance : instances) {
        if (instance.name == name)
            return instance.id;
    }
    return -1;
}

} // namespace threadlab
