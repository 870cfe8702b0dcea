#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <sys/stat.h>

#include <fmt/format.h>

#include "mstimeline/error.hpp"
#include "mstimeline/record.hpp"
#include "mstimeline/reuse.hpp"
#include "support/support.hpp"

using namespace mstl;

namespace {

const std::string k_run(64, 'e');  // the run's "extraction" fingerprint

// A fingerprint made of one hex digit.
std::string input(char digit) { return std::string(64, digit); }

std::string header(const std::string& extraction = k_run) {
  PartHeader h;
  h.extraction = extraction;
  return header_line(h);
}

// A document line of a part: `path`'s record, under the fingerprint `input`.
std::string line(const std::string& path, const std::string& input) {
  DocumentRecord r;
  r.source.id = r.source.path = path;
  r.source.sha256 = std::string(64, 'b');
  r.source.language = "id";
  r.undated.push_back(Citation{path, 0, 12, "Tanpa \"tanggal\".\n", ""});
  return document_line(r, input);
}

}  // namespace

TEST_CASE("the index finds each whole document line of a part, read in pieces of any size", "[reuse]") {
  test::TempDir dir;
  const std::vector<std::string> lines = {line("a.txt", input('1')), line("b.txt", input('2')),
                                          line("c.txt", input('3'))};
  test::write_file(dir / "p.jsonl", header() + lines[0] + lines[1] + lines[2]);
  for (std::size_t piece : {1, 7, 64, 1000, 1 << 20}) {
    INFO("piece " << piece);
    ReuseIndex index(piece);
    CHECK(index.add((dir / "p.jsonl").string(), k_run));
    index.seal();
    CHECK(index.size() == 3);
    std::string found;
    for (std::size_t i = 0; i < 3; ++i) {
      REQUIRE(index.find(input(static_cast<char>('1' + i)), found));
      CHECK(found == lines[i]);
    }
    CHECK_FALSE(index.find(input('4'), found));
    CHECK_FALSE(index.find("not a fingerprint", found));
  }
}

TEST_CASE("the index says whether a part is of the same run, and takes no line cut short", "[reuse]") {
  test::TempDir dir;
  const std::string a = line("a.txt", input('1')), b = line("b.txt", input('2'));
  // Another run's part: still indexed (its lines cannot match this run's fingerprints anyway).
  test::write_file(dir / "other.jsonl", header(input('0')) + a);
  // Cut short: b without its end, at the end of the file ...
  test::write_file(dir / "cut.jsonl", header() + a + b.substr(0, b.size() - 5));
  // ... and followed by another part: a line starts inside it.
  test::write_file(dir / "cut-then-part.jsonl", header() + b.substr(0, 200) + header() + a);
  for (std::size_t piece : {3, 1 << 20}) {
    INFO("piece " << piece);
    ReuseIndex index(piece);
    CHECK_FALSE(index.add((dir / "other.jsonl").string(), k_run));
    CHECK(index.add((dir / "cut.jsonl").string(), k_run));
    CHECK(index.add((dir / "cut-then-part.jsonl").string(), k_run));
    index.seal();
    std::string found;
    CHECK(index.find(input('1'), found));
    CHECK(found == a);
    CHECK_FALSE(index.find(input('2'), found));
    CHECK(index.size() == 1);  // three whole copies of a, one kept
  }
}

TEST_CASE("of two lines with one fingerprint the first part's stays, and a part changed since is not copied",
          "[reuse]") {
  test::TempDir dir;
  // 300 fingerprints, each in both parts and twice in the first, every copy told apart by its path.
  auto fingerprint = [](std::size_t i) { return fmt::format("{:064x}", i * 7919 + 1); };
  std::string first = header(), second = header();
  for (std::size_t i = 0; i < 300; ++i) {
    first += line(fmt::format("first-{}.txt", i), fingerprint(i));
    second += line(fmt::format("second-{}.txt", i), fingerprint(i));
  }
  for (std::size_t i = 300; i-- > 0;) first += line(fmt::format("again-{}.txt", i), fingerprint(i));
  test::write_file(dir / "p1.jsonl", first);
  test::write_file(dir / "p2.jsonl", second);
  ReuseIndex index(1000);
  index.add((dir / "p2.jsonl").string(), k_run);
  index.add((dir / "p1.jsonl").string(), k_run);
  index.seal();
  CHECK(index.size() == 300);
  std::string found;
  for (std::size_t i = 0; i < 300; ++i) {
    REQUIRE(index.find(fingerprint(i), found));
    CHECK(found == line(fmt::format("second-{}.txt", i), fingerprint(i)));
  }
  // The part is read again when a line is copied: rewritten in place, its line is not what was indexed.
  std::string changed = second;
  changed[header().size() + 70] = 'X';  // inside the first line's "input" fingerprint
  test::write_file(dir / "p2.jsonl", changed);
  CHECK_FALSE(index.find(fingerprint(0), found));
  CHECK(index.find(fingerprint(1), found));
}

TEST_CASE("a part in a FIFO is held, and past 64 parts a part is opened again for each line", "[reuse]") {
  test::TempDir dir;
  const std::string a = line("a.txt", input('1'));
  const std::string fifo = (dir / "part.fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] { test::write_file(fifo, header() + a); });
  ReuseIndex index;
  CHECK(index.add(fifo, k_run));  // a FIFO cannot be read again: held
  writer.join();
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < 70; ++i) {
    parts.push_back((dir / fmt::format("p{}.jsonl", i)).string());
    test::write_file(parts.back(), header() + line(fmt::format("{}.txt", i), fmt::format("{:064x}", i + 100)));
    index.add(parts.back(), k_run);
  }
  index.seal();
  std::string found;
  REQUIRE(index.find(input('1'), found));
  CHECK(found == a);
  for (std::size_t i = 0; i < 70; ++i) {
    INFO("part " << i);
    REQUIRE(index.find(fmt::format("{:064x}", i + 100), found));
    CHECK(found == line(fmt::format("{}.txt", i), fmt::format("{:064x}", i + 100)));
  }
  // A part that cannot be read again has no lines: its documents are extracted again.
  std::filesystem::remove(parts[69]);
  CHECK_FALSE(index.find(fmt::format("{:064x}", 69 + 100), found));
  // Nor has another file put in a part's place, even with the same bytes.
  const std::string same_bytes = test::read_file(parts[68]);
  test::write_file(parts[68] + ".new", same_bytes);
  std::filesystem::rename(parts[68] + ".new", parts[68]);
  CHECK_FALSE(index.find(fmt::format("{:064x}", 68 + 100), found));
  std::filesystem::remove(parts[67]);
  REQUIRE(::mkfifo(parts[67].c_str(), 0600) == 0);  // a FIFO in its place is not opened (that would wait)
  CHECK_FALSE(index.find(fmt::format("{:064x}", 67 + 100), found));
  CHECK(index.find(fmt::format("{:064x}", 0 + 100), found));  // open since add()
}

TEST_CASE("a part with no header, or a broken one, is an error naming it", "[reuse]") {
  test::TempDir dir;
  const std::string a = line("a.txt", input('1'));
  test::write_file(dir / "none.jsonl", a);
  const std::string none = (dir / "none.jsonl").string();
  CHECK_THROWS_WITH(ReuseIndex().add(none, k_run),
                    none + ": no header line; is it a part written by mstimeline extract?");
  // The line numbers run on across pieces.
  const std::string broken = "{\"type\":\"header\",\"version\":2}";
  test::write_file(dir / "bad.jsonl", header() + a + a + broken + "\n");
  const std::string bad = (dir / "bad.jsonl").string();
  for (std::size_t piece : {5, 1 << 20})
    CHECK_THROWS_WITH(ReuseIndex(piece).add(bad, k_run),
                      bad + ":4:28: unsupported version (this mstimeline reads version 1)\n  " + broken + "\n" +
                          std::string(2 + 27, ' ') + "^");
  const std::string missing = (dir / "missing.jsonl").string();
  CHECK_THROWS_WITH(ReuseIndex().add(missing, k_run), missing + ": cannot open file: No such file or directory");
}
