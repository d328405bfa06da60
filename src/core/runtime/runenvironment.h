#pragma once

#include <QString>
#include <functional>

namespace threadlab {

class CpuBurner;
class Recorder;
class RunLog;
class RunObjects;
class StepRunner;
class StopToken;
struct Deadlock;
struct Scenario;

// Everything an executor needs from the run that owns it.
struct RunEnvironment
{
    const Scenario &scenario;
    Recorder &recorder;
    RunObjects &objects;
    StepRunner &runner;
    StopToken &stop;
    const CpuBurner &burner;
    RunLog &log;
    QString workerPath;
    std::function<void(const Deadlock &)> deadlock; // a worker process found one: the run stops
};

} // namespace threadlab
