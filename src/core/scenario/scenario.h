#pragma once

#include "base/event.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace threadlab {

enum class StepKind {
    Sleep,
    Cpu,
    Lock,
    Add,
    Put,
    Get,
    Set,
    Clear,
    Wait,
    WhileSet,
    Print,
    Download,
    RLock, // with rlock: nested acquisition by its owner is counted, not waited for
    Semaphore, // with semaphore: takes one of its units for the nested steps
    Release, // semaphore.release() without an acquire (signalling)
    Condition, // with condition: holds the condition's lock for the nested steps
    ConditionWait, // condition.wait() / wait_for(predicate on a counter)
    Notify, // condition.notify(n)
    NotifyAll,
    Barrier, // barrier.wait()
};
enum class ExecutorKind { Sequential, Threads, Pool, Processes };
enum class JoinMode { All, None, Listed };
enum class ResultOrder { AsCompleted, InOrder };
enum class QueueKind { Fifo, Lifo, Priority };
// KernelWait: what a traced program's thread was blocked in (a system call and the rule that named
// its state); never in a scenario file.
enum class ObjectKind { Lock, Counter, Queue, Event, Text, RLock, Semaphore, Condition, Barrier, KernelWait };

QString executorKindName(ExecutorKind kind);
QString queueKindName(QueueKind kind);
QString objectKindName(ObjectKind kind);

// One step of a task's program. Fields not used by a kind keep their defaults.
struct Step
{
    StepKind kind = StepKind::Sleep;
    int64_t durationNs = 0; // sleep, cpu
    uint32_t object = kNoObject; // the lock, rlock, semaphore, condition, barrier, counter, queue or event
    int64_t timeoutNs = -1; // lock, rlock, semaphore, get, wait, barrier: give up after this long (-1: never)
    uint32_t counter = kNoObject; // condition wait: the counter of its predicate
    int64_t atLeast = 0; // condition wait: the predicate "counter >= atLeast"
    uint32_t guard = kNoObject; // add: the lock that protects the counter while the lock option is on
    int64_t delta = 0; // add
    int64_t times = 1; // add; notify: how many waiters
    bool local = false; // add: a thread-local counter
    uint32_t item = kNoObject; // get: the sentinel item that ends the loop
    std::vector<uint32_t> items; // put: the items, in put order
    int64_t priority = 0; // put
    uint32_t text = kNoObject; // print
    QString target; // download: an image on the embedded server or a URL; {n} = task number, {item} = last queue item
    bool embedded = true; // download: target names an image on the embedded server
    int64_t kilobytes = 100; // download: image size asked of the embedded server
    std::vector<Step> steps; // lock, rlock, semaphore, condition, get (each item), while_set
    std::vector<uint32_t> nestedLocks; // lock: the locks its steps take, for the lock-ordering option
};

struct TaskSpec
{
    QString name;
    int count = 1; // instances of this task
    int repeat = 1; // how often each instance runs its steps
    bool daemon = false; // threads executor: the main lane does not wait for it; it is cut off at the end
    std::vector<Step> steps;
};

// One concrete task as the executor runs it (a TaskSpec with count > 1 gives several).
struct TaskInstance
{
    int id = 0;
    int spec = 0;
    QString name;
    int number = 1; // 1-based among the instances of its TaskSpec
};

struct ExecutorSpec
{
    static constexpr int kMaxWorkers = 256; // a pool's threads or processes (README, "Security")
    static constexpr int kMaxInstances = 1024; // task instances; the threads executor runs one thread each

    ExecutorKind kind = ExecutorKind::Threads;
    int workers = 1;
    JoinMode join = JoinMode::All;
    QStringList joinTasks; // JoinMode::Listed
    ResultOrder results = ResultOrder::AsCompleted;
};

struct ScenarioOptions
{
    bool lock = true;
    bool gil = false;
    bool ordering = false; // a lock step first takes the locks its steps need, in name order
    int64_t raceWindowNs = 1000;
};

struct ObjectSpec
{
    ObjectKind kind = ObjectKind::Text;
    QString name;
    QueueKind queueKind = QueueKind::Fifo;
    int64_t value = 0; // semaphore: initial value; barrier: parties
    bool bounded = false; // semaphore: a release above the initial value is an error
    uint32_t lock = kNoObject; // condition: its lock
    int64_t timeoutNs = -1; // barrier: the default timeout of its waits (-1: none)
};

// The scenario's embedded image server: latency before the first byte, bandwidth, per-image failures.
struct ServerSettings
{
    static constexpr int kMaxImageKb = 8 * 1024; // the largest image a scenario may ask for
    bool used = false; // some download step fetches from the embedded server
    int latencyMs = 200;
    int bandwidthKBps = 0; // 0: unthrottled
    int timeoutMs = 10'000; // a download that takes longer fails
    QHash<QString, QString> failures; // image -> 404, 500, reset or timeout
};

struct Scenario
{
    QString id;
    QString title;
    QString topic;
    QString lesson;
    QString expected;
    QString compareWith; // the id of a lesson whose runs this one's are compared with, besides its own
    QString pythonCode;
    QString cppCode;
    ExecutorSpec executor;
    ScenarioOptions options;
    ServerSettings server;
    std::vector<ObjectSpec> objects; // object id = index
    std::vector<Step> mainSteps;
    std::vector<TaskSpec> tasks;
    std::vector<TaskInstance> instances;
    QByteArray source; // the JSON it was parsed from
    QString origin; // file path or resource path

    QString objectName(uint32_t id) const;
    int findInstance(const QString &name) const;
};

} // namespace threadlab
