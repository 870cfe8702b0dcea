#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "mstimeline/error.hpp"
#include "mstimeline/output.hpp"
#include "support/support.hpp"

using namespace mstl;
using test::TempDir;

TEST_CASE("output files are replaced whole, with no temporary left behind", "[output]") {
  TempDir dir;
  auto target = dir / "out.json";
  test::write_file(target, "old contents");
  write_output(target.string(), "new\n");
  CHECK(test::read_file(target) == "new\n");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("an output path that cannot be written is an error naming it", "[output]") {
  TempDir dir;
  auto target = (dir / "missing" / "out.json").string();
  CHECK_THROWS_WITH(write_output(target, "x"), target +
                                                   ": cannot create a temporary file beside it: No such file or "
                                                   "directory");
}

TEST_CASE("a symbolic link is followed: the link stays and its target is replaced", "[output]") {
  TempDir dir;
  test::write_file(dir / "real.json", "old");
  std::filesystem::create_symlink(dir / "real.json", dir / "link.json");
  write_output((dir / "link.json").string(), "new");
  CHECK(std::filesystem::is_symlink(dir / "link.json"));
  CHECK(test::read_file(dir / "real.json") == "new");
}

TEST_CASE("a device is written through, never replaced", "[output]") {
  TempDir dir;
  std::filesystem::create_symlink("/dev/null", dir / "sink");
  write_output((dir / "sink").string(), "discarded");
  CHECK(std::filesystem::is_character_file("/dev/null"));
  CHECK(std::filesystem::is_symlink(dir / "sink"));
  write_output("/dev/null", "discarded too");
  CHECK(std::filesystem::is_character_file("/dev/null"));
}

TEST_CASE("an existing file keeps its mode and a directory is refused", "[output]") {
  TempDir dir;
  auto target = dir / "private.json";
  test::write_file(target, "old");
  std::filesystem::permissions(target, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  write_output(target.string(), "new");
  CHECK(std::filesystem::status(target).permissions() ==
        (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  CHECK_THROWS_WITH(write_output(dir.path().string(), "x"), dir.path().string() + ": cannot write: Is a directory");
}

TEST_CASE("a streamed output appears whole at commit, and not at all when abandoned", "[output]") {
  TempDir dir;
  auto target = dir / "out.json";
  test::write_file(target, "old contents");
  auto entries = [&] {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++n;
    return n;
  };
  {
    OutputStream out(target.string());
    out.write("first ");
    CHECK(test::read_file(target) == "old contents");  // nothing visible before commit
    CHECK(entries() == 2);                             // the temporary beside it
    // Destroyed without commit, as when rendering throws.
  }
  CHECK(test::read_file(target) == "old contents");
  CHECK(entries() == 1);
  {
    OutputStream out(target.string());
    out.write("first ");
    out.write("second\n");
    out.commit();
    CHECK_THROWS_WITH(out.write("late"), target.string() + ": written after it was finished or abandoned");
  }
  CHECK(test::read_file(target) == "first second\n");
  CHECK(entries() == 1);
}

TEST_CASE("a streamed output of many megabytes arrives byte for byte", "[output]") {
  // Past the size at which the writing to disk is started along the way.
  TempDir dir;
  auto target = dir / "big.json";
  std::string expected;
  {
    OutputStream out(target.string());
    std::string chunk(300'001, '\0');
    for (int round = 0; round < 70; ++round) {
      for (std::size_t i = 0; i < chunk.size(); ++i) chunk[i] = static_cast<char>('a' + (i * 7 + round) % 26);
      out.write(chunk);
      expected += chunk;
    }
    out.commit();
  }
  REQUIRE(expected.size() > std::size_t{20} << 20);
  CHECK(test::read_file(target) == expected);
}

TEST_CASE("an input file's facts are the open file's, and it is read whole whatever its size said", "[output]") {
  TempDir dir;
  test::write_file(dir / "a.txt", "abc");
  test::write_file(dir / "b.txt", "abc");
  std::filesystem::create_symlink(dir / "a.txt", dir / "link.txt");

  auto a = InputFile::open((dir / "a.txt").string());
  REQUIRE(a.ok());
  CHECK(a.value().facts().size == 3);
  CHECK(a.value().facts().regular);
  auto link = file_facts((dir / "link.txt").string());
  auto b = file_facts((dir / "b.txt").string());
  REQUIRE(link);
  REQUIRE(b);
  CHECK(a.value().facts().same_file(*link));  // the link followed, as the output path is
  CHECK_FALSE(a.value().facts().same_file(*b));
  CHECK_FALSE(file_facts((dir / "missing.txt").string()));

  // Written to after it was opened: read on past the size fstat gave, to its end.
  {
    std::ofstream more(dir / "a.txt", std::ios::app | std::ios::binary);
    more << std::string(100'000, 'x');
  }
  auto grown = a.value().read_all();
  REQUIRE(grown.ok());
  CHECK(grown.value() == "abc" + std::string(100'000, 'x'));
  // Read whole, it is closed: the descriptor is not held while the bytes are worked on.
  CHECK(a.value().read_all().error().to_string() ==
        (dir / "a.txt").string() + ": cannot read file: Bad file descriptor");

  // Cut short after it was opened: what is there.
  auto c = InputFile::open((dir / "b.txt").string());
  REQUIRE(c.ok());
  std::filesystem::resize_file(dir / "b.txt", 1);
  CHECK(c.value().read_all().value() == "a");

  // A file whose size says nothing (0 in /proc) is read to its end all the same.
  auto proc = read_file("/proc/self/status");
  REQUIRE(proc.ok());
  CHECK(proc.value().find("\nPid:") != std::string::npos);

  test::write_file(dir / "empty.txt", "");
  CHECK(read_file((dir / "empty.txt").string()).value().empty());
  CHECK(read_file(dir.path().string()).error().to_string() ==
        dir.path().string() + ": cannot read file: Is a directory");
  CHECK(read_file((dir / "missing.txt").string()).error().to_string() ==
        (dir / "missing.txt").string() + ": cannot open file: No such file or directory");
}

TEST_CASE("an input file reads at any offset without moving, and short only at its end", "[output]") {
  TempDir dir;
  test::write_file(dir / "a.txt", "0123456789");
  auto file = InputFile::open((dir / "a.txt").string());
  REQUIRE(file.ok());
  char buffer[8] = {};
  auto read = [&](std::uint64_t offset, std::size_t size) {
    auto got = file.value().read_at(offset, buffer, size);
    REQUIRE(got.ok());
    return std::string(buffer, got.value());
  };
  CHECK(read(3, 4) == "3456");
  CHECK(read(0, 2) == "01");  // the offset given, not where the last read stopped
  CHECK(read(7, 8) == "789");
  CHECK(read(10, 8).empty());
  CHECK(read(1000, 8).empty());
  CHECK(file.value().read_all().value() == "0123456789");  // the position was never moved
  // Closed once read whole: a read is then an error naming the file.
  auto closed = file.value().read_at(0, buffer, 1);
  REQUIRE_FALSE(closed.ok());
  CHECK(closed.error().to_string("error") ==
        (dir / "a.txt").string() + ": error: cannot read file: Bad file descriptor");
}

TEST_CASE("a reader stops at its limit, counting what it reads and not what stat says", "[output]") {
  TempDir dir;
  test::write_file(dir / "ten.txt", "0123456789");
  CHECK(read_file((dir / "ten.txt").string(), 10).value() == "0123456789");
  auto over = read_file((dir / "ten.txt").string(), 9, "a test");
  REQUIRE(!over);
  CHECK(over.error().to_string() == (dir / "ten.txt").string() + ": more than the 9-byte limit for a test");
  auto zero = read_file("/dev/zero", 100000);
  REQUIRE(!zero);
  CHECK(zero.error().to_string() == "/dev/zero: more than the 100000-byte limit for a data file");
  auto pagemap = read_file("/proc/self/pagemap", 4096, "an article");  // stat says 0 bytes
  REQUIRE(!pagemap);
  CHECK(pagemap.error().message == "more than the 4096-byte limit for an article");
  CHECK(read_file("/proc/self/cmdline", 1 << 20).ok());  // also 0 by stat, and short: read whole
}

TEST_CASE("a descriptor named through /dev/fd or /proc/self/fd is written through at its position", "[output]") {
  TempDir dir;
  const auto log = dir / "log.txt";
  test::write_file(log, "before\n");
  int fd = ::open(log.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  REQUIRE(fd >= 0);
  for (const std::string& path : {"/dev/fd/" + std::to_string(fd), "/proc/self/fd/" + std::to_string(fd)}) {
    OutputStream out(path);
    out.write(path + "\n");
    out.commit();
  }
  ::close(fd);
  CHECK(test::read_file(log) ==
        "before\n/dev/fd/" + std::to_string(fd) + "\n/proc/self/fd/" + std::to_string(fd) + "\n");
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);
  CHECK_THROWS_WITH(write_output("/dev/fd/987", "x"), "/dev/fd/987: cannot open: Bad file descriptor");
}

TEST_CASE("a name of 255 bytes is written through a shorter temporary name", "[output]") {
  TempDir dir;
  const auto path = dir / std::string(255, 'n');
  write_output(path.string(), "content");
  CHECK(test::read_file(path) == "content");
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);
}
