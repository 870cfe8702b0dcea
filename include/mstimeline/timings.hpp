// Where a run's time goes, for `--timings`: the wall-clock seconds of each
// step, in the order the steps ran, and the process's peak memory. Printed
// on stderr only, never in an output, which stays the same bytes.
//
// One Timings belongs to one thread (the caller's of build, extract or
// merge); the steps are marked between the parallel parts, never inside them.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mstl {

class Timings {
 public:
  using Clock = std::chrono::steady_clock;

  struct Step {
    std::string name;
    double seconds = 0;
    std::string detail;  // e.g. "50188 files, 104.9 MB, 24.3 MB/s"; may be empty
  };

  explicit Timings(Clock::time_point start = Clock::now()) : start_(start), last_(start) {}

  // Closes the step that began at the previous mark (or at the start) and
  // calls it `name`; a name marked again adds to its step, which keeps its
  // first place in the list.
  void mark(std::string_view name, std::string detail = {}, Clock::time_point now = Clock::now());

  // A mark whose detail is what the step handled and at what rate:
  // "`counted`, 104.9 MB, 24.3 MB/s" for `bytes` over the step's seconds.
  void mark_rate(std::string_view name, std::string_view counted, std::uint64_t bytes,
                 Clock::time_point now = Clock::now());

  // The seconds since the last mark, for a detail that needs them.
  double since_last(Clock::time_point now = Clock::now()) const {
    return std::chrono::duration<double>(now - last_).count();
  }

  const std::vector<Step>& steps() const { return steps_; }
  double total_seconds() const { return std::chrono::duration<double>(last_ - start_).count(); }

  // One line per step, then the total and the peak RSS (in MB, 10^6 bytes):
  //   timings: walk           0.104 s   1.4%
  //   timings: total          7.412 s          peak RSS 266.7 MB
  std::string report(std::uint64_t peak_rss_bytes) const;

 private:
  Clock::time_point start_, last_;
  std::vector<Step> steps_;
};

// The process's peak resident set so far, in bytes (getrusage); 0 where the
// system does not say.
std::uint64_t peak_rss_bytes();

// "104.9 MB, 24.3 MB/s" for `bytes` handled in `seconds`; below 0.1 MB the
// size in bytes ("26753 bytes, 1.2 MB/s"); with no time, the size alone.
std::string throughput(std::uint64_t bytes, double seconds);

}  // namespace mstl
