#include <catch2/catch.hpp>

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "cli/term.hpp"
#include "support/support.hpp"

using namespace mstl;
using namespace mstl::cli;

TEST_CASE("colors: --color decides, auto follows the terminal, NO_COLOR and TERM=dumb", "[term]") {
  CHECK(use_color("always", false, "1", "dumb"));
  CHECK_FALSE(use_color("never", true, nullptr, "xterm"));
  CHECK(use_color("auto", true, nullptr, "xterm"));
  CHECK(use_color("auto", true, "", "xterm"));  // NO_COLOR counts only when non-empty
  CHECK_FALSE(use_color("auto", true, "1", "xterm"));
  CHECK_FALSE(use_color("auto", true, nullptr, "dumb"));
  CHECK_FALSE(use_color("auto", false, nullptr, "xterm"));
}

TEST_CASE("a progress bar only on a terminal, when not quiet and the output is not on the terminal too", "[term]") {
  using mstl::cli::show_progress;
  CHECK(show_progress(false, true, false));
  CHECK_FALSE(show_progress(true, true, false));    // --quiet
  CHECK_FALSE(show_progress(false, false, false));  // stderr is a file or a pipe
  CHECK_FALSE(show_progress(false, true, true));    // extract's part going to the screen
}

TEST_CASE("a path is a terminal only when it names a tty: not a file, a folder, a FIFO, /dev/null or nothing",
          "[term]") {
  test::TempDir dir;
  std::ofstream(dir / "part.jsonl") << "{}\n";
  REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  CHECK_FALSE(path_is_terminal((dir / "part.jsonl").string()));
  CHECK_FALSE(path_is_terminal(dir.path().string()));
  CHECK_FALSE(path_is_terminal((dir / "fifo").string()));  // not opened: no reader, no block
  CHECK_FALSE(path_is_terminal((dir / "missing").string()));
  CHECK_FALSE(path_is_terminal("/dev/null"));  // a character device, but no tty

  // A pseudo-terminal's path is a terminal, as `-o /dev/tty` is on a screen.
  int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(master >= 0);
  REQUIRE(::grantpt(master) == 0);
  REQUIRE(::unlockpt(master) == 0);
  const char* slave = ::ptsname(master);
  REQUIRE(slave != nullptr);
  CHECK(path_is_terminal(slave));
  ::close(master);
}

TEST_CASE("a painted diagnostic is the plain one with a bold location and a colored severity", "[term]") {
  Diagnostic d{"a.json", 2, 5, "bad value", "  \"x\": 1"};
  CHECK(paint_diagnostic(d, "warning", false) == d.to_string("warning"));
  CHECK(paint_diagnostic(d, "error", true) ==
        "\x1b[1ma.json:2:5:\x1b[0m \x1b[1m\x1b[31merror:\x1b[0m bad value\n    \"x\": 1\n      ^");
  Diagnostic no_line{"dir/f.txt", 0, 0, "skipped", ""};
  CHECK(paint_diagnostic(no_line, "warning", true) ==
        "\x1b[1mdir/f.txt:\x1b[0m \x1b[1m\x1b[33mwarning:\x1b[0m skipped");
}

TEST_CASE("a painted diff colors removed, added and hunk lines only", "[term]") {
  std::string diff = "--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n z\n";
  CHECK(paint_diff(diff, false) == diff);
  CHECK(paint_diff(diff, true) ==
        "\x1b[1m--- a\x1b[0m\n\x1b[1m+++ b\x1b[0m\n\x1b[36m@@ -1 +1 @@\x1b[0m\n\x1b[31m-x\x1b[0m\n\x1b[32m+y\x1b[0m\n "
        "z\n");
}

TEST_CASE("the progress bar waits, throttles, ends complete and erases itself", "[term]") {
  using namespace std::chrono_literals;
  std::string screen;
  auto t0 = Progress::Clock::time_point{};
  {
    Progress p(
        true, [&](std::string_view s) { screen += s; }, t0);
    p.update(1, 4, 1'000'000, t0 + 100ms);
    CHECK(screen.empty());  // short runs never see a bar
    p.update(2, 4, 2'000'000, t0 + 1s);
    CHECK(screen == "\r[============            ] 2/4 files  2.0 MB  2.0 MB/s\x1b[K");
    std::size_t drawn = screen.size();
    p.update(3, 4, 3'000'000, t0 + 1s + 50ms);
    CHECK(screen.size() == drawn);  // throttled
    p.update(4, 4, 4'000'000, t0 + 1s + 60ms);
    CHECK(screen.find("[========================] 4/4 files") != std::string::npos);
  }
  CHECK(screen.substr(screen.size() - 4) == "\r\x1b[K");
  std::string silent;
  Progress off(
      false, [&](std::string_view s) { silent += s; }, t0);
  off.update(1, 2, 10, t0 + 10s);
  off.finish();
  CHECK(silent.empty());
}
