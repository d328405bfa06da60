#include "memorypolicy.h"

#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

namespace threadlab {

void returnLargeBlocksToTheSystem()
{
#if defined(M_MMAP_THRESHOLD) // glibc
    // 1 MiB and more: mmap'd, and unmapped when freed (setting it also stops glibc from moving it).
    ::mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

} // namespace threadlab
