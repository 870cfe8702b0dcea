// Boilerplate: lines of a page that are not the article (ads, "Baca juga",
// disclaimers, editor initials, ad-slot codes), as data under
// <data dir>/boilerplate/*.json:
//
//   {
//     "lines":    ["Advertisement", "Lihat Asli"],       // the whole trimmed line, any case
//     "prefixes": ["Baca juga:"],                        // the trimmed line starts so, any case
//     "contains": [" - the picture via: "],              // anywhere in the line, any case
//     "patterns": ["\\([A-Za-z]{2,5}/[A-Za-z]{2,5}\\)"]   // ECMAScript, matching the whole trimmed line
//   }
//
// Every key is optional; unknown keys and patterns that do not compile are
// errors at their position. Boilerplate lines are never cited and never an
// event; so are lines that repeat an earlier line of the same article.
#pragma once

#include <filesystem>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/error.hpp"
#include "mstimeline/json_doc.hpp"
#include "mstimeline/text.hpp"

namespace mstl {

struct Boilerplate {
  std::vector<std::string> lines;     // case-folded
  std::vector<std::string> prefixes;  // case-folded
  std::vector<std::string> contains;  // case-folded
  std::vector<std::regex> patterns;

  bool matches(std::string_view line) const;  // one line, with or without its line end
  bool matches(std::string_view line, std::string& scratch) const;  // the same, folding into `scratch`
};

// Adds the rules of one file to `out`.
std::optional<Diagnostic> parse_boilerplate(const JsonDoc& doc, Boilerplate& out);

// The lines of `text` that are article text: not boilerplate, not empty, not
// a repeat of an earlier line (compared with white space folded). Spans
// exclude line ends.
std::vector<text::Span> content_lines(std::string_view text, const Boilerplate& rules);

}  // namespace mstl
