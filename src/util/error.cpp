#include "mstimeline/error.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "mstimeline/decode.hpp"

namespace mstl {
namespace {

// Characters as a terminal shows them: a well-formed UTF-8 sequence is one,
// and so is each byte of an ill-formed one (shown as U+FFFD).
std::size_t char_length(std::string_view s, std::size_t i) {
  std::size_t len = utf8_sequence_length(s, i);
  return len ? len : 1;
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += char_length(s, i)) ++n;
  return n;
}

// A line longer than this many characters is shown around the caret only: a
// minified JSON file or an extract part is one long line, of which only the
// neighbourhood helps.
constexpr std::size_t k_shown_whole = 160;
constexpr std::size_t k_shown_before = 60;
constexpr std::size_t k_shown_after = 60;

// The part of `line` around character `at` (0-based) fit for a terminal:
// control characters and ill-formed bytes become U+FFFD and tabs spaces, one
// character each, so the caret stays under its character; "…" marks what
// was cut. Sets `caret` to the character the caret goes under.
// One character for a terminal: control characters and ill-formed bytes
// as U+FFFD, a tab as a space.
void append_printable(std::string& out, std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c == '\t')
    out += ' ';
  else if (c < 0x20 || c == 0x7F || utf8_sequence_length(s, i) == 0)
    out += "\xEF\xBF\xBD";
  else
    out += s.substr(i, char_length(s, i));
}

std::string printable(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); i += char_length(s, i)) append_printable(out, s, i);
  return out;
}

std::string excerpt(std::string_view line, std::size_t at, std::size_t& caret) {
  bool whole = count_code_points(line) <= k_shown_whole;
  std::size_t first = whole || at <= k_shown_before ? 0 : at - k_shown_before;
  std::size_t last = whole ? k_shown_whole : at + k_shown_after;  // exclusive
  std::string out;
  if (first > 0) out += "\xE2\x80\xA6";
  std::size_t n = 0, i = 0;
  for (; i < line.size() && n < last; i += char_length(line, i), ++n) {
    if (n >= first) append_printable(out, line, i);
  }
  if (i < line.size()) out += "\xE2\x80\xA6";
  caret = at - first + (first > 0 ? 1 : 0);
  return out;
}

}  // namespace

std::string Diagnostic::to_string(std::string_view severity) const {
  // Paths and messages can quote input (a file name, the byte a parser
  // stopped at): shown printable, as the line is.
  std::string shown_path = printable(path);
  std::string where = line == 0 ? fmt::format("{}:", shown_path) : fmt::format("{}:{}:{}:", shown_path, line, column);
  std::string out = severity.empty() ? fmt::format("{} {}", where, printable(message))
                                     : fmt::format("{} {}: {}", where, severity, printable(message));
  if (line != 0 && !line_text.empty()) {
    std::size_t caret = 0;
    std::string shown = excerpt(line_text, column - 1, caret);
    out += fmt::format("\n  {}\n  {}^", shown, std::string(caret, ' '));
  }
  return out;
}

Diagnostic locate(std::string path, std::string_view text, std::size_t offset, std::string message) {
  if (offset > text.size()) offset = text.size();
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  std::size_t line_end = text.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = text.size();
  std::string_view line_text = text.substr(line_start, line_end - line_start);
  if (!line_text.empty() && line_text.back() == '\r') line_text.remove_suffix(1);
  Diagnostic d;
  d.path = std::move(path);
  d.line = line;
  d.column = count_code_points(text.substr(line_start, offset - line_start)) + 1;
  d.message = std::move(message);
  d.line_text = std::string(line_text);
  return d;
}

void sort_by_position(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
}

}  // namespace mstl
