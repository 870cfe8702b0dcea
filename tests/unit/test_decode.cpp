#include <catch2/catch.hpp>

#include "mstimeline/decode.hpp"

using mstl::decode_article;
using mstl::find_invalid_utf8;

TEST_CASE("a UTF-8 byte-order mark is skipped, offsets stay file offsets", "[loader]") {
  auto d = decode_article("a.txt", "\xEF\xBB\xBFHalo dunia");
  REQUIRE(d.ok());
  CHECK(d.value().text_begin == 3);
  CHECK(d.value().encoding == "utf-8");
  auto plain = decode_article("b.txt", "Halo");
  REQUIRE(plain.ok());
  CHECK(plain.value().text_begin == 0);
}

TEST_CASE("CRLF line ends are valid text as they are", "[loader]") {
  CHECK(decode_article("c.txt", "Baris satu.\r\nBaris dua.\r\n").ok());
}

TEST_CASE("invalid UTF-8 is reported with path, line, column and byte offset", "[loader]") {
  auto d = decode_article("data/x.txt", "Baris satu.\nHalo \xC3( dunia");
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().to_string("warning") ==
        "data/x.txt:2:6: warning: invalid UTF-8 byte 0xC3 at byte offset 17\n  Halo \xEF\xBF\xBD( dunia\n" +
            std::string(2 + 5, ' ') + "^");
}

TEST_CASE("ill-formed UTF-8 per RFC 3629 is found", "[loader]") {
  CHECK(find_invalid_utf8("ok ascii") == std::string_view::npos);
  CHECK(find_invalid_utf8("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80") == std::string_view::npos);
  CHECK(find_invalid_utf8("\xC0\xAF") == 0);              // overlong '/'
  CHECK(find_invalid_utf8("ab\xED\xA0\x80") == 2);        // UTF-16 surrogate
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);      // above U+10FFFF
  CHECK(find_invalid_utf8("abc\xE2\x80") == 3);           // truncated at the end
  CHECK(find_invalid_utf8("\x80") == 0);                  // lone continuation byte
  CHECK(find_invalid_utf8("Windows \x93quoted\x94") == 8);  // cp1252 quotes
}
