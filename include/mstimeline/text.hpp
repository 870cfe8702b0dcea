// Text segmentation and normalization (the ICU module).
//
// Only src/text/ includes ICU headers; everything else sees UTF-8
// std::string_view and byte offsets into it. ICU iterates the UTF-8 bytes in
// place through UText, so offsets come back as byte offsets with no
// conversion and no copy.
//
//   sentences("Halo dunia. Apa kabar?\nBaris baru")
//     -> [0,11) "Halo dunia."  [12,22) "Apa kabar?"  [23,33) "Baris baru"
//   tokenize("Rabu (25/1/2023)")
//     -> word "Rabu"; punct "("; number "25"; punct "/"; number "1"; punct "/";
//        number "2023"; punct ")"
//
// Sentences are ICU's (UAX #29, root locale) with two corrections, made by a
// SentenceSplitter:
//   - no break after a known abbreviation ("Dr. Budi", "PT. Maju Jaya"); the
//     list is per language, in the lexicon (`abbreviations`);
//   - a single line break inside an unfinished sentence (no closing
//     punctuation before it, a lowercase letter or digit after it) is a hard
//     wrap, not a break: "pada 10 Maret\n2023 lalu" is one sentence.
// Known limits, with an example each:
//   - a line without closing punctuation followed by a capitalized line stays
//     a sentence of its own, as a headline should ("Menerapkan Model OpenAI");
//   - an unknown abbreviation before a capitalized word still breaks ("Kol. Budi");
//   - digits joined by '.' or ',' are one number token ("13.05.2024", "2,5"),
//     while '/' and '-' separate numbers ("25/1/2023" is five tokens).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mstl::text {

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;  // exclusive
};

enum class TokenKind { word, number, punct };

struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;  // exclusive
  TokenKind kind = TokenKind::word;
  std::string folded;  // the token under ICU NFKC_Casefold: "Ｍａｒｅｔ" is "maret", "２０２３" is "2023"
};

// Splits text into sentences, trimmed of surrounding white space (empty ones
// are dropped). Safe to share between threads: each thread splits with its
// own clone of the ICU iterator, made on its first call.
class SentenceSplitter {
 public:
  // `abbreviations` as written, with their full stop: "Dr.", "PT.", "dkk.".
  explicit SentenceSplitter(const std::vector<std::string>& abbreviations = {});
  ~SentenceSplitter();
  SentenceSplitter(const SentenceSplitter&) = delete;
  SentenceSplitter& operator=(const SentenceSplitter&) = delete;

  std::vector<Span> split(std::string_view utf8) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// The same with no abbreviations.
std::vector<Span> sentences(std::string_view utf8);

// Words, numbers and punctuation; white space is dropped.
std::vector<Token> tokenize(std::string_view utf8);
// The same into `out`, reusing its elements' storage (for callers that
// tokenize many short stretches, such as the tagger's windows).
void tokenize(std::string_view utf8, std::vector<Token>& out);
// The same, all by ICU's word break iterator. tokenize() gives exactly this,
// but runs ASCII stretches through its own copy of ICU 72's UAX #29 rules for
// ASCII, several times faster (test_text checks the two agree; with another
// ICU version, tokenize() is this).
void tokenize_with_icu(std::string_view utf8, std::vector<Token>& out);

// Whether tokenize(s) can give a token lying within [from, to) whose folded
// text is one of `words`, decided on the bytes alone: false only when sure.
// Over ASCII a token folds by lower-casing, and no letter, digit or "_" stands
// right before or after a token whose edge is one (UAX #29 joins them into one
// word). Anything else, a byte of 0x80 or more in the stretch or a word
// that is not lower-case ASCII, gives true. Lets a caller skip tokenizing:
// may_hold_token("Telah digunakan.", 0, 16, {"akan"}) is false.
bool may_hold_token(std::string_view s, std::size_t from, std::size_t to, std::span<const std::string> words);

// Whether the code point that ends just before byte `at` of `utf8` (or starts
// at it) is a letter or a digit. Typographic quotes, dashes and no-break
// spaces are not: "“OpenAI”" names OpenAI as a whole word.
bool letter_or_digit_before(std::string_view utf8, std::size_t at);
bool letter_or_digit_at(std::string_view utf8, std::size_t at);

// Unicode full case folding ("JANUARI" -> "januari", "Straße" -> "strasse").
std::string fold_case(std::string_view utf8);
// ASCII white space runs as one space, none at either end: "  a\r\n b " is "a b".
std::string fold_spaces(std::string_view s);
// fold_spaces(a) == fold_spaces(b), and a hash of fold_spaces(s), without
// building either.
bool same_folding_spaces(std::string_view a, std::string_view b);
std::uint64_t hash_folding_spaces(std::string_view s);
void fold_case(std::string_view utf8, std::string& out);  // into `out`, reusing its storage

// Legacy charsets (src/text/charset.cpp). The names ICU's charset detector
// gives `bytes`, most likely first ("ISO-8859-1", "windows-1252", ...); empty
// when it has no opinion.
std::vector<std::string> detect_charsets(std::string_view bytes);
// The code point of every byte in a single-byte charset, by ICU's converter;
// U+FFFD for a byte the charset leaves unassigned. Empty when `name` is not a
// single-byte charset ICU knows.
std::vector<char32_t> single_byte_table(const std::string& name);

// The version of the ICU library in use ("72.1"): its rules decide sentences,
// words and case folding, so parts record it (record.hpp).
std::string icu_version();

}  // namespace mstl::text
