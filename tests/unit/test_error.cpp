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

TEST_CASE("a long line is shown around the column, cut with an ellipsis, the caret under its character",
          "[error][robust]") {
  std::string line = std::string(500, 'a') + "X" + std::string(500, 'b');
  Diagnostic d = locate("part.jsonl", line, 500, "bad");
  CHECK(d.column == 501);
  std::string ellipsis = "\xE2\x80\xA6";
  CHECK(d.to_string() == "part.jsonl:1:501: bad\n  " + ellipsis + std::string(60, 'a') + "X" + std::string(59, 'b') +
                             ellipsis + "\n  " + std::string(61, ' ') + "^");
  Diagnostic start = locate("p", line, 3, "near the start");
  CHECK(start.to_string() == "p:1:4: near the start\n  " + std::string(63, 'a') + ellipsis + "\n     ^");
}

TEST_CASE("control characters in a shown line are replaced, one for one, so the caret stays aligned",
          "[error][robust]") {
  // 0x89 is a stray byte: shown as U+FFFD and counted as one character.
  Diagnostic d = locate("bin.json", std::string("\x89PNG\r\x1A\0\tz", 9), 8, "here");
  CHECK(d.column == 9);
  std::string fffd = "\xEF\xBF\xBD";
  CHECK(d.to_string() ==
        "bin.json:1:9: here\n  " + fffd + "PNG" + fffd + fffd + fffd + " z\n  " + std::string(8, ' ') + "^");
}
