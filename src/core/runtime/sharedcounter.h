#pragma once

#include <atomic>
#include <cstdint>

namespace threadlab {

struct LaneContext;
class StopToken;

// A counter updated by read-modify-write. Unprotected, the read and the write are separated by a
// race window, so concurrent updates overwrite each other. The accesses are atomic (no undefined
// behaviour) and the write is an exchange, which tells exactly what it overwrote: each lost update
// is recorded with the amount of other lanes' updates it erased, and those amounts add up to
// expected - actual.
class SharedCounter
{
public:
    explicit SharedCounter(uint32_t id);

    // Read, wait raceWindowNs (cut short by a stop), write: an unprotected update that can lose others.
    void add(LaneContext &lane, int64_t delta, int64_t raceWindowNs, const StopToken &stop) noexcept;
    void addExpected(int64_t amount) noexcept { m_expected.fetch_add(amount, std::memory_order_relaxed); }

    int64_t value() const noexcept { return m_value.load(); }
    int64_t expected() const noexcept { return m_expected.load(); }
    int64_t lostUpdates() const noexcept { return m_lostUpdates.load(); }
    int64_t lostAmount() const noexcept { return m_lostAmount.load(); }
    bool touched() const noexcept { return m_touched.load(std::memory_order_relaxed); }

private:
    const uint32_t m_id;
    std::atomic<int64_t> m_value { 0 };
    std::atomic<int64_t> m_expected { 0 };
    std::atomic<int64_t> m_lostUpdates { 0 };
    std::atomic<int64_t> m_lostAmount { 0 };
    std::atomic<bool> m_touched { false };
};

} // namespace threadlab
