#pragma once

#include <atomic>
#include <mutex>
#include <thread>

namespace threadlab {

struct Trace;

// The lock of a trace that another thread is building. A std::mutex stays with a thread that
// unlocks and locks it again at once, so a builder that is behind (batch after batch) kept a reader
// waiting for as long as it stayed behind: a flooded live run drew a frame or two a second. Here
// the builder lets a waiting reader in before its next batch.
class TraceLock
{
public:
    void lock() { m_mutex.lock(); } // the builder, for one batch
    void unlock() { m_mutex.unlock(); }
    void lockToRead()
    {
        m_readersWaiting.fetch_add(1, std::memory_order_acq_rel);
        m_mutex.lock();
        m_readersWaiting.fetch_sub(1, std::memory_order_release);
    }
    // The builder between two batches, not holding the lock: returns once no reader waits for it.
    void letReadersFirst() const
    {
        while (m_readersWaiting.load(std::memory_order_acquire) > 0)
            std::this_thread::yield();
    }

private:
    std::mutex m_mutex;
    std::atomic<int> m_readersWaiting { 0 };
};

// One reader's hold on a trace: while it lives, the trace does not change. Hold it for as long as
// you look (a frame, a tooltip) and no longer, since the thread building the trace waits meanwhile.
class TraceReading
{
public:
    TraceReading(const TraceReading &) = delete;
    TraceReading &operator=(const TraceReading &) = delete;
    ~TraceReading()
    {
        if (m_lock)
            m_lock->unlock();
    }

    const Trace &operator*() const { return *m_trace; }
    const Trace *operator->() const { return m_trace; }
    const Trace *get() const { return m_trace; }

private:
    friend class TraceSource;
    TraceReading(const Trace *trace, TraceLock *lock)
        : m_lock(lock)
        , m_trace(trace)
    {
        if (m_lock)
            m_lock->lockToRead();
    }

    TraceLock *m_lock;
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
    TraceSource(const Trace &growing, TraceLock &builderLock)
        : m_trace(&growing)
        , m_lock(&builderLock)
    { }

    bool isNull() const { return m_trace == nullptr; }
    bool isGrowing() const { return m_lock != nullptr; }
    TraceReading read() const { return TraceReading(m_trace, m_lock); }

private:
    const Trace *m_trace = nullptr;
    TraceLock *m_lock = nullptr;
};

} // namespace threadlab
