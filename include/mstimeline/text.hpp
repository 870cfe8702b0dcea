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
// Known limits of ICU's rules (UAX #29, root locale), with an example each:
//   - a sentence ends at every line break, so a headline without a full stop
//     is a sentence of its own ("Menerapkan Model OpenAI");
//   - an abbreviation followed by a capitalized word ends a sentence
//     ("Jl. Sudirman" splits after "Jl.");
//   - digits joined by '.' or ',' are one number token ("13.05.2024", "2,5"),
//     while '/' and '-' separate numbers ("25/1/2023" is five tokens).
#pragma once

#include <cstddef>
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
  std::string folded;   // Unicode case-folded text of the token
};

// Sentences, trimmed of surrounding white space; empty ones are dropped.
std::vector<Span> sentences(std::string_view utf8);

// Words, numbers and punctuation; white space is dropped.
std::vector<Token> tokenize(std::string_view utf8);

// Unicode full case folding ("JANUARI" -> "januari", "Straße" -> "strasse").
std::string fold_case(std::string_view utf8);

}  // namespace mstl::text
