#pragma once

#include "runtime/executor.h"

namespace threadlab {

// The main lane runs every task itself, one after the other.
class SequentialExecutor : public Executor
{
public:
    using Executor::Executor;
    void runMain(LaneContext &main) override;
};

} // namespace threadlab
