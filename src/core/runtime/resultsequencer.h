#pragma once

#include "base/event.h"
#include "scenario/scenario.h"

#include <set>
#include <utility>
#include <vector>

namespace threadlab {

struct LaneContext;

// Decides when a finished task's result reaches the main lane: at once (as_completed) or in
// submission order (map / result() in turn), holding back results that finished early.
class ResultSequencer
{
public:
    ResultSequencer(ResultOrder order, std::vector<int> submitted);

    // Returns the completions that become visible to the main lane now, in delivery order.
    std::vector<std::pair<int, TaskOutcome>> complete(int instance, TaskOutcome outcome);
    bool finished() const { return m_delivered == m_submitted.size(); }
    // The task the main lane waits for (kNoObject when it waits for whichever finishes first).
    uint32_t awaited() const;

    // Records the main lane's side: JoinWait on what it waits for, Result for each delivered task.
    void recordDelivery(LaneContext &main, const std::vector<std::pair<int, TaskOutcome>> &delivered) const;

private:
    ResultOrder m_order;
    std::vector<int> m_submitted;
    std::vector<std::pair<int, TaskOutcome>> m_early; // finished, waiting for their turn
    size_t m_delivered = 0;
};

} // namespace threadlab
