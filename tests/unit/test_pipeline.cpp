#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "mstimeline/pipeline.hpp"
#include "mstimeline/record.hpp"
#include "support/support.hpp"

using namespace mstl;

TEST_CASE("a file whose extraction throws becomes a warning naming it, the run goes on", "[pipeline][robust]") {
  auto as_warning = [](auto exception) {
    return extraction_failure("in/a.txt", std::make_exception_ptr(exception)).to_string("warning");
  };
  CHECK(as_warning(Error("cannot decode")) == "in/a.txt: warning: cannot decode; skipped");
  CHECK(as_warning(std::runtime_error("vector::_M_range_check")) ==
        "in/a.txt: warning: internal error (vector::_M_range_check); please report it with this file; skipped");
  CHECK(as_warning(42) == "in/a.txt: warning: internal error; please report it with this file; skipped");
}

namespace {

// A folder of `n` short dated articles, a000.txt, a001.txt, ...
void write_articles(const test::TempDir& dir, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    test::write_file(dir / fmt::format("a{:03}.txt", i),
                     fmt::format("Jakarta - Pada 3 Maret 2021, perusahaan nomor {} meluncurkan produk baru.\n", i));
}

// Options for the folder, on one thread, `done` following the files done.
BuildOptions one_thread(const test::TempDir& dir, std::size_t& done) {
  BuildOptions options;
  options.input = dir.path();
  options.jobs = 1;
  options.on_progress = [&done](std::size_t files, std::size_t, std::uintmax_t) { done = files; };
  return options;
}

}  // namespace

TEST_CASE("write_part writes each block of files as soon as it is done, in file order", "[pipeline][stream]") {
  test::TempDir dir;
  write_articles(dir, 100);
  std::size_t done = 0;
  BuildOptions options = one_thread(dir, done);
  std::vector<std::size_t> done_at_write;
  std::string part;
  Extraction x = write_part(options, test::knowledge(), [&](std::string_view chunk) {
    done_at_write.push_back(done);
    part += chunk;
  });
  // The header before any file, then blocks of 32 files: nothing waits for the last file. The end line last.
  CHECK(done_at_write == std::vector<std::size_t>{0, 32, 64, 96, 100, 100});
  CHECK(
      part.substr(part.rfind('\n', part.size() - 2) + 1).starts_with(R"({"type":"end","version":1,"documents":100,)"));
  CHECK(x.documents.empty());
  CHECK(x.warnings.empty());
  Part parsed = parse_part("part", part).take();
  REQUIRE(parsed.documents.size() == 100);
  for (std::size_t i = 0; i < 100; ++i) CHECK(parsed.documents[i].source.path == fmt::format("a{:03}.txt", i));
  CHECK(parsed.documents[42].mentions.size() == 1);

  // Any number of threads writes the same bytes.
  for (std::size_t jobs : {2, 3, 8}) {
    options.jobs = jobs;
    std::string again;
    write_part(options, test::knowledge(), [&](std::string_view chunk) { again += chunk; });
    CHECK(again == part);
  }
}

TEST_CASE("write_part stops extracting when writing fails, and the failure comes out", "[pipeline][stream][robust]") {
  test::TempDir dir;
  write_articles(dir, 100);
  std::size_t done = 0;
  BuildOptions options = one_thread(dir, done);
  std::size_t calls = 0;
  auto write = [&](std::string_view) {
    if (++calls == 2) throw Error("out: cannot write: No space left on device");
  };
  CHECK_THROWS_WITH(write_part(options, test::knowledge(), write), "out: cannot write: No space left on device");
  CHECK(done == 32);  // the first block, and no further
}

TEST_CASE("write_part with --reuse writes the same bytes at any number of threads", "[pipeline][stream]") {
  test::TempDir dir;
  write_articles(dir, 100);
  std::size_t done = 0;
  BuildOptions options = one_thread(dir, done);
  std::string old_part;
  write_part(options, test::knowledge(), [&](std::string_view chunk) { old_part += chunk; });
  test::write_file(dir / "old.jsonl.part", old_part);  // not an article: not walked
  test::write_file(dir / "a042.txt", "Jakarta - Pada 4 April 2022, perusahaan nomor 42 berubah.\n");
  std::string fresh;
  write_part(options, test::knowledge(), [&](std::string_view chunk) { fresh += chunk; });
  REQUIRE(fresh != old_part);
  options.reuse = {dir / "old.jsonl.part"};
  for (std::size_t jobs : {1, 2, 3}) {
    options.jobs = jobs;
    std::string reused;
    Extraction x = write_part(options, test::knowledge(), [&](std::string_view chunk) { reused += chunk; });
    CHECK(x.reused == 99);
    CHECK(reused == fresh);
  }
}

TEST_CASE("a failing write on several threads comes out of write_part too", "[pipeline][stream][robust]") {
  test::TempDir dir;
  write_articles(dir, 100);
  std::size_t done = 0;
  BuildOptions options = one_thread(dir, done);
  options.jobs = 3;
  std::size_t calls = 0;  // write is called one call at a time
  auto write = [&](std::string_view) {
    if (++calls == 3) throw Error("out: cannot write: No space left on device");
  };
  CHECK_THROWS_WITH(write_part(options, test::knowledge(), write), "out: cannot write: No space left on device");
  CHECK(calls == 3);
}
