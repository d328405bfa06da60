#pragma once

#include <memory>

namespace threadlab {

struct LaneContext;
struct RunEnvironment;

// Runs a scenario's tasks as its executor kind says. runMain() is the scenario's main thread
// (it starts tasks, joins, collects results); finish() then waits, untraced on the main lane, for
// whatever still runs (threads that were not joined, pool threads, child processes).
class Executor
{
public:
    explicit Executor(RunEnvironment &env)
        : m_env(env)
    { }
    virtual ~Executor() = default;
    Executor(const Executor &) = delete;
    Executor &operator=(const Executor &) = delete;

    virtual void runMain(LaneContext &main) = 0;
    virtual void finish() { }

    static std::unique_ptr<Executor> create(RunEnvironment &env);

protected:
    RunEnvironment &m_env;
};

} // namespace threadlab
