// How the process holds its memory: large arrays on huge pages, free memory
// handed back to the system.
//
// Touching a new page of memory costs a page fault; on a virtual machine that
// costs far more than the work done on the page's bytes. An array of some
// megabytes filled once (the extraction's records, the merge's sort keys)
// takes a fault per 4 KiB page, on whichever thread touches it first, unless
// the kernel backs it with 2 MiB pages (transparent huge pages, asked for by
// madvise). Both are hints: where the system has no huge pages, or no
// malloc_trim, nothing happens and nothing else changes.
#pragma once

#include <cstddef>
#include <vector>

namespace mstl {

// The size of a huge page this module asks for.
inline constexpr std::size_t k_huge_page = std::size_t{2} << 20;

// Asks for huge pages for the whole huge pages inside [p, p + bytes), before
// they are first touched. Returns how many bytes were asked for: a multiple of
// k_huge_page, 0 when none fits or the system refuses.
std::size_t advise_huge_pages(void* p, std::size_t bytes);

// Reserves room for n elements in an empty vector, new room, on huge pages
// where they fit; then resize() or push_back() as usual.
template <class T>
void reserve_on_huge_pages(std::vector<T>& v, std::size_t n) {
  v.reserve(n);
  advise_huge_pages(v.data(), v.capacity() * sizeof(T));
}

// n elements equal to `value`, on huge pages where they fit.
template <class T>
std::vector<T> vector_on_huge_pages(std::size_t n, const T& value = T()) {
  std::vector<T> v;
  reserve_on_huge_pages(v, n);
  v.resize(n, value);
  return v;
}

// Hands whole free pages back to the system (glibc's malloc_trim); elsewhere,
// nothing.
void release_free_memory();

}  // namespace mstl
