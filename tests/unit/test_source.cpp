#include <catch2/catch.hpp>

#include "mstimeline/source.hpp"
#include "support/support.hpp"

using namespace mstl;
using test::TempDir;
using test::write_file;

namespace {
std::vector<ArticleFile> files(std::initializer_list<const char*> relatives) {
  std::vector<ArticleFile> out;
  for (const char* r : relatives) out.push_back({r, r});
  return out;
}
}  // namespace

TEST_CASE("source ids are file stems unless stems collide", "[loader]") {
  CHECK(assign_source_ids(files({"a/000_x.txt", "b/001_y.md"})) == std::vector<std::string>{"000_x", "001_y"});
  CHECK(assign_source_ids(files({"a/x.txt", "b/x.txt", "c/y.txt"})) == std::vector<std::string>{"a/x", "b/x", "y"});
  CHECK(assign_source_ids(files({"x.md", "x.txt"})) == std::vector<std::string>{"x.md", "x.txt"});
  // A full path can equal another file's stem ("x.txt" of x.txt.md): that one moves on too.
  CHECK(assign_source_ids(files({"x.txt", "x.md", "x.txt.md"})) ==
        std::vector<std::string>{"x.txt", "x.md", "x.txt.md"});
}

TEST_CASE("an article keeps its exact bytes and its text starts after the BOM", "[loader]") {
  TempDir dir;
  std::string bytes = "\xEF\xBB\xBFJakarta, Rabu (25/1/2023).\r\nBaris dua.\r\n";
  write_file(dir / "a.txt", bytes);
  auto a = read_article({"a.txt", dir / "a.txt"}, "a");
  REQUIRE(a.ok());
  CHECK(a.value().bytes == bytes);
  CHECK(a.value().file_offset(0) == 3);
  CHECK(a.value().text().substr(0, 7) == "Jakarta");
  CHECK(a.value().info.path == "a.txt");
  CHECK(a.value().info.encoding == "utf-8");
  CHECK(a.value().info.sha256.size() == 64);
}

TEST_CASE("an unreadable article is a diagnostic naming the path", "[loader]") {
  TempDir dir;
  auto a = read_article({"gone.txt", dir / "gone.txt"}, "gone");
  REQUIRE_FALSE(a.ok());
  CHECK(a.error().to_string() == (dir / "gone.txt").string() + ": cannot open file: No such file or directory");
}
