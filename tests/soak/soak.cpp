// threadlab-soak: runs the built-in lessons again and again in one process, on the threads, pool
// and processes executors, and watches what a leak would make grow: resident memory, threads, open
// descriptors and child processes. README, "Soak", says how to run it; `bash .ci/dev soak` runs it
// for 30 minutes.
//
//   threadlab-soak [--minutes M | --cycles N] [--lessons id,id…] [--executors threads,pool,processes]
//                  [--every SECONDS] [--csv FILE] [--each-run]
//
// A line every --every seconds (during runs), one after each cycle (between runs, where
// everything a run started must be gone) and, with --each-run, one after each run. The verdict
// compares each cycle's end with the first cycle's end: threads, descriptors and children must not grow; the memory in
// use (malloc's count of what is allocated and not freed) may grow by at most 10 % + 8 MB, resident memory by at most
// 10 % + 16 MB (see base/memorypolicy.h for why it would without ThreadLab's allocator setting).
// Exit 0 when flat, 1 when something grew or a run reported an error, 2 on a bad command line.
#include "base/clock.h"
#include "base/memorypolicy.h"
#include "netservices.h"
#include "runtime/run.h"
#include "scenario/scenariolibrary.h"
#include "scenario/scenariooverrides.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <malloc.h>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace threadlab {
namespace {

struct Usage
{
    double elapsedS = 0;
    int runs = 0;
    double rssMb = 0;
    double heapMb = 0; // what the program has allocated and not freed (malloc's own count)
    int threads = 0;
    int descriptors = 0;
    int children = 0; // live child processes (zombies included: a child not waited for is a leak)
    QStringList openFiles; // what each descriptor is (after a cycle only): names what leaked
};

QStringList openFiles()
{
    QStringList files;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString &fd : fds.entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System)) {
        char target[256] = {};
        const ssize_t length = ::readlink(QFile::encodeName(fds.filePath(fd)).constData(), target, sizeof target - 1);
        files << QString::fromLocal8Bit(target, length > 0 ? length : 0);
    }
    return files;
}

int countEntries(const QString &dir)
{
    return int(QDir(dir).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System).size());
}

double residentMb()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? double(fields[1].toLongLong()) * double(::sysconf(_SC_PAGESIZE)) / 1048576.0 : 0;
}

// Processes whose parent is this one: /proc/PID/stat's fourth field (after the command's ')').
int childProcesses()
{
    const QByteArray self = QByteArray::number(qint64(::getpid()));
    int count = 0;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!entry.front().isDigit())
            continue;
        QFile stat(QStringLiteral("/proc/") + entry + QStringLiteral("/stat"));
        if (!stat.open(QIODevice::ReadOnly))
            continue; // gone meanwhile
        const QByteArray text = stat.readAll();
        const QList<QByteArray> after = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (after.size() > 1 && after[1] == self)
            ++count;
    }
    return count;
}

double heapInUseMb()
{
    const struct mallinfo2 info = ::mallinfo2();
    return double(info.uordblks + info.hblkhd) / 1048576.0;
}

Usage measure(int64_t startNs, int runs)
{
    return Usage { double(nowNs() - startNs) / 1e9, runs, residentMb(), heapInUseMb(),
        countEntries(QStringLiteral("/proc/self/task")), countEntries(QStringLiteral("/proc/self/fd")),
        childProcesses(), {} };
}

// Between runs: what a run started must be gone. A thread that a run joined can take a moment to
// leave the task list; malloc gives back the free pages it holds.
Usage settle(int64_t startNs, int runs, int threadsBefore)
{
    ::malloc_trim(0);
    for (int i = 0; i < 40 && countEntries(QStringLiteral("/proc/self/task")) > threadsBefore; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    Usage usage = measure(startNs, runs);
    usage.openFiles = openFiles();
    return usage;
}

QString row(const QString &when, const Usage &usage)
{
    return QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8")
        .arg(when)
        .arg(usage.elapsedS, 0, 'f', 1)
        .arg(usage.runs)
        .arg(usage.rssMb, 0, 'f', 1)
        .arg(usage.heapMb, 0, 'f', 1)
        .arg(usage.threads)
        .arg(usage.descriptors)
        .arg(usage.children);
}

struct Options
{
    double minutes = 30;
    int cycles = 0; // 0: as many as fit in the minutes
    QStringList lessons;
    std::vector<ExecutorKind> executors { ExecutorKind::Threads, ExecutorKind::Pool, ExecutorKind::Processes };
    double everyS = 30;
    QString csv;
    bool eachRun = false;
};

std::optional<Options> parse(const QStringList &arguments, QString *problem)
{
    Options options;
    for (const ScenarioEntry &entry : ScenarioLibrary::builtIns())
        options.lessons << entry.id;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &name = arguments[i];
        if (name == u"--each-run") {
            options.eachRun = true;
            continue;
        }
        if (i + 1 >= arguments.size()) {
            *problem = QStringLiteral("%1: needs a value").arg(name);
            return std::nullopt;
        }
        const QString value = arguments[++i];
        bool ok = true;
        if (name == u"--minutes")
            options.minutes = value.toDouble(&ok), ok = ok && options.minutes > 0;
        else if (name == u"--cycles")
            options.cycles = value.toInt(&ok), ok = ok && options.cycles > 0;
        else if (name == u"--every")
            options.everyS = value.toDouble(&ok), ok = ok && options.everyS >= 0.1;
        else if (name == u"--csv")
            options.csv = value;
        else if (name == u"--lessons")
            options.lessons = value.split(u',');
        else if (name == u"--executors") {
            options.executors.clear();
            for (const QString &kind : value.split(u',')) {
                const auto named = [&](ExecutorKind candidate) { return executorKindName(candidate) == kind; };
                const std::array<ExecutorKind, 3> kinds { ExecutorKind::Threads, ExecutorKind::Pool,
                    ExecutorKind::Processes };
                const auto *found = std::find_if(kinds.begin(), kinds.end(), named);
                ok = ok && found != kinds.end();
                if (found != kinds.end())
                    options.executors.push_back(*found);
            }
        } else {
            *problem = QStringLiteral("unknown option '%1'").arg(name);
            return std::nullopt;
        }
        if (!ok) {
            *problem = QStringLiteral("%1: bad value '%2'").arg(name, value);
            return std::nullopt;
        }
    }
    return options;
}

class Soak
{
public:
    explicit Soak(Options options)
        : m_options(std::move(options))
    { }

    int exec()
    {
        std::vector<std::pair<QString, Scenario>> runs;
        for (const QString &id : m_options.lessons) {
            Result<Scenario> scenario = ScenarioLibrary::load(id);
            if (!scenario.ok()) {
                err(scenario.error().text());
                return 2;
            }
            for (ExecutorKind kind : m_options.executors) {
                Scenario copy = *scenario;
                ScenarioOverrides overrides;
                overrides.executor = kind;
                overrides.applyTo(copy);
                runs.emplace_back(id + u'/' + executorKindName(kind), std::move(copy));
            }
        }
        if (!m_options.csv.isEmpty()) {
            m_csv.setFileName(m_options.csv);
            if (!m_csv.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
                err(QStringLiteral("%1: cannot write: %2").arg(m_options.csv, m_csv.errorString()));
                return 2;
            }
        }
        out(QStringLiteral("when,elapsed_s,runs,rss_mb,heap_mb,threads,fds,children"));
        m_startNs = nowNs();
        const int64_t endNs = m_startNs + int64_t(m_options.minutes * 60e9);
        std::thread sampler([this] { sample(); });
        const int threadsBefore = countEntries(QStringLiteral("/proc/self/task")); // this one and the sampler
        std::vector<Usage> cycleEnds;
        int failures = 0;
        for (int cycle = 1; m_options.cycles ? cycle <= m_options.cycles : nowNs() < endNs; ++cycle) {
            for (const auto &[label, scenario] : runs) {
                const int64_t runStartNs = nowNs();
                RunSettings settings;
                settings.sched = SchedMode::Auto; // as the window and the CLI run it
                Run run(scenario, settings);
                run.start();
                run.waitForFinished();
                const std::shared_ptr<RecordedRun> recorded = run.takeRecording();
                // A lesson that deadlocks on purpose reports it; anything else is worth a line.
                bool failed = false;
                for (const QString &error : run.errors()) {
                    if (error.contains(QStringLiteral("deadlock")))
                        continue;
                    err(QStringLiteral("%1: %2").arg(label, error));
                    failed = true;
                }
                failures += failed ? 1 : 0;
                m_runs.fetch_add(1);
                if (m_options.eachRun)
                    out(QStringLiteral("# %1: %2 s, %3 MB in use, %4 descriptors")
                            .arg(label)
                            .arg(double(nowNs() - runStartNs) / 1e9, 0, 'f', 1)
                            .arg(heapInUseMb(), 0, 'f', 1)
                            .arg(countEntries(QStringLiteral("/proc/self/fd"))));
            }
            {
                // Not while the sampler counts: its look at /proc/self/fd is a descriptor too.
                const std::lock_guard lock(m_mutex);
                cycleEnds.push_back(settle(m_startNs, m_runs.load(), threadsBefore));
            }
            out(row(QStringLiteral("cycle %1 end").arg(cycle), cycleEnds.back()));
        }
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_wake.notify_all();
        sampler.join();
        return verdict(cycleEnds, failures);
    }

private:
    void sample()
    {
        std::unique_lock lock(m_mutex);
        while (!m_wake.wait_for(lock, std::chrono::duration<double>(m_options.everyS), [this] { return m_done; }))
            out(row(QStringLiteral("running"), measure(m_startNs, m_runs.load())));
    }

    int verdict(const std::vector<Usage> &ends, int failures)
    {
        const Usage &first = ends.front();
        const Usage &last = ends.back();
        QStringList grew;
        for (const Usage &end : ends) {
            if (end.threads > first.threads)
                grew << QStringLiteral("threads %1 → %2").arg(first.threads).arg(end.threads);
            if (end.descriptors > first.descriptors) {
                QStringList opened = end.openFiles;
                for (const QString &file : first.openFiles)
                    opened.removeOne(file);
                grew << QStringLiteral("descriptors %1 → %2 (%3)")
                            .arg(first.descriptors)
                            .arg(end.descriptors)
                            .arg(opened.join(QStringLiteral(", ")));
            }
            if (end.children > 0)
                grew << QStringLiteral("%1 child processes left after a cycle").arg(end.children);
        }
        if (last.heapMb > first.heapMb * 1.10 + 8)
            grew << QStringLiteral("memory in use %1 → %2 MB").arg(first.heapMb, 0, 'f', 1).arg(last.heapMb, 0, 'f', 1);
        if (last.rssMb > first.rssMb * 1.10 + 16)
            grew << QStringLiteral("resident memory %1 → %2 MB").arg(first.rssMb, 0, 'f', 1).arg(last.rssMb, 0, 'f', 1);
        grew.removeDuplicates();
        const auto state = [](const Usage &usage) {
            return QStringLiteral("%1 MB in use (%2 MB resident), %3 threads, %4 descriptors, %5 children")
                .arg(usage.heapMb, 0, 'f', 1)
                .arg(usage.rssMb, 0, 'f', 1)
                .arg(usage.threads)
                .arg(usage.descriptors)
                .arg(usage.children);
        };
        out(QStringLiteral("\n%1 runs in %2 cycles, %3 min\nafter the first cycle: %4\nafter the last cycle:  %5")
                .arg(last.runs)
                .arg(ends.size())
                .arg(last.elapsedS / 60, 0, 'f', 1)
                .arg(state(first), state(last)));
        if (failures)
            out(QStringLiteral("%1 runs reported errors (above)").arg(failures));
        if (!grew.isEmpty()) {
            out(QStringLiteral("NOT FLAT: ") + grew.join(QStringLiteral("; ")));
            return 1;
        }
        out(QStringLiteral("flat"));
        return failures ? 1 : 0;
    }

    void out(const QString &line)
    {
        std::lock_guard lock(m_outMutex);
        std::fprintf(stdout, "%s\n", line.toUtf8().constData());
        std::fflush(stdout);
        if (m_csv.isOpen() && !line.startsWith(u'\n')) {
            m_csv.write(line.toUtf8() + '\n');
            m_csv.flush();
        }
    }
    static void err(const QString &line) { std::fprintf(stderr, "threadlab-soak: %s\n", line.toUtf8().constData()); }

    const Options m_options;
    int64_t m_startNs = 0;
    std::atomic<int> m_runs { 0 };
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_done = false;
    std::mutex m_outMutex;
    QFile m_csv;
};

} // namespace
} // namespace threadlab

int main(int argc, char *argv[])
{
    threadlab::returnLargeBlocksToTheSystem(); // as threadlab does
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv); // the lessons' downloads draw their images
    threadlab::Run::setNetworkFactory([] { return std::make_shared<threadlab::NetServices>(); });
    QString problem;
    const std::optional<threadlab::Options> options = threadlab::parse(QGuiApplication::arguments(), &problem);
    if (!options) {
        std::fprintf(stderr,
            "threadlab-soak: %s\nusage: threadlab-soak [--minutes M | --cycles N] [--lessons id,id...] "
            "[--executors threads,pool,processes] [--every SECONDS] [--csv FILE] [--each-run]\n",
            problem.toUtf8().constData());
        return 2;
    }
    return threadlab::Soak(*options).exec();
}
