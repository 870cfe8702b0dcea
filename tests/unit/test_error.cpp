#include <catch2/catch.hpp>

#include "mstimeline/error.hpp"

using mstl::Diagnostic;
using mstl::locate;

TEST_CASE("locate gives 1-based line and code-point column with the line and a caret", "[error]") {
  std::string text = "first\nsecond line\nthird";
  Diagnostic d = locate("f.txt", text, 13, "bad word");  // the 'l' of "line"
  CHECK(d.line == 2);
  CHECK(d.column == 8);
  CHECK(d.to_string() == "f.txt:2:8: bad word\n  second line\n" + std::string(2 + 7, ' ') + "^");
}

TEST_CASE("columns count code points, not bytes", "[error]") {
  std::string text = "Jum’at x";  // ’ is three bytes
  Diagnostic d = locate("f.txt", text, text.find('x'), "here");
  CHECK(d.column == 8);
}

TEST_CASE("a severity goes after the location and no position means path only", "[error]") {
  Diagnostic d = locate("a.json", "{\r\n  oops\r\n}", 5, "unexpected word");
  CHECK(d.to_string("error") == "a.json:2:3: error: unexpected word\n    oops\n    ^");
  Diagnostic whole{"dir/x.txt", 0, 0, "cannot open file: Permission denied", {}};
  CHECK(whole.to_string("warning") == "dir/x.txt: warning: cannot open file: Permission denied");
}

TEST_CASE("an offset at the end of the text points past the last character", "[error]") {
  Diagnostic d = locate("f", "ab\n", 3, "end");
  CHECK(d.line == 2);
  CHECK(d.column == 1);
}
