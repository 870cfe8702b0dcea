// The pre-scan decides which bytes the tagger tokenizes at all: a word it
// misses is a date the tagger never sees.
#include <catch2/catch.hpp>

#include "support/support.hpp"
#include "temporal/prescan.hpp"

using namespace mstl;

namespace {
// Whether the byte range of `word` (its first occurrence) lies inside a window.
bool covered(std::string_view text, std::string_view word) {
  std::size_t at = text.find(word);
  REQUIRE(at != std::string_view::npos);
  for (const auto& w : temporal::candidate_windows(text, test::knowledge().lexicon("id")))
    if (w.begin <= at && at + word.size() <= w.end) return true;
  return false;
}

std::string padded(const std::string& middle) {
  std::string pad(120, 'x');
  for (std::size_t i = 8; i < pad.size(); i += 9) pad[i] = ' ';
  return pad + " " + middle + " " + pad;
}
}  // namespace

TEST_CASE("numbers open a window only when they can be a date by themselves", "[prescan]") {
  const Lexicon& id = test::knowledge().lexicon("id");
  for (const char* date : {"2023", "25/1", "17-11-2023", "10.15", "13.05.2024", "10:15", "1990-an", "3,"}) {
    INFO(date);
    CHECK(!temporal::candidate_windows(padded(date), id).empty());
  }
  for (const char* count : {"10 ribu", "2,5", "(45)", "2.000", "1.250.000", "123456"}) {
    INFO(count);
    CHECK(temporal::candidate_windows(padded(count), id).empty());
  }
}

TEST_CASE("lexicon words open windows, common words do not", "[prescan]") {
  const Lexicon& id = test::knowledge().lexicon("id");
  for (const char* trigger : {"Maret", "kemarin", "pekan", "sehari", "pukul", "WIB", "baru-baru", "Jum'at"}) {
    INFO(trigger);
    CHECK(!temporal::candidate_windows(padded(trigger), id).empty());
  }
  for (const char* word : {"baru", "beberapa", "sejumlah", "tengah", "dan", "ini"}) {
    INFO(word);
    CHECK(temporal::candidate_windows(padded(word), id).empty());
  }
}

TEST_CASE("windows reach every part of an expression", "[prescan]") {
  // The hour before a time zone, the members of a list longer than a
  // window's context, the first word of a hyphenated trigger.
  CHECK(covered(padded("rapat pukul 10 WIB"), "10"));
  CHECK(covered(padded("rapat 10 WIB"), "10"));
  std::string list = padded("pada 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 dan 12 Maret 2024");
  CHECK(covered(list, "1, 2"));
  CHECK(covered(padded("terjadi baru-baru ini"), "baru-baru ini"));
}

TEST_CASE("windows are in order, disjoint, and cut no UTF-8 sequence", "[prescan]") {
  std::string text = padded("Jumat (17/11) “sejak 2019” — é 2020 ü kemarin ");
  auto windows = temporal::candidate_windows(text, test::knowledge().lexicon("id"));
  REQUIRE(!windows.empty());
  for (std::size_t i = 0; i < windows.size(); ++i) {
    CHECK(windows[i].begin < windows[i].end);
    CHECK(windows[i].end <= text.size());
    if (i > 0) CHECK(windows[i - 1].end < windows[i].begin);
    for (std::size_t edge : {windows[i].begin, windows[i].end})
      if (edge < text.size()) CHECK((static_cast<unsigned char>(text[edge]) & 0xC0) != 0x80);
  }
}
