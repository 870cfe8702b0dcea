#include <catch2/catch.hpp>

#include "mstimeline/walk.hpp"
#include "support/support.hpp"

using namespace mstl;
using test::TempDir;
using test::write_file;

namespace {
std::vector<std::string> relatives(const WalkResult& r) {
  std::vector<std::string> out;
  for (const auto& a : r.articles) out.push_back(a.relative);
  return out;
}
}  // namespace

TEST_CASE("the walk is recursive and sorted byte-wise by relative path", "[loader]") {
  TempDir dir;
  for (const char* p : {"b.txt", "a/z.md", "a/B.TXT", "Z.txt", "a.txt", "notes.pdf", "a/sub/deep.txt"})
    write_file(dir / p, "x");
  WalkResult r = walk_articles(dir.path());
  CHECK(relatives(r) == std::vector<std::string>{"Z.txt", "a.txt", "a/B.TXT", "a/sub/deep.txt", "a/z.md", "b.txt"});
  CHECK(r.notes == std::vector<std::string>{"skipped notes.pdf: not an article file (.txt, .md)"});
  CHECK(r.warnings.empty());
}

TEST_CASE("hidden entries and .mstimelineignore patterns are skipped with a note", "[loader]") {
  TempDir dir;
  write_file(dir / ".mstimelineignore", "# docs\nREADME.md\ndrafts/\nold/*.txt\n");
  for (const char* p : {"README.md", "x/README.md", "drafts/a.txt", "old/b.txt", "old/keep.md", ".git/c.txt", "ok.txt"})
    write_file(dir / p, "x");
  WalkResult r = walk_articles(dir.path());
  CHECK(relatives(r) == std::vector<std::string>{"ok.txt", "old/keep.md"});
  CHECK(r.notes == std::vector<std::string>{
                       "skipped .git: hidden",
                       "skipped .mstimelineignore: hidden",
                       "skipped README.md: matches .mstimelineignore",
                       "skipped drafts: matches .mstimelineignore",
                       "skipped old/b.txt: matches .mstimelineignore",
                       "skipped x/README.md: matches .mstimelineignore",
                   });
}

TEST_CASE("a single file is a one-article input", "[loader]") {
  TempDir dir;
  write_file(dir / "one.txt", "x");
  WalkResult r = walk_articles(dir / "one.txt");
  REQUIRE(r.articles.size() == 1);
  CHECK(r.articles[0].relative == "one.txt");
}

TEST_CASE("a missing input is an error naming it", "[loader]") {
  TempDir dir;
  CHECK_THROWS_WITH(walk_articles(dir / "nope"), (dir / "nope").string() + ": no such file or directory");
}

TEST_CASE("directory symlinks are not followed and dangling links are warnings", "[loader]") {
  TempDir dir;
  write_file(dir / "real/a.txt", "x");
  std::filesystem::create_directory_symlink(dir / "real", dir / "loop");
  std::filesystem::create_symlink(dir / "missing.txt", dir / "dangling.txt");
  std::filesystem::create_symlink(dir / "self.txt", dir / "self.txt");
  WalkResult r = walk_articles(dir.path());
  CHECK(relatives(r) == std::vector<std::string>{"real/a.txt"});
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0].to_string("warning") ==
        (dir / "dangling.txt").string() + ": warning: cannot follow symbolic link: No such file or directory");
  CHECK(r.warnings[1].to_string("warning") ==
        (dir / "self.txt").string() + ": warning: cannot follow symbolic link: Too many levels of symbolic links");
}

TEST_CASE("ignore patterns anchor with a leading slash and match folders only with a trailing one", "[loader]") {
  TempDir dir;
  write_file(dir / ".mstimelineignore", "/top.txt\nnotes/\n");
  for (const char* p : {"top.txt", "sub/top.txt", "notes/a.txt", "sub/notes.txt"}) write_file(dir / p, "x");
  CHECK(relatives(walk_articles(dir.path())) == std::vector<std::string>{"sub/notes.txt", "sub/top.txt"});
}

TEST_CASE("a single input file may have any name but a device is refused", "[loader]") {
  TempDir dir;
  write_file(dir / "doc.pdf", "x");
  CHECK(walk_articles(dir / "doc.pdf").articles.size() == 1);
  CHECK_THROWS_WITH(walk_articles("/dev/null"), "/dev/null: not a regular file or directory");
  CHECK_THROWS_WITH(walk_articles(""), "the input path is empty");
}

TEST_CASE("ignore patterns match the path, or the name when they have no slash", "[loader]") {
  CHECK(ignore_pattern_matches("README.md", "a/b/README.md"));
  CHECK(ignore_pattern_matches("*.md", "a/x.md"));
  CHECK(ignore_pattern_matches("a/*.md", "a/x.md"));
  CHECK_FALSE(ignore_pattern_matches("a/*.md", "a/b/x.md"));
  CHECK_FALSE(ignore_pattern_matches("b/x.md", "a/b/x.md"));
}
