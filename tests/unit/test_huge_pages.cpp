#include <catch2/catch.hpp>

#include "cli/huge_pages.hpp"

using mstl::cli::anon_huge_pages_bytes;
using mstl::cli::huge_pages_tunables;

namespace {
constexpr const char* k_madvise = "always [madvise] never\n";
}  // namespace

TEST_CASE("huge pages are asked for with the kernel in madvise mode, glibc 2.35 or later, and no choice made",
          "[huge_pages]") {
  CHECK(huge_pages_tunables(k_madvise, nullptr, "2.36") == "glibc.malloc.hugetlb=1");
  CHECK(huge_pages_tunables(k_madvise, "", "2.35") == "glibc.malloc.hugetlb=1");
  CHECK(huge_pages_tunables(k_madvise, nullptr, "2.40") == "glibc.malloc.hugetlb=1");
  CHECK(huge_pages_tunables(k_madvise, nullptr, "3.0") == "glibc.malloc.hugetlb=1");
  // Other tunables are kept, the new one added after them.
  CHECK(huge_pages_tunables(k_madvise, "glibc.malloc.arena_max=2", "2.36") ==
        "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1");
}

TEST_CASE("no huge pages asked for: another kernel mode, an old or no glibc, or the user's own choice",
          "[huge_pages]") {
  CHECK_FALSE(huge_pages_tunables("[always] madvise never\n", nullptr, "2.36"));  // the kernel does it anyway
  CHECK_FALSE(huge_pages_tunables("always madvise [never]\n", nullptr, "2.36"));
  CHECK_FALSE(huge_pages_tunables("", nullptr, "2.36"));         // no such file: no transparent huge pages
  CHECK_FALSE(huge_pages_tunables(k_madvise, nullptr, "2.34"));  // the tunable came with 2.35
  CHECK_FALSE(huge_pages_tunables(k_madvise, nullptr, "2.9"));
  CHECK_FALSE(huge_pages_tunables(k_madvise, nullptr, ""));  // not glibc
  CHECK_FALSE(huge_pages_tunables(k_madvise, nullptr, "x.y"));
  CHECK_FALSE(huge_pages_tunables(k_madvise, "glibc.malloc.hugetlb=0", "2.36"));
  CHECK_FALSE(huge_pages_tunables(k_madvise, "glibc.malloc.hugetlb=1", "2.36"));
  CHECK_FALSE(huge_pages_tunables(k_madvise, "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2", "2.36"));
  // A name that only contains the tunable's is another tunable.
  CHECK(huge_pages_tunables(k_madvise, "xglibc.malloc.hugetlb=0", "2.36") ==
        "xglibc.malloc.hugetlb=0:glibc.malloc.hugetlb=1");
}

TEST_CASE("the memory on huge pages is AnonHugePages of smaps_rollup, in bytes", "[huge_pages]") {
  const std::string rollup =
      "5597770ce000-7fff7cf29000 ---p 00000000 00:00 0                          [rollup]\n"
      "Rss:              171616 kB\n"
      "Anonymous:        160000 kB\n"
      "AnonHugePages:    145408 kB\n"
      "ShmemPmdMapped:        0 kB\n";
  CHECK(anon_huge_pages_bytes(rollup) == 145408ull * 1024);
  CHECK(anon_huge_pages_bytes("x\nAnonHugePages:         0 kB\n") == 0);
  CHECK(anon_huge_pages_bytes("") == 0);                           // no file
  CHECK(anon_huge_pages_bytes("x\nAnonHugePages: 12 MB\n") == 0);  // not the kernel's form
  CHECK(anon_huge_pages_bytes("x\nAnonHugePages:    kB\n") == 0);
  CHECK(anon_huge_pages_bytes("x\nShmemHugePages: 2048 kB\n") == 0);  // another line
  CHECK(anon_huge_pages_bytes("AnonHugePages: 2048 kB\n") == 0);      // never the file's first line
}
