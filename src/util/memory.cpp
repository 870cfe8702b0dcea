#include "mstimeline/memory.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace mstl {

std::size_t advise_huge_pages(void* p, std::size_t bytes) {
  auto begin = reinterpret_cast<std::uintptr_t>(p);
  if (p == nullptr || bytes < k_huge_page || begin > UINTPTR_MAX - bytes) return 0;
  std::uintptr_t first = (begin + k_huge_page - 1) & ~(k_huge_page - 1);
  std::uintptr_t last = (begin + bytes) & ~(k_huge_page - 1);
  if (last <= first) return 0;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE) == 0) return last - first;
#endif
  return 0;
}

void release_free_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace mstl
