#include "mstimeline/timings.hpp"

#include <algorithm>

#include <fmt/format.h>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/resource.h>
#endif

namespace mstl {

void Timings::mark(std::string_view name, std::string detail, Clock::time_point now) {
  double seconds = std::chrono::duration<double>(now - last_).count();
  last_ = now;
  auto it = std::find_if(steps_.begin(), steps_.end(), [&](const Step& s) { return s.name == name; });
  if (it == steps_.end()) {
    steps_.push_back({std::string(name), seconds, std::move(detail)});
    return;
  }
  it->seconds += seconds;
  if (!detail.empty()) it->detail = std::move(detail);
}

void Timings::mark_rate(std::string_view name, std::string_view counted, std::uint64_t bytes, Clock::time_point now) {
  mark(name, fmt::format("{}, {}", counted, throughput(bytes, since_last(now))), now);
}

std::string Timings::report(std::uint64_t peak_rss) const {
  std::size_t width = 5;  // "total"
  for (const auto& s : steps_) width = std::max(width, s.name.size());
  double total = total_seconds();
  std::string out;
  for (const auto& s : steps_) {
    double share = total > 0 ? 100.0 * s.seconds / total : 0.0;
    std::string line = fmt::format("timings: {:<{}} {:8.3f} s {:5.1f}%", s.name, width, s.seconds, share);
    if (!s.detail.empty()) line += "   " + s.detail;
    out += line + '\n';
  }
  out += fmt::format("timings: {:<{}} {:8.3f} s", "total", width, total);
  if (peak_rss > 0) out += fmt::format("          peak RSS {:.1f} MB", static_cast<double>(peak_rss) / 1e6);
  out += '\n';
  return out;
}

std::uint64_t peak_rss_bytes() {
#if defined(__unix__) || defined(__APPLE__)
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
#if defined(__APPLE__)
  return static_cast<std::uint64_t>(usage.ru_maxrss);  // bytes there
#else
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // KiB on Linux
#endif
#else
  return 0;
#endif
}

std::string throughput(std::uint64_t bytes, double seconds) {
  double mb = static_cast<double>(bytes) / 1e6;
  std::string size = bytes < 100'000 ? fmt::format("{} bytes", bytes) : fmt::format("{:.1f} MB", mb);
  if (seconds <= 0) return size;
  return fmt::format("{}, {:.1f} MB/s", size, mb / seconds);
}

}  // namespace mstl
