#include "mstimeline/error.hpp"

#include <fmt/format.h>

namespace mstl {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += is_continuation(c) ? 0 : 1;
  return n;
}

}  // namespace

std::string Diagnostic::to_string(std::string_view severity) const {
  std::string where = line == 0 ? fmt::format("{}:", path) : fmt::format("{}:{}:{}:", path, line, column);
  std::string out = severity.empty() ? fmt::format("{} {}", where, message)
                                     : fmt::format("{} {}: {}", where, severity, message);
  if (line != 0 && !line_text.empty()) {
    out += fmt::format("\n  {}\n  {}^", line_text, std::string(column - 1, ' '));
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

}  // namespace mstl
