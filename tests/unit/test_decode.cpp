#include <catch2/catch.hpp>

#include "mstimeline/decode.hpp"

using mstl::decode_article;
using mstl::Decoded;
using mstl::escape_file_name;
using mstl::find_invalid_utf8;
using mstl::visible_controls;

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

TEST_CASE("damaged UTF-8 is repaired with U+FFFD, mapped to the file, and reported once", "[loader][robust]") {
  std::string bytes = "Caf\xC3\xA9.\nHalo \xC3( dunia \x80!";
  auto d = decode_article("data/x.txt", bytes);
  REQUIRE(d.ok());
  const Decoded& x = d.value();
  CHECK(x.encoding == "utf-8");
  CHECK(x.view(bytes) == "Caf\xC3\xA9.\nHalo \xEF\xBF\xBD( dunia \xEF\xBF\xBD!");
  REQUIRE(x.warnings.size() == 1);
  CHECK(x.warnings[0].to_string("warning") ==
        "data/x.txt:2:6: warning: invalid UTF-8 byte 0xC3 at byte offset 12 (and 1 more); replaced with U+FFFD\n"
        "  Halo \xEF\xBF\xBD( dunia \xEF\xBF\xBD!\n" +
            std::string(2 + 5, ' ') + "^");
  // Text offsets map back to file offsets: U+FFFD's three bytes all come from the one bad byte.
  std::size_t fffd = x.view(bytes).find("\xEF\xBF\xBD");
  CHECK(x.file_offset(fffd) == 12);
  CHECK(x.file_offset(fffd + 3) == 13);
  CHECK(x.file_offset(x.view(bytes).size()) == bytes.size());
}

TEST_CASE("UTF-16 with a byte-order mark is transcoded, offsets in the original", "[loader][robust]") {
  // "Rabu, 25 Januari 2023 — é" with an astral character (U+1F600) at the end.
  std::u16string units = u"Rabu 2023 \u2014 \u00E9\U0001F600";
  for (bool little : {true, false}) {
    std::string bytes = little ? "\xFF\xFE" : "\xFE\xFF";
    for (char16_t u : units) {
      char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
      bytes += little ? std::string{lo, hi} : std::string{hi, lo};
    }
    auto d = decode_article("u.txt", bytes);
    REQUIRE(d.ok());
    CHECK(d.value().encoding == (little ? "utf-16le" : "utf-16be"));
    std::string_view text = d.value().view(bytes);
    CHECK(text == "Rabu 2023 \xE2\x80\x94 \xC3\xA9\xF0\x9F\x98\x80");
    CHECK(d.value().warnings.empty());
    CHECK(d.value().file_offset(0) == 2);          // after the byte-order mark
    CHECK(d.value().file_offset(5) == 2 + 2 * 5);  // "2023" is the sixth unit
    CHECK(d.value().file_offset(text.find("\xF0")) == 2 + 2 * 13);
    CHECK(d.value().file_offset(text.size()) == bytes.size());
  }
}

TEST_CASE("UTF-16 with an unpaired surrogate or an odd last byte is repaired with a warning", "[loader][robust]") {
  std::string bytes = std::string(
      "\xFF\xFE"
      "a\0"
      "\x00\xD8"
      "b\0"
      "c",
      9);
  auto d = decode_article("u.txt", bytes);
  REQUIRE(d.ok());
  CHECK(d.value().view(bytes) ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD");
  REQUIRE(d.value().warnings.size() == 1);
  CHECK(d.value().warnings[0].message ==
        "ill-formed UTF-16 (an unpaired surrogate or a lone last byte) at byte offset 4 (and 1 more); replaced with "
        "U+FFFD");
}

TEST_CASE("legacy single-byte text is detected and transcoded, offsets byte for byte", "[loader][robust]") {
  // Windows-1252: curly quotes 0x93/0x94, an en dash 0x96, e acute 0xE9.
  std::string bytes =
      "Jakarta \x96 Microsoft mengumumkan investasi \x93multiyear\x94 senilai 10 miliar dolar AS di OpenAI "
      "pada 23 Januari 2023. Caf\xE9 dan kantor di Redmond ikut merayakan kesepakatan itu.\n";
  auto d = decode_article("legacy.txt", bytes);
  REQUIRE(d.ok());
  CHECK(d.value().encoding == "windows-1252");
  CHECK(d.value().warnings.empty());
  std::string_view text = d.value().view(bytes);
  CHECK(text.substr(0, 12) == "Jakarta \xE2\x80\x93 ");
  CHECK(text.find("\xE2\x80\x9Cmultiyear\xE2\x80\x9D") != std::string_view::npos);
  CHECK(text.find("Caf\xC3\xA9") != std::string_view::npos);
  std::size_t jan = text.find("23 Januari");
  CHECK(d.value().file_offset(jan) == bytes.find("23 Januari"));
  CHECK(d.value().file_offset(text.size()) == bytes.size());
}

TEST_CASE("a file with a NUL byte is binary and refused, naming the offset", "[loader][robust]") {
  auto png = decode_article("img.txt", std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
  REQUIRE_FALSE(png.ok());
  CHECK(png.error().to_string() == "img.txt: binary file (a NUL byte at byte offset 8); skipped");
}

TEST_CASE("ill-formed UTF-8 per RFC 3629 is found", "[loader]") {
  CHECK(find_invalid_utf8("ok ascii") == std::string_view::npos);
  CHECK(find_invalid_utf8("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80") == std::string_view::npos);
  CHECK(find_invalid_utf8("\xC0\xAF") == 0);                // overlong '/'
  CHECK(find_invalid_utf8("ab\xED\xA0\x80") == 2);          // UTF-16 surrogate
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);        // above U+10FFFF
  CHECK(find_invalid_utf8("abc\xE2\x80") == 3);             // truncated at the end
  CHECK(find_invalid_utf8("\x80") == 0);                    // lone continuation byte
  CHECK(find_invalid_utf8("Windows \x93quoted\x94") == 8);  // cp1252 quotes
}

TEST_CASE("file names are escaped one to one: bad bytes, controls and backslashes in hex", "[decode]") {
  CHECK(escape_file_name("plain/caf\xC3\xA9.txt") == "plain/caf\xC3\xA9.txt");
  CHECK(escape_file_name("a\xFF.txt") == "a\\xFF.txt");
  CHECK(escape_file_name("a\xFE.txt") == "a\\xFE.txt");
  CHECK(escape_file_name("a\\xFF.txt") == "a\\x5CxFF.txt");  // never the same as a\xFF.txt
  CHECK(escape_file_name("evil\x1B[2J\x7F.txt") == "evil\\x1B[2J\\x7F.txt");
  CHECK(escape_file_name("c1\xC2\x9B.txt") == "c1\\xC2\\x9B.txt");
  CHECK(escape_file_name(std::string_view("nul\0.txt", 8)) == "nul\\x00.txt");
  CHECK(escape_file_name("\xE2\x82") == "\\xE2\\x82");  // a cut sequence: each byte
}

TEST_CASE("control characters are made visible as their pictures, tabs and line breaks kept", "[decode]") {
  CHECK(visible_controls("plain text\twith\r\nbreaks") == "plain text\twith\r\nbreaks");
  CHECK(visible_controls("a\x1B[2Jb") == "a\xE2\x90\x9B[2Jb");
  CHECK(visible_controls(std::string_view("\0\x07\x7F", 3)) == "\xE2\x90\x80\xE2\x90\x87\xE2\x90\xA1");
  CHECK(visible_controls("c1 \xC2\x9B end \xC2\xA0") == "c1 \xEF\xBF\xBD end \xC2\xA0");
}
