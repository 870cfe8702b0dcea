#include <random>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "mstimeline/text.hpp"

using namespace mstl::text;

namespace {
std::vector<std::string> pieces(std::string_view s, const std::vector<Span>& spans) {
  std::vector<std::string> out;
  for (const auto& sp : spans) out.emplace_back(s.substr(sp.begin, sp.end - sp.begin));
  return out;
}
// Every text of at most `length` characters over `alphabet`, shortest first.
std::vector<std::string> every_text(const std::string& alphabet, std::size_t length) {
  std::vector<std::string> texts = {""};
  for (std::size_t begin = 0; texts.back().size() < length;) {
    std::size_t end = texts.size();
    for (std::size_t i = begin; i < end; ++i)
      for (char c : alphabet) texts.push_back(texts[i] + c);
    begin = end;
  }
  return texts;
}
}  // namespace

TEST_CASE("sentences break at full stops and line ends, with byte offsets", "[text]") {
  std::string s = "Halo dunia. Apa kabar?\nBaris baru";
  auto spans = sentences(s);
  CHECK(pieces(s, spans) == std::vector<std::string>{"Halo dunia.", "Apa kabar?", "Baris baru"});
  REQUIRE(spans.size() == 3);
  CHECK(spans[1].begin == 12);
  CHECK(spans[1].end == 22);
}

TEST_CASE("sentences of real article text keep datelines and abbreviations inside", "[text]") {
  std::string s =
      "Microsoft menyebutkan, seperti dikutip dari laman resminya, Rabu (25/1/2023), perjanjian ini menyusul "
      "investasi sebelumnya pada tahun 2019 dan 2021.\r\nAdvertisement\r\nSatya Nadella dkk. selama 3 tahun.";
  CHECK(pieces(s, sentences(s)) ==
        std::vector<std::string>{
            "Microsoft menyebutkan, seperti dikutip dari laman resminya, Rabu (25/1/2023), perjanjian ini menyusul "
            "investasi sebelumnya pada tahun 2019 dan 2021.",
            "Advertisement", "Satya Nadella dkk. selama 3 tahun."});
}

TEST_CASE("tokens are words, numbers and punctuation with byte offsets", "[text]") {
  std::string s = "Rabu (25/1/2023) Jum’at 13.05.2024";
  auto tokens = tokenize(s);
  std::vector<std::string> texts;
  std::vector<TokenKind> kinds;
  for (const auto& t : tokens) {
    texts.emplace_back(s.substr(t.begin, t.end - t.begin));
    kinds.push_back(t.kind);
  }
  CHECK(texts == std::vector<std::string>{"Rabu", "(", "25", "/", "1", "/", "2023", ")", "Jum’at", "13.05.2024"});
  using K = TokenKind;
  CHECK(kinds == std::vector<K>{K::word, K::punct, K::number, K::punct, K::number, K::punct, K::number, K::punct,
                                K::word, K::number});
  CHECK(tokens[0].folded == "rabu");
}

TEST_CASE("ASCII tokens follow ICU's rules: joiners, kinds by the last character", "[text]") {
  auto shown = [](std::string_view s) {
    std::string out;
    for (const auto& t : tokenize(s)) {
      char kind = t.kind == TokenKind::word ? 'w' : t.kind == TokenKind::number ? 'n' : 'p';
      out += fmt::format("{}:{} ", t.folded, kind);
    }
    return out;
  };
  CHECK(shown("A.B a:b 1:2 1,5 a,b it's 1;2 a;b") ==
        "a.b:w a:w ::p b:w 1:n ::p 2:n 1,5:n a:w ,:p b:w it's:w 1;2:n a:w ;:p b:w ");
  CHECK(shown("a1 1a a_1 1_ __ _ 1__ a1,2 1a,2 a..b") ==
        "a1:n 1a:w a_1:n 1_:n __:w _:p 1__:w a1,2:n 1a:w ,:p 2:n a:w .:p .:p b:w ");
  CHECK(shown("x\t\r\n\f\vy  \"z\"") == "x:w y:w \":p z:w \":p ");
  CHECK(shown("X@Y.com @ 1@1 #") == "x@y.com:w @:w 1@1:n #:p ");
  // A mark after a space joins the space (UAX #29 WB4), so it is punctuation
  // that starts at the space; offsets stay those of the whole text.
  auto tokens = tokenize(
      "ab \xCC\x81"
      "c d");
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[1].begin == 2);
  CHECK(tokens[1].end == 5);
  CHECK(tokens[1].kind == TokenKind::punct);
  CHECK(tokens[3].begin == 7);
}

TEST_CASE("tokenize gives what ICU gives on the whole text", "[text]") {
  auto same = [](const std::string& s) {
    std::vector<Token> fast, icu;
    tokenize(s, fast);
    tokenize_with_icu(s, icu);
    bool equal = fast.size() == icu.size();
    for (std::size_t i = 0; equal && i < fast.size(); ++i)
      equal = fast[i].begin == icu[i].begin && fast[i].end == icu[i].end && fast[i].kind == icu[i].kind &&
              fast[i].folded == icu[i].folded;
    if (!equal) FAIL_CHECK("\"" << s << "\"");
    return equal;
  };
  // Letters (and "@", a letter to ICU), digits, "_", the joiners and
  // non-joiners, white space, and characters outside ASCII: a letter, a
  // combining mark, a quote, a format mark (BOM), NO-BREAK SPACE, ZERO WIDTH
  // JOINER, Thai and Chinese (broken by dictionary), a regional indicator, a
  // Hebrew letter (with '"' in WB7b/c), NEXT LINE and LINE SEPARATOR.
  const std::vector<std::string> units = {"a",
                                          "A",
                                          "1",
                                          "_",
                                          ".",
                                          "'",
                                          ",",
                                          ":",
                                          " ",
                                          "\n",
                                          "-",
                                          "@",
                                          "\"",
                                          "\xC3\xA9",
                                          "\xCC\x81",
                                          "\xE2\x80\x9C",
                                          "\xEF\xBB\xBF",
                                          "\xC2\xA0",
                                          "\xE2\x80\x8D",
                                          "\r",
                                          "\t",
                                          ";",
                                          "\xE0\xB8\x81",
                                          "\xE4\xB8\xAD",
                                          "\xF0\x9F\x87\xAE",
                                          "\xD7\x90",
                                          "\xC2\x85",
                                          "\xE2\x80\xA8"};
  std::size_t checked = 0;
  // Every text of up to 4 units.
  std::vector<std::string> texts = {""};
  for (std::size_t begin = 0, length = 0; length < 4; ++length) {
    std::size_t end = texts.size();
    for (std::size_t i = begin; i < end; ++i)
      for (const auto& u : units) texts.push_back(texts[i] + u);
    begin = end;
  }
  for (const auto& t : texts) checked += same(t);
  // Every ASCII character between every pair of a few neighbours.
  for (int c = 0; c < 128; ++c)
    for (char left : std::string("a1_. ,\n@"))
      for (char right : std::string("a1_. ,\n@")) checked += same(std::string{left, static_cast<char>(c), right});
  // Longer texts, drawn from all the units.
  std::mt19937 rng(20261123);
  for (int i = 0; i < 50000; ++i) {
    std::string s;
    for (std::size_t k = 1 + rng() % 40; k > 0; --k) s += units[rng() % units.size()];
    checked += same(s);
  }
  CHECK(checked == texts.size() + 128 * 64 + 50000);
}

TEST_CASE("case folding is Unicode-aware", "[text]") {
  CHECK(fold_case("JANUARI") == "januari");
  CHECK(fold_case("Straße") == "strasse");
  CHECK(fold_case("ÉTÉ") == "été");
}

TEST_CASE("folding normalizes compatibility forms (NFKC), offsets stay on the raw bytes", "[text]") {
  CHECK(fold_case("２０２３") == "2023");
  CHECK(fold_case("Ｍａｒｅｔ") == "maret");
  CHECK(fold_case("（") == "(");
  CHECK(fold_case("e\xCC\x81") == "\xC3\xA9");  // e + combining acute is é
  std::string s = "Ｒａｂｕ （２５／１）";
  auto tokens = tokenize(s);
  REQUIRE(tokens.size() == 6);
  CHECK(tokens[0].folded == "rabu");
  CHECK(tokens[0].end == 12);  // four 3-byte characters
  CHECK(tokens[2].kind == TokenKind::number);
  CHECK(tokens[2].folded == "25");
  CHECK(tokens[3].folded == "/");
}

TEST_CASE("no sentence break after a known abbreviation", "[text]") {
  SentenceSplitter splitter({"Dr.", "PT."});
  std::string s = "Menurut Dr. Budi dari PT. Maju Jaya, acara digelar. Pt. Lain hadir.";
  CHECK(pieces(s, splitter.split(s)) ==
        std::vector<std::string>{"Menurut Dr. Budi dari PT. Maju Jaya, acara digelar.", "Pt. Lain hadir."});
  CHECK(pieces(s, sentences(s)).size() == 5);  // without the list, ICU breaks after each of the four full stops
}

TEST_CASE("a hard-wrapped line is joined and a headline stays a sentence of its own", "[text]") {
  std::string s =
      "Acara pada 12 Maret\r\n2023 lalu ditunda\nkarena hujan.\nJudul Tanpa Titik\nKalimat baru.\n\nakhir paragraf";
  CHECK(pieces(s, sentences(s)) == std::vector<std::string>{"Acara pada 12 Maret\r\n2023 lalu ditunda\nkarena hujan.",
                                                            "Judul Tanpa Titik", "Kalimat baru.", "akhir paragraf"});
}

TEST_CASE("white space folds to single spaces, none at the ends", "[text]") {
  CHECK(fold_spaces("  a\r\n b\t\tc ") == "a b c");
  CHECK(fold_spaces("") == "");
  CHECK(fold_spaces("\xC2\xA0x") == "\xC2\xA0x");  // only ASCII white space
}

TEST_CASE("texts compare and hash as their folded white space would, without folding them", "[text]") {
  CHECK(same_folding_spaces("  a\r\n b\t\tc ", "a b c"));
  CHECK(same_folding_spaces("", " \t\r\n"));
  CHECK_FALSE(same_folding_spaces("ab", "a b"));
  CHECK_FALSE(same_folding_spaces("a b", "a b c"));
  CHECK_FALSE(same_folding_spaces("a", ""));
  CHECK(hash_folding_spaces("\n a  b\n") == hash_folding_spaces("a b"));
  CHECK(hash_folding_spaces("ab") != hash_folding_spaces("a b"));
  // Every short text over a small alphabet: the same answer as folding.
  std::vector<std::string> texts = every_text(" \nab", 4);
  for (const auto& a : texts)
    for (const auto& b : texts) {
      bool same = fold_spaces(a) == fold_spaces(b);
      if (same_folding_spaces(a, b) != same) FAIL_CHECK("\"" << a << "\" and \"" << b << "\"");
      if (same && hash_folding_spaces(a) != hash_folding_spaces(b)) FAIL_CHECK("hash of \"" << a << "\"");
    }
  CHECK(texts.size() == 1 + 4 + 16 + 64 + 256);
}

TEST_CASE("a stretch holds a token of given words only where tokenizing could find one", "[text]") {
  const std::vector<std::string> akan = {"akan"};
  CHECK(may_hold_token("Microsoft akan berinvestasi.", 0, 27, akan));
  CHECK(may_hold_token("AKAN", 0, 4, akan));                     // folded
  CHECK_FALSE(may_hold_token("Telah digunakan.", 0, 16, akan));  // inside a word
  CHECK_FALSE(may_hold_token("akan2 akan_x", 0, 12, akan));
  CHECK_FALSE(may_hold_token("Microsoft akan berinvestasi.", 0, 12, akan));  // not wholly in [0, 12)
  CHECK_FALSE(may_hold_token("Microsoft akan berinvestasi.", 11, 27, akan));
  CHECK(may_hold_token("Microsoft akan berinvestasi.", 10, 14, akan));  // its edges are outside the stretch
  CHECK_FALSE(may_hold_token("akan", 2, 2, akan));
  CHECK(may_hold_token("s.d. 2023", 0, 9, std::vector<std::string>{"s.d"}));
  // Not ASCII, or a word that is not lower-case ASCII: no promise.
  CHECK(may_hold_token("Ｍicrosoft", 0, 11, akan));
  CHECK(may_hold_token("tidak", 0, 5, std::vector<std::string>{"Akan"}));
  CHECK(may_hold_token("tidak", 0, 5, std::vector<std::string>{""}));
  CHECK(may_hold_token("tidak", 0, 5, std::vector<std::string>{"été"}));
  // Never "no" where tokenize finds one: every text of up to 5 characters
  // over an alphabet of letters, digits, "_" and punctuation, every stretch.
  const std::vector<std::string> words = {"ab", "a", "1", "a1", "a.b", ".", "'"};
  std::vector<std::string> texts = every_text("aAb1_.' -", 5);
  std::size_t skipped = 0;
  for (const auto& text : texts) {
    std::vector<Token> tokens = tokenize(text);
    for (std::size_t from = 0; from <= text.size(); ++from)
      for (std::size_t to = from; to <= text.size(); ++to)
        for (const auto& w : words) {
          bool found = std::any_of(tokens.begin(), tokens.end(),
                                   [&](const Token& t) { return t.begin >= from && t.end <= to && t.folded == w; });
          bool maybe = may_hold_token(text, from, to, std::span(&w, 1));
          if (found && !maybe) FAIL_CHECK("\"" << text << "\" [" << from << ", " << to << ") holds " << w);
          skipped += !maybe;
        }
  }
  CHECK(skipped > texts.size());  // it does say "no", and often
}
