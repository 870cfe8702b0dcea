#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "mstimeline/pipeline.hpp"
#include "mstimeline/record.hpp"
#include "mstimeline/renderer.hpp"
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

namespace {

// `build` with the topic and catalog given: its JSON and its notes; with
// `whole`, every document read whole (as `review` reads them).
std::pair<std::string, std::vector<std::string>> built(const std::filesystem::path& input,
                                                       const std::optional<std::string>& topic,
                                                       const std::optional<std::string>& catalog, bool whole) {
  BuildOptions options;
  options.input = input;
  options.topic = topic;
  options.no_topic = !topic;
  options.catalog = catalog;
  options.no_catalog = !catalog;
  options.keep_review = whole;
  BuildResult r = run_build(options, test::knowledge());
  const Knowledge& k = test::knowledge();
  return {Renderer::create("json", {&k.lexicon("en"), &k.label_set("en")})->render(r.timeline), r.notes};
}

// The number of documents the note says were read for their source only; 0 without the note.
std::size_t skipped_in(const std::vector<std::string>& notes) {
  for (const auto& n : notes)
    if (n.find(" documents name not every side of the topic") != std::string::npos) return std::stoul(n);
  return 0;
}

}  // namespace

TEST_CASE("documents read for their source only could yield nothing: the output of reading every one whole",
          "[pipeline][prefilter]") {
  test::TempDir dir;
  // On topic; neither side (skipped); a side's alias only, with a catalog
  // trigger (kept: a link needs an actor, by name or by its side's alias);
  // neither side and no date but the text's (kept: its date is inferred
  // from the body); neither side, dated by its dateline (skipped).
  test::write_file(dir / "20240301-a.txt", "Microsoft dan OpenAI meresmikan pusat riset bersama pada 1 Maret 2024.\n");
  test::write_file(dir / "20240302-b.txt", "Pertamina menaikkan harga BBM pada 2 Maret 2024.\n");
  test::write_file(dir / "20240303-c.txt",
                   "Nadella menyebut kapasitas komputasi dari Oracle bertambah pada 3 Maret 2024.\n");
  test::write_file(dir / "d.txt", "Harga cabai turun pada Senin (4/3/2024).\n");
  test::write_file(dir / "e.txt", "Jakarta, Rabu (6/3/2024) - Google merilis produk baru.\n");
  // Several sentences a line: an alias split across sentences ("Brad" ...
  // "Smith") names no side, read whole or not (skipped); sides named in
  // different sentences and lines of one article (kept).
  test::write_file(dir / "20190801-f.txt",
                   "Smith spoke to reporters. The lab got $1 billion to invest on July 22, 2019, said Brad\n");
  test::write_file(dir / "20190802-g.txt",
                   "Microsoft signed the papers. Its partner agreed on July 22, 2019.\nAdvertisement\nOpenAI confirmed "
                   "it. The money came in 2019, said Brad Smith.\n");
  const std::string topic = "data/topic.json", catalog = "data/catalog.json";
  auto [json, notes] = built(dir.path(), topic, catalog, false);
  CHECK(std::count(notes.begin(), notes.end(),
                   "3 of 7 documents name not every side of the topic, nor an actor of a catalog event: read for "
                   "their source only") == 1);
  CHECK(json == built(dir.path(), topic, catalog, true).first);
  // Without a catalog, the side's alias alone no longer keeps c.
  auto [alone, alone_notes] = built(dir.path(), topic, std::nullopt, false);
  CHECK(skipped_in(alone_notes) == 4);
  CHECK(alone == built(dir.path(), topic, std::nullopt, true).first);
  // With no topic, nothing is skipped.
  CHECK(skipped_in(built(dir.path(), std::nullopt, catalog, false).second) == 0);

  // The shipped folders, and generated archives dense and 98 % off topic.
  for (const char* folder : {"data", "tests/fixtures/events/traps", "tests/fixtures/events/merge"}) {
    CAPTURE(folder);
    CHECK(built(folder, topic, catalog, false).first == built(folder, topic, catalog, true).first);
  }
  std::size_t skipped = 0;
  for (const char* share : {"0", "0.98"}) {
    test::TempDir archive;
    std::string command =
        fmt::format("python3 bench/gen-corpus --size-mb 1 --dated-names --off-topic {} --out {} >/dev/null", share,
                    archive.path().string());
    REQUIRE(std::system(command.c_str()) == 0);
    for (bool with_catalog : {true, false}) {
      CAPTURE(share, with_catalog);
      std::optional<std::string> c = with_catalog ? std::optional(catalog) : std::nullopt;
      auto [fast, fast_notes] = built(archive.path(), topic, c, false);
      skipped += skipped_in(fast_notes);
      CHECK(fast == built(archive.path(), topic, c, true).first);
    }
  }
  CHECK(skipped > 1000);
}
