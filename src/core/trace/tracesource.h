#pragma once

#include <mutex>

namespace threadlab {

struct Trace;

// One reader's hold on a trace: while it lives, the trace does not change. Hold it for as long as
// you look (a frame, a tooltip) and no longer, since the thread building the trace waits meanwhile.
class TraceReading
{
public:
    const Trace &operator*() const { return *m_trace; }
    const Trace *operator->() const { return m_trace; }
    const Trace *get() const { return m_trace; }

private:
    friend class TraceSource;
    TraceReading(const Trace *trace, std::mutex *lock)
        : m_lock(lock ? std::unique_lock(*lock) : std::unique_lock<std::mutex>())
        , m_trace(trace)
    { }

    std::unique_lock<std::mutex> m_lock;
    const Trace *m_trace;
};

// Where a view reads a trace: a finished one, read freely, or one that another thread is still
// building, read under that builder's lock (the builder changes the trace in short batches, each
// under the same lock). A source does not own its trace.
class TraceSource
{
public:
    TraceSource() = default;
    explicit TraceSource(const Trace &finished)
        : m_trace(&finished)
    { }
    TraceSource(const Trace &growing, std::mutex &builderLock)
        : m_trace(&growing)
        , m_lock(&builderLock)
    { }

    bool isNull() const { return m_trace == nullptr; }
    bool isGrowing() const { return m_lock != nullptr; }
    TraceReading read() const { return TraceReading(m_trace, m_lock); }

private:
    const Trace *m_trace = nullptr;
    std::mutex *m_lock = nullptr;
};

} // namespace threadlab
