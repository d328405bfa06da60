#include "runtime/resultsequencer.h"

#include "base/lanecontext.h"

#include <algorithm>

namespace threadlab {

ResultSequencer::ResultSequencer(ResultOrder order, std::vector<int> submitted)
    : m_order(order)
    , m_submitted(std::move(submitted))
{ }

std::vector<std::pair<int, TaskOutcome>> ResultSequencer::complete(int instance, TaskOutcome outcome)
{
    std::vector<std::pair<int, TaskOutcome>> ready;
    if (m_order == ResultOrder::AsCompleted) {
        ready.emplace_back(instance, outcome);
        ++m_delivered;
        return ready;
    }
    m_early.emplace_back(instance, outcome);
    for (;;) {
        if (finished())
            break;
        const int next = m_submitted[m_delivered];
        auto it = std::find_if(m_early.begin(), m_early.end(), [next](const auto &e) { return e.first == next; });
        if (it == m_early.end())
            break;
        ready.push_back(*it);
        m_early.erase(it);
        ++m_delivered;
    }
    return ready;
}

uint32_t ResultSequencer::awaited() const
{
    if (m_order == ResultOrder::AsCompleted || finished())
        return kNoObject;
    return uint32_t(m_submitted[m_delivered]);
}

void ResultSequencer::recordDelivery(LaneContext &main, const std::vector<std::pair<int, TaskOutcome>> &delivered) const
{
    if (delivered.empty())
        return;
    main.setState(State::Running);
    for (const auto &[instance, outcome] : delivered) {
        if (outcome == TaskOutcome::Completed)
            main.buffer->record(EventKind::Result, uint32_t(instance));
    }
    if (!finished())
        main.setState(State::JoinWait, awaited());
}

} // namespace threadlab
