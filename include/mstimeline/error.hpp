// Errors and diagnostics.
//
// Two layers, as in the rest of the code base: parsers of user files return
// an Expected<T> whose error is a Diagnostic with a path, a line and a column;
// higher layers throw one mstl::Error whose message is already fit for a user.
// main() catches once, prints `mstimeline: error: ...` and returns the exit
// code the error carries.
//
// A Diagnostic renders like a compiler's (and ninja's) message:
//
//   data/lexicon/id.json:4:15: expected an array of 12 month entries
//     "months": {"januari": 1},
//               ^
//
// Lines and columns are 1-based; columns count Unicode code points, so the
// caret sits under the offending character in a UTF-8 terminal.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace mstl {

// Documented exit codes (README, `mstimeline --help`).
enum class ExitCode : int {
  ok = 0,            // success
  check_failed = 1,  // `--check`: the output differs from the file, or the file is missing
  input = 2,         // usage error, or input that cannot be used
  internal = 3,      // a bug: an unexpected failure inside mstimeline
};

struct Diagnostic {
  std::string path;
  std::size_t line = 0;    // 1-based; 0 when the problem has no position
  std::size_t column = 0;  // 1-based, in code points
  std::string message;
  std::string line_text;  // the offending line, without its line end

  // `path:line:col: message`, then the line and a caret when known. A
  // severity ("warning", "error") goes after the location, as compilers do.
  std::string to_string(std::string_view severity = {}) const;
};

// Diagnostics of one file in the order of the file (by line, then column;
// those without a position first), whatever order the rules found them in.
void sort_by_position(std::vector<Diagnostic>& diagnostics);

// Line and column of a byte offset in UTF-8 text, plus that line's text.
Diagnostic locate(std::string path, std::string_view text, std::size_t offset, std::string message);

class Error : public std::runtime_error {
 public:
  explicit Error(std::string message, ExitCode code = ExitCode::input)
      : std::runtime_error(std::move(message)), m_code(code) {}
  explicit Error(const Diagnostic& d) : std::runtime_error(d.to_string()), m_code(ExitCode::input), m_diagnostic(d) {}
  ExitCode code() const { return m_code; }
  const std::optional<Diagnostic>& diagnostic() const { return m_diagnostic; }

 private:
  ExitCode m_code;
  std::optional<Diagnostic> m_diagnostic;
};

// A value or a Diagnostic, for parsers of user files.
template <class T>
class Expected {
 public:
  Expected(T value) : m_v(std::move(value)) {}           // NOLINT: implicit by design
  Expected(Diagnostic error) : m_v(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(m_v); }
  const T& value() const { return std::get<0>(m_v); }
  const Diagnostic& error() const { return std::get<1>(m_v); }
  // The value, or throw the diagnostic as an Error.
  T take() {
    if (!ok()) throw Error(error());
    return std::move(value());
  }

 private:
  std::variant<T, Diagnostic> m_v;
};

}  // namespace mstl
