#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <vector>

#include "mstimeline/timings.hpp"

using namespace mstl;
using namespace std::chrono_literals;

TEST_CASE("timings close a step at each mark, and a name marked again adds to its first place", "[timings]") {
  Timings::Clock::time_point t0{};
  Timings t(t0);
  t.mark("walk", "5 files", t0 + 100ms);
  CHECK(t.since_last(t0 + 350ms) == Approx(0.25));
  t.mark("extract", "", t0 + 1100ms);
  t.mark("walk", "", t0 + 1300ms);  // an empty detail keeps the one there
  t.mark("write", "", t0 + 1300ms);
  REQUIRE(t.steps().size() == 3);
  CHECK(t.steps()[0].name == "walk");
  CHECK(t.steps()[0].seconds == Approx(0.3));
  CHECK(t.steps()[0].detail == "5 files");
  CHECK(t.steps()[1].name == "extract");
  CHECK(t.steps()[1].seconds == Approx(1.0));
  CHECK(t.steps()[2].name == "write");
  CHECK(t.steps()[2].seconds == 0);
  CHECK(t.total_seconds() == Approx(1.3));
}

TEST_CASE("the timings report: a line per step with its share, then the total and the peak RSS in MB", "[timings]") {
  Timings::Clock::time_point t0{};
  Timings t(t0);
  t.mark("walk", "5 files", t0 + 250ms);
  t.mark("merge: sentences", "", t0 + 1000ms);
  CHECK(t.report(266'700'000) ==
        "timings: walk                0.250 s  25.0%   5 files\n"
        "timings: merge: sentences    0.750 s  75.0%\n"
        "timings: total               1.000 s          peak RSS 266.7 MB\n");
  CHECK(t.report(0) ==
        "timings: walk                0.250 s  25.0%   5 files\n"
        "timings: merge: sentences    0.750 s  75.0%\n"
        "timings: total               1.000 s\n");
  Timings empty(t0);
  CHECK(empty.report(0) == "timings: total    0.000 s\n");
}

TEST_CASE("a rate mark tells what its step handled, in MB and MB/s over the step's own seconds", "[timings]") {
  Timings::Clock::time_point t0{};
  Timings t(t0);
  t.mark("walk", "", t0 + 1000ms);
  t.mark_rate("extract", "3 files", 52'428'800, t0 + 3000ms);
  t.mark_rate("read and parse parts", "1 parts", 26'753, t0 + 3000ms);
  REQUIRE(t.steps().size() == 3);
  CHECK(t.steps()[1].seconds == Approx(2.0));
  CHECK(t.steps()[1].detail == "3 files, 52.4 MB, 26.2 MB/s");
  CHECK(t.steps()[2].detail == "1 parts, 26753 bytes");
}

TEST_CASE("throughput is in MB of 10^6 bytes per second", "[timings]") {
  CHECK(throughput(104'857'600, 4.0) == "104.9 MB, 26.2 MB/s");
  CHECK(throughput(2'000'000, 0.0) == "2.0 MB");
  CHECK(throughput(100'000, 0.5) == "0.1 MB, 0.2 MB/s");
  CHECK(throughput(99'999, 0.5) == "99999 bytes, 0.2 MB/s");
}

TEST_CASE("the peak RSS counts memory the process touched, in bytes", "[timings]") {
#if defined(__linux__)
  std::vector<std::uint8_t> block(80'000'000);
  for (std::size_t i = 0; i < block.size(); i += 4096) block[i] = 1;
  CHECK(block[4096] == 1);                   // the writes are used
  CHECK(peak_rss_bytes() >= 80'000'000);     // ru_maxrss is KiB on Linux: not taken as bytes
  CHECK(peak_rss_bytes() < 80'000'000'000);  // nor multiplied twice
#else
  SUCCEED("getrusage's unit is checked on Linux only");
#endif
}
