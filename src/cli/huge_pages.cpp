#include "cli/huge_pages.hpp"

#include <sys/auxv.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

#if defined(__GLIBC__)
#include <gnu/libc-version.h>
#endif

// A sanitizer with its own allocator: glibc's tunable does not reach it.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MSTL_OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define MSTL_OWN_ALLOCATOR 1
#endif
#endif

namespace mstl::cli {
namespace {

// The value of the entry named `name` in a GLIBC_TUNABLES list of
// `name=value` entries separated by ':', if there is one.
std::optional<std::string_view> tunable_value(std::string_view tunables, std::string_view name) {
  while (!tunables.empty()) {
    std::size_t colon = tunables.find(':');
    std::string_view entry = tunables.substr(0, colon);
    tunables.remove_prefix(colon == std::string_view::npos ? tunables.size() : colon + 1);
    std::size_t eq = entry.find('=');
    if (eq != std::string_view::npos && entry.substr(0, eq) == name) return entry.substr(eq + 1);
  }
  return std::nullopt;
}

// "2.36" → 2.36 as (2, 36); anything else → (0, 0).
std::pair<int, int> version(std::string_view v) {
  int major = 0, minor = 0;
  std::size_t i = 0;
  for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) major = major * 10 + (v[i] - '0');
  if (i == 0 || i >= v.size() || v[i] != '.') return {0, 0};
  std::size_t start = ++i;
  for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) minor = minor * 10 + (v[i] - '0');
  if (i == start) return {0, 0};
  return {major, minor};
}

// The first `limit` bytes of a file of the kernel's (one read: these files are made whole at each read);
// empty when it cannot be read.
std::string read_kernel_file(const char* path, std::size_t limit) {
  std::string text(limit, '\0');
  std::size_t n = 0;
  if (std::FILE* f = std::fopen(path, "re")) {
    n = std::fread(text.data(), 1, limit, f);
    std::fclose(f);
  }
  text.resize(n);
  return text;
}

bool g_restarted = false;  // this process is the restarted one

// Set, to the process id, in the environment of the restarted program, which removes it again.
constexpr const char* k_restarted_marker = "MSTIMELINE_HUGE_PAGES_RESTARTED";

}  // namespace

std::optional<std::string> huge_pages_tunables(std::string_view thp_enabled, const char* tunables,
                                               std::string_view glibc) {
  if (version(glibc) < std::pair{2, 35}) return std::nullopt;
  if (thp_enabled.find("[madvise]") == std::string_view::npos) return std::nullopt;
  std::string_view current = tunables ? std::string_view(tunables) : std::string_view();
  if (tunable_value(current, k_huge_pages_tunable)) return std::nullopt;  // the user's choice stands
  std::string value(current);
  if (!value.empty()) value += ':';
  value += k_huge_pages_tunable;
  value += "=1";
  return value;
}

namespace {

// huge_pages_tunables for this process, or nothing in the cases the header names.
std::optional<std::string> restart_tunables() {
#if defined(__GLIBC__) && !defined(MSTL_OWN_ALLOCATOR)
  // Not in a process the kernel started with the program as its own file: run through the dynamic loader
  // (`ld.so mstimeline ...`), /proc/self/exe is the loader and a restart would lose the program; not in
  // secure mode (setuid), where glibc drops the tunable, so a restart would find it missing again.
  if (::getauxval(AT_BASE) == 0 || ::getauxval(AT_SECURE) != 0) return std::nullopt;
  // Not under Valgrind: the restarted program would run outside it.
  if (const char* preload = std::getenv("LD_PRELOAD"); preload && std::strstr(preload, "vgpreload"))
    return std::nullopt;
  return huge_pages_tunables(read_kernel_file("/sys/kernel/mm/transparent_hugepage/enabled", 256),
                             std::getenv("GLIBC_TUNABLES"), gnu_get_libc_version());
#else
  return std::nullopt;
#endif
}

}  // namespace

void restart_with_huge_pages(char** argv) {
  // The marker holds the process id, which a restart keeps: this process is the restarted one, and never
  // restarts again. A marker with another id was inherited, not set here, and is dropped.
  const std::string pid = std::to_string(::getpid());
  if (const char* marker = std::getenv(k_restarted_marker)) {
    g_restarted = pid == marker;
    ::unsetenv(k_restarted_marker);
    if (g_restarted) return;
  }
  auto tunables = restart_tunables();
  if (!tunables) return;
  // The program's own file, as the kernel knows it (not argv[0], which need not be a path).
  char self[4096];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0 || static_cast<std::size_t>(n) >= sizeof self - 1) return;
  self[n] = '\0';
  const char* old = std::getenv("GLIBC_TUNABLES");
  std::optional<std::string> kept = old ? std::optional<std::string>(old) : std::nullopt;
  if (::setenv(k_restarted_marker, pid.c_str(), 1) == 0 && ::setenv("GLIBC_TUNABLES", tunables->c_str(), 1) == 0)
    ::execv(self, argv);
  // Still here: the restart failed (the file was replaced or removed); go on as before.
  ::unsetenv(k_restarted_marker);
  if (kept)
    ::setenv("GLIBC_TUNABLES", kept->c_str(), 1);
  else
    ::unsetenv("GLIBC_TUNABLES");
}

bool restarted_with_huge_pages() { return g_restarted; }

std::uint64_t huge_pages_bytes() { return anon_huge_pages_bytes(read_kernel_file("/proc/self/smaps_rollup", 4096)); }

std::uint64_t anon_huge_pages_bytes(std::string_view smaps) {
  constexpr std::string_view key = "\nAnonHugePages:";
  std::size_t at = smaps.find(key);
  if (at == std::string_view::npos) return 0;
  std::size_t i = smaps.find_first_not_of(' ', at + key.size());
  std::uint64_t kb = 0;
  bool digits = false;
  for (; i < smaps.size() && smaps[i] >= '0' && smaps[i] <= '9'; ++i, digits = true) kb = kb * 10 + (smaps[i] - '0');
  return digits && smaps.substr(i, 3) == " kB" ? kb * 1024 : 0;
}

}  // namespace mstl::cli
