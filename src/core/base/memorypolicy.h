#pragma once

namespace threadlab {

// Makes the C library give large blocks back to the system when they are freed. Every run makes
// new threads and grows traces in large blocks; glibc's default raises its mmap threshold after the
// first large free, so later large blocks come from per-thread arenas that keep the memory: a
// process that runs lessons over and over grew from 57 to 210 MB resident in 18 runs with 8 MB in
// use (tests/soak). With a fixed threshold it stays at 22 MB. Call first thing in main().
void returnLargeBlocksToTheSystem();

} // namespace threadlab
