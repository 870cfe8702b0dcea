#include <catch2/catch.hpp>

#include <string>
#include <vector>

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

TEST_CASE("of two lines with one fingerprint the first part's stays, and a part changed since is not copied", "[reuse]") {
  test::TempDir dir;
  const std::string first = line("a.txt", input('1')), second = line("z.txt", input('1'));
  test::write_file(dir / "p1.jsonl", header() + first);
  test::write_file(dir / "p2.jsonl", header() + second);
  ReuseIndex index;
  index.add((dir / "p2.jsonl").string(), k_run);
  index.add((dir / "p1.jsonl").string(), k_run);
  index.seal();
  std::string found;
  REQUIRE(index.find(input('1'), found));
  CHECK(found == second);
  // The part is read again when a line is copied: rewritten in place, its line is not what was indexed.
  std::string changed = header() + second;
  changed[header().size() + 70] = 'X';  // inside the "input" fingerprint
  test::write_file(dir / "p2.jsonl", changed);
  CHECK_FALSE(index.find(input('1'), found));
}

TEST_CASE("a part with no header, or a broken one, is an error naming it", "[reuse]") {
  test::TempDir dir;
  const std::string a = line("a.txt", input('1'));
  test::write_file(dir / "none.jsonl", a);
  const std::string none = (dir / "none.jsonl").string();
  CHECK_THROWS_WITH(ReuseIndex().add(none, k_run), none + ": no header line; is it a part written by mstimeline extract?");
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
