// Transparent huge pages for the allocator's heap, asked for by restarting once.
//
// Most of a large run's system time on Linux is page faults: every new 4 KiB
// page of the heap costs one as records, citations and mentions are made. With
// the kernel's transparent huge pages in `madvise` mode (Debian's default),
// glibc (2.35 and later) advises its heap as huge pages when the tunable
// `glibc.malloc.hugetlb=1` is set, and one fault then maps 2 MiB. Tunables are
// read only when a process starts, so the commands that read archives (build,
// extract, merge, review) restart the program once, with the tunable added to
// GLIBC_TUNABLES, as soon as their options are parsed and before they read or
// write anything (cli/app.cpp). The output is the same bytes either way; only
// time and memory differ (docs/performance.md, "Huge pages for the heap").
//
// It is not done when GLIBC_TUNABLES already names the tunable (so
// `GLIBC_TUNABLES=glibc.malloc.hugetlb=0` turns it off), when the kernel's mode
// is not `madvise`, on another C library or a glibc before 2.35, under a
// sanitizer with its own allocator or under Valgrind (the restarted program
// would leave it), when the program was started through the dynamic loader
// (`ld.so mstimeline`) or in secure mode (setuid), or when the program's own
// path cannot be found; a failed restart goes on as it is. A marker in the
// environment holding the process id (which exec keeps), removed again by the
// restarted program, makes a second restart impossible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mstl::cli {

inline constexpr std::string_view k_huge_pages_tunable = "glibc.malloc.hugetlb";

// The GLIBC_TUNABLES value to restart with, or nothing when the restart is not
// wanted. `thp_enabled` is the text of
// /sys/kernel/mm/transparent_hugepage/enabled ("always [madvise] never");
// `tunables` is GLIBC_TUNABLES (nullptr when unset); `glibc` is the version
// of the C library ("2.36"), empty when it is not glibc.
std::optional<std::string> huge_pages_tunables(std::string_view thp_enabled, const char* tunables,
                                               std::string_view glibc);

// Whether this process is the restarted one (for --timings).
bool restarted_with_huge_pages();

// The bytes of this process's memory on transparent huge pages now
// (AnonHugePages of /proc/self/smaps_rollup; 0 when it cannot be read): what
// --timings reports, a fact rather than what was asked for.
std::uint64_t huge_pages_bytes();
// The same, from the text of a smaps_rollup file.
std::uint64_t anon_huge_pages_bytes(std::string_view smaps);

// Restarts the program with huge_pages_tunables for this process (the
// kernel's mode, GLIBC_TUNABLES and the C library's version as they are),
// unless one of the cases above holds; returns only when it does not restart
// (not wanted, or the restart failed). The marker is
// MSTIMELINE_HUGE_PAGES_RESTARTED.
void restart_with_huge_pages(char** argv);

}  // namespace mstl::cli
