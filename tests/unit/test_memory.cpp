#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "mstimeline/memory.hpp"

using namespace mstl;

TEST_CASE("huge pages are asked for only for whole huge pages inside the range", "[memory]") {
  CHECK(advise_huge_pages(nullptr, std::size_t{64} << 20) == 0);
  std::vector<char> small(4096);
  CHECK(advise_huge_pages(small.data(), small.size()) == 0);
  const std::size_t bytes = std::size_t{8} << 20;
  std::unique_ptr<char[]> buffer(new char[bytes + 1]);
  char* p = buffer.get() + 1;  // not aligned to a huge page
  std::size_t advised = advise_huge_pages(p, bytes);
  // The system may refuse (no transparent huge pages): then nothing was asked.
  CHECK(advised % k_huge_page == 0);
  CHECK(advised <= bytes - k_huge_page);  // an unaligned range loses part of a page at each end
  // A range that holds no whole aligned huge page is never advised.
  auto base = reinterpret_cast<std::uintptr_t>(p);
  std::size_t to_boundary = (k_huge_page - base % k_huge_page) % k_huge_page;
  CHECK(advise_huge_pages(p + to_boundary + 1, k_huge_page) == 0);
}

TEST_CASE("a vector on huge pages holds what it was asked for", "[memory]") {
  std::vector<std::uint32_t> v = vector_on_huge_pages<std::uint32_t>(3'000'000, 7);
  REQUIRE(v.size() == 3'000'000);
  CHECK(v.front() == 7);
  CHECK(v.back() == 7);
  CHECK(std::count(v.begin(), v.end(), 7u) == 3'000'000);
  std::vector<std::uint64_t> empty = vector_on_huge_pages<std::uint64_t>(0);
  CHECK(empty.empty());
  std::vector<int> w;
  reserve_on_huge_pages(w, 10);
  CHECK(w.capacity() >= 10);
  CHECK(w.empty());
  release_free_memory();  // harmless at any time
  CHECK(v[1'234'567] == 7);
}
