#include <catch2/catch.hpp>

#include "mstimeline/diff.hpp"

using namespace mstl;

TEST_CASE("equal texts have no diff", "[diff]") {
  CHECK(unified_diff("", "", "a", "b").empty());
  CHECK(unified_diff("x\ny\n", "x\ny\n", "a", "b").empty());
}

TEST_CASE("a changed line in the middle: one hunk with three lines of context, as diff -u", "[diff]") {
  std::string a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  std::string b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  CHECK(unified_diff(a, b, "old", "new") ==
        "--- old\n+++ new\n"
        "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST_CASE("changes far apart make two hunks, close ones one", "[diff]") {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    a += std::to_string(i) + "\n";
    b += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\n";
  }
  CHECK(unified_diff(a, b, "a", "b") ==
        "--- a\n+++ b\n"
        "@@ -1,5 +1,5 @@\n 1\n-2\n+x\n 3\n 4\n 5\n"
        "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+x\n 19\n 20\n");
  std::string c = "1\n2\n3\n4\n5\n6\n7\n8\n";
  std::string d = "1\nX\n3\n4\n5\n6\nY\n8\n";
  CHECK(unified_diff(c, d, "a", "b") == "--- a\n+++ b\n@@ -1,8 +1,8 @@\n 1\n-2\n+X\n 3\n 4\n 5\n 6\n-7\n+Y\n 8\n");
}

TEST_CASE("insertions and deletions at the ends, and empty sides", "[diff]") {
  CHECK(unified_diff("", "a\nb\n", "/dev/null", "f") == "--- /dev/null\n+++ f\n@@ -0,0 +1,2 @@\n+a\n+b\n");
  CHECK(unified_diff("a\nb\n", "", "f", "g") == "--- f\n+++ g\n@@ -1,2 +0,0 @@\n-a\n-b\n");
  CHECK(unified_diff("a\n", "a\nb\n", "f", "g") == "--- f\n+++ g\n@@ -1 +1,2 @@\n a\n+b\n");
}

TEST_CASE("a missing newline at the end is marked", "[diff]") {
  CHECK(unified_diff("a\nb", "a\nb\n", "f", "g") ==
        "--- f\n+++ g\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
}

TEST_CASE("the diff is minimal: a moved block is one removal and one insertion", "[diff]") {
  CHECK(unified_diff("a\nb\nc\nd\n", "b\nc\nd\na\n", "f", "g") ==
        "--- f\n+++ g\n@@ -1,4 +1,4 @@\n-a\n b\n c\n d\n+a\n");
}

TEST_CASE("large texts with nothing in common diff quickly, as remove-all add-all", "[diff]") {
  std::string a, b;
  for (int i = 0; i < 20000; ++i) {
    a += "a" + std::to_string(i) + "\n";
    b += "b" + std::to_string(i) + "\n";
  }
  std::string d = unified_diff(a, b, "f", "g");
  CHECK(d.rfind("--- f\n+++ g\n@@ -1,20000 +1,20000 @@\n-a0\n", 0) == 0);
  CHECK(d.size() == std::string("--- f\n+++ g\n@@ -1,20000 +1,20000 @@\n").size() + a.size() + b.size() + 40000);
}
