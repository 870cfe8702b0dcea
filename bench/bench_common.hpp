// Shared by the benchmarks: load a corpus, split it into articles, time a
// pass, report throughput and peak memory. Benchmarks are opt-in
// (-DMSTL_BUILD_BENCHMARKS=ON) and never part of ctest.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace mstl::bench {

inline std::string read_corpus(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path);
    std::exit(2);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Articles are separated by an empty line (bench/gen-corpus --single).
inline std::vector<std::string_view> articles(std::string_view corpus) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < corpus.size()) {
    std::size_t end = corpus.find("\n\n", start);
    if (end == std::string_view::npos) end = corpus.size();
    if (end > start) out.push_back(corpus.substr(start, end - start));
    start = end + 2;
  }
  return out;
}

inline long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// Runs `pass` over every article and prints one line:
// name, MB, seconds, MB/s, items produced, peak RSS.
template <class Pass>
void run(const char* name, const std::vector<std::string_view>& docs, Pass&& pass) {
  std::size_t bytes = 0;
  for (auto d : docs) bytes += d.size();
  std::size_t items = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (auto d : docs) items += pass(d);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double mb = static_cast<double>(bytes) / 1e6;
  std::printf("%s: %.1f MB in %.3f s = %.1f MB/s, %zu items, peak RSS %.1f MiB\n", name, mb, s, mb / s, items,
              static_cast<double>(peak_rss_kib()) / 1024.0);
}

}  // namespace mstl::bench
