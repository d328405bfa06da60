#include "runtime/sharedcounter.h"

#include "base/clock.h"
#include "base/lanecontext.h"
#include "base/stoptoken.h"

namespace threadlab {

SharedCounter::SharedCounter(uint32_t id)
    : m_id(id)
{ }

void SharedCounter::add(LaneContext &lane, int64_t delta, int64_t raceWindowNs, const StopToken &stop) noexcept
{
    if (!m_touched.load(std::memory_order_relaxed))
        m_touched.store(true, std::memory_order_relaxed);
    const int64_t read = m_value.load(std::memory_order_relaxed);
    lane.buffer->record(EventKind::CounterRead, m_id, read);
    if (raceWindowNs > 0) {
        const int64_t until = nowNs() + raceWindowNs;
        while (nowNs() < until && !stop.stopRequested()) { }
    }
    const int64_t written = read + delta;
    const int64_t overwritten = m_value.exchange(written, std::memory_order_acq_rel);
    lane.buffer->record(EventKind::CounterWrite, m_id, written);
    if (overwritten != read) {
        m_lostUpdates.fetch_add(1, std::memory_order_relaxed);
        m_lostAmount.fetch_add(overwritten - read, std::memory_order_relaxed);
        lane.buffer->record(EventKind::LostUpdate, m_id, overwritten - read);
    }
}

} // namespace threadlab
