// Boilerplate: lines of a page that are not the article (ads, "Baca juga",
// disclaimers, editor initials, ad-slot codes), as data under
// <data dir>/boilerplate/*.json:
//
//   {
//     "lines":    ["Advertisement", "Lihat Asli"],       // the whole trimmed line, any case
//     "prefixes": ["Baca juga:"],                        // the trimmed line starts so, any case
//     "contains": [" - the picture via: "],              // anywhere in the line, any case
//     "patterns": ["\\([A-Za-z]{2,5}/[A-Za-z]{2,5}\\)"]   // RE2 syntax, matching the whole trimmed line
//   }
//
// Every key is optional; unknown keys and patterns that do not compile are
// errors at their position. Patterns run on RE2, whose time is linear in the
// line, so no line and no pattern can make a match slow or deep. A rule that
// would drop nearly every line is refused too: a `prefixes` or `contains`
// entry of one character (or only spaces), a pattern that matches the empty
// string (".*", "(Iklan)?") or any line (".+", "\\S.*": checked on a line of
// every printable character).
//
// Boilerplate lines are never cited and never an event; so are lines that
// repeat an earlier line of the same article. A rule never costs more than a
// short line: a prefix, contains or pattern rule drops a line only when its
// trimmed text is at most k_max_boilerplate_line bytes. A longer line holds
// article text (a page without line breaks: the whole article is one line),
// so it is kept whole, and long_boilerplate_lines() says so as a warning.
// Only a `lines` rule, which names the line's whole text, drops a line of any
// length. Example: with the prefix "Baca juga:", the line "Baca juga: Harga
// minyak naik" is dropped, but a 5,000-byte line that starts "Baca juga: …"
// and goes on with the article is kept, with a warning at its line.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/error.hpp"
#include "mstimeline/json_doc.hpp"
#include "mstimeline/text.hpp"

namespace re2 {
class RE2;
}

namespace mstl {

// The longest trimmed line, in bytes, that a prefix, contains or pattern rule drops.
inline constexpr std::size_t k_max_boilerplate_line = 400;

// Which rule matched a line: its list and its place there.
struct BoilerplateRule {
  enum class Kind { line, prefix, contains, pattern };
  Kind kind;
  std::size_t index;
};

struct Boilerplate {
  std::vector<std::string> lines;                         // case-folded
  std::vector<std::string> prefixes;                      // case-folded
  std::vector<std::string> contains;                      // case-folded
  std::vector<std::string> pattern_texts;                 // as written
  std::vector<std::shared_ptr<const re2::RE2>> patterns;  // compiled, one per text
  std::shared_ptr<const re2::RE2> any_pattern;            // all of them as one alternation

  bool matches(std::string_view line) const;                        // one line, with or without its line end
  bool matches(std::string_view line, std::string& scratch) const;  // the same, folding into `scratch`
  // The first rule that matches the trimmed line, whatever its length (the
  // length limit is not applied).
  std::optional<BoilerplateRule> rule_matching(std::string_view line) const;
  // A rule as a warning names it: `prefix "Baca juga:"`.
  std::string describe(BoilerplateRule rule) const;
};

// Adds the rules of one file to `out`, and appends every problem of the file
// to `problems` in the order the rules were read (the one validator).
void check_boilerplate(const JsonDoc& doc, Boilerplate& out, std::vector<Diagnostic>& problems);
// The same, returning the first problem.
std::optional<Diagnostic> parse_boilerplate(const JsonDoc& doc, Boilerplate& out);

// The lines of `text` that are article text: not boilerplate, not empty, not
// a repeat of an earlier line (compared with white space folded). Spans
// exclude line ends.
std::vector<text::Span> content_lines(std::string_view text, const Boilerplate& rules);

// The warning for the lines of `text` (the decoded text of `path`) that a
// rule matches but that are longer than k_max_boilerplate_line, so are kept:
// at the first such line, with the count of the others; nullopt when none.
std::optional<Diagnostic> long_boilerplate_lines(const std::string& path, std::string_view text,
                                                 const Boilerplate& rules);

}  // namespace mstl
