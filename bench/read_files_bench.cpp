// A floor under any build: walk a folder and read every file once (open,
// read, close), doing nothing with the bytes. `mstimeline build` must do at
// least this much; docs/performance.md sets it against the ICU pass. Every
// regular file is read: point it at a folder of articles only, as
// bench/gen-corpus writes.
//
//   read_files_bench DIR
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "bench_common.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: read_files_bench DIR\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> paths;
  std::error_code ec;
  for (std::filesystem::recursive_directory_iterator it(argv[1], ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) paths.push_back(it->path().string());
  if (ec) {
    std::fprintf(stderr, "%s: %s\n", argv[1], ec.message().c_str());
    return 2;
  }
  std::sort(paths.begin(), paths.end());
  auto t1 = std::chrono::steady_clock::now();
  static char buffer[1 << 20];
  std::size_t bytes = 0;
  for (const auto& p : paths) {
    int fd = open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      std::perror(p.c_str());
      return 2;
    }
    ssize_t r;
    while ((r = read(fd, buffer, sizeof buffer)) > 0) bytes += static_cast<std::size_t>(r);
    if (r < 0) {
      std::perror(p.c_str());
      return 2;
    }
    close(fd);
  }
  auto t2 = std::chrono::steady_clock::now();
  auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  std::printf("read files: %zu files, %.1f MB; walk %.3f s, read %.3f s = %.1f MB/s; peak RSS %.1f MiB\n", paths.size(),
              static_cast<double>(bytes) / 1e6, seconds(t0, t1), seconds(t1, t2),
              static_cast<double>(bytes) / 1e6 / seconds(t1, t2),
              static_cast<double>(mstl::bench::peak_rss_kib()) / 1024.0);
  return 0;
}
