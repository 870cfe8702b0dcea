#include "mstimeline/path_dates.hpp"

#include <array>

#include <fmt/format.h>

#include "mstimeline/timex.hpp"

namespace mstl {
namespace {

constexpr int k_min_year_bound = 1;  // a four-digit field, and a year the calendar code accepts
constexpr int k_max_year_bound = 9999;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_field(PathDatePieceKind kind) {
  switch (kind) {
    case PathDatePieceKind::year:
    case PathDatePieceKind::month:
    case PathDatePieceKind::day:
      return true;
    case PathDatePieceKind::literal:
    case PathDatePieceKind::any:
      return false;
  }
  return false;
}

std::size_t field_width(PathDatePieceKind kind) { return kind == PathDatePieceKind::year ? 4 : 2; }

struct FieldName {
  std::string_view name;
  PathDatePieceKind kind;
};
constexpr std::array<FieldName, 3> k_fields = {{
    {"{yyyy}", PathDatePieceKind::year},
    {"{mm}", PathDatePieceKind::month},
    {"{dd}", PathDatePieceKind::day},
}};

// Splits a pattern into pieces; an error message when it is malformed.
std::optional<std::string> compile(std::string_view text, std::vector<PathDatePiece>& out) {
  std::array<int, 3> seen = {0, 0, 0};
  bool star_in_component = false;
  if (!text.empty() && text.front() == '/')
    return fmt::format("pattern \"{}\" starts with \"/\"; it starts at a path component", text);
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '{') {
      std::size_t close = text.find('}', i);
      if (close == std::string_view::npos) return fmt::format("pattern \"{}\" has a \"{{\" without \"}}\"", text);
      std::string_view name = text.substr(i, close + 1 - i);
      std::size_t f = 0;
      while (f < k_fields.size() && k_fields[f].name != name) ++f;
      if (f == k_fields.size())
        return fmt::format("unknown field \"{}\" in pattern \"{}\" (expected {{yyyy}}, {{mm}}, {{dd}})", name, text);
      if (++seen[f] > 1) return fmt::format("{} appears twice in pattern \"{}\"", name, text);
      out.push_back({k_fields[f].kind, {}});
      i = close + 1;
      continue;
    }
    if (c == '}') return fmt::format("pattern \"{}\" has a \"}}\" without \"{{\"", text);
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/')
      return fmt::format("pattern \"{}\" has an empty path component (\"//\")", text);
    if (c == '/') star_in_component = false;
    if (c == '*') {
      if (star_in_component) return fmt::format("pattern \"{}\" has two \"*\" between slashes", text);
      star_in_component = true;
      out.push_back({PathDatePieceKind::any, {}});
      ++i;
      continue;
    }
    if (out.empty() || out.back().kind != PathDatePieceKind::literal) out.push_back({PathDatePieceKind::literal, {}});
    out.back().literal += c;
    ++i;
  }
  for (std::size_t f = 0; f < k_fields.size(); ++f)
    if (seen[f] == 0) return fmt::format("pattern \"{}\" has no {}", text, k_fields[f].name);
  // A field's digits never touch another digit of the path, so a digit written beside one could never match.
  for (std::size_t p = 0; p < out.size(); ++p) {
    if (!is_field(out[p].kind)) continue;
    bool digit_before = p > 0 && out[p - 1].kind == PathDatePieceKind::literal && is_digit(out[p - 1].literal.back());
    bool digit_after =
        p + 1 < out.size() && out[p + 1].kind == PathDatePieceKind::literal && is_digit(out[p + 1].literal.front());
    if (digit_before || digit_after)
      return fmt::format("pattern \"{}\" has a digit beside a field, which can never match", text);
  }
  return std::nullopt;
}

// One pattern tried from one place in a path. It backtracks only over `*`,
// which never crosses a `/`; every other piece has a fixed width and there is
// at most one `*` between slashes, so only one length of a `*` can lead on to
// the next `/`: a try costs at most the path's length times the pattern's.
class PatternMatch {
 public:
  PatternMatch(std::string_view path, const PathDatePattern& pattern) : m_path(path), m_pattern(pattern) {}

  std::optional<std::string> from(std::size_t at) {
    if (!match(0, at)) return std::nullopt;
    return m_date;
  }

 private:
  bool match(std::size_t piece, std::size_t at) {
    const auto& pieces = m_pattern.pieces;
    if (piece == pieces.size()) return date_ok();
    const PathDatePiece& p = pieces[piece];
    switch (p.kind) {
      case PathDatePieceKind::literal:
        return literal_at(p.literal, at) && match(piece + 1, at + p.literal.size());
      case PathDatePieceKind::any:
        for (std::size_t end = at;; ++end) {
          if (match(piece + 1, end)) return true;
          if (end == m_path.size() || m_path[end] == '/') return false;
        }
      case PathDatePieceKind::year:
      case PathDatePieceKind::month:
      case PathDatePieceKind::day:
        return field_at(piece, at) && match(piece + 1, at + field_width(p.kind));
    }
    return false;
  }

  bool literal_at(std::string_view literal, std::size_t at) const {
    if (m_path.size() - at < literal.size()) return false;
    for (std::size_t i = 0; i < literal.size(); ++i)
      if (ascii_lower(m_path[at + i]) != ascii_lower(literal[i])) return false;
    return true;
  }

  // Reads the field's digits into its slot. Fields side by side share one run of digits, whose ends must not touch
  // another digit.
  bool field_at(std::size_t piece, std::size_t at) {
    const auto& pieces = m_pattern.pieces;
    std::size_t width = field_width(pieces[piece].kind);
    if (m_path.size() - at < width) return false;
    int value = 0;
    for (std::size_t i = at; i < at + width; ++i) {
      if (!is_digit(m_path[i])) return false;
      value = value * 10 + (m_path[i] - '0');
    }
    bool run_starts = piece == 0 || !is_field(pieces[piece - 1].kind);
    bool run_ends = piece + 1 == pieces.size() || !is_field(pieces[piece + 1].kind);
    if (run_starts && at > 0 && is_digit(m_path[at - 1])) return false;
    if (run_ends && at + width < m_path.size() && is_digit(m_path[at + width])) return false;
    switch (pieces[piece].kind) {
      case PathDatePieceKind::year:
        m_year = value;
        break;
      case PathDatePieceKind::month:
        m_month = value;
        break;
      case PathDatePieceKind::day:
        m_day = value;
        break;
      case PathDatePieceKind::literal:
      case PathDatePieceKind::any:
        break;
    }
    return true;
  }

  bool date_ok() {
    if (m_year < m_pattern.min_year || m_year > m_pattern.max_year) return false;
    auto day = make_day(m_year, m_month, m_day);
    if (!day) return false;
    m_date = day->value;
    return true;
  }

  std::string_view m_path;
  const PathDatePattern& m_pattern;
  int m_year = 0;
  int m_month = 0;
  int m_day = 0;
  std::string m_date;
};

std::optional<std::string> date_by(std::string_view path, const PathDatePattern& pattern) {
  PatternMatch match(path, pattern);
  // Component starts, from the file name's outwards.
  for (std::size_t end = path.size();;) {
    std::size_t slash = end == 0 ? std::string_view::npos : path.rfind('/', end - 1);
    std::size_t start = slash == std::string_view::npos ? 0 : slash + 1;
    if (auto date = match.from(start)) return date;
    if (slash == std::string_view::npos) return std::nullopt;
    end = slash;
  }
}

// "min" or "max" of "years": a whole number the fields can hold.
std::optional<Diagnostic> read_year_bound(const JsonDoc& doc, const nlohmann::json& years, const char* key, int& out) {
  std::string at = fmt::format("/years/{}", key);
  auto it = years.find(key);
  if (it == years.end()) return doc.error_at("/years", fmt::format("\"years\" has no \"{}\"", key));
  if (!it->is_number_integer() || it->get<long long>() < k_min_year_bound || it->get<long long>() > k_max_year_bound)
    return doc.error_at(
        at, fmt::format("\"{}\" must be a whole number from {} to {}", key, k_min_year_bound, k_max_year_bound));
  out = it->get<int>();
  return std::nullopt;
}

std::optional<Diagnostic> read_years(const JsonDoc& doc, int& min_year, int& max_year) {
  auto it = doc.json.find("years");
  if (it == doc.json.end()) return doc.error_at("", "missing \"years\"");
  if (!it->is_object()) return doc.error_at("/years", "\"years\" must be an object {\"min\": YEAR, \"max\": YEAR}");
  for (const auto& [key, value] : it->items())
    if (key != "min" && key != "max")
      return doc.error_at_key(json_pointer_append("/years", key),
                              fmt::format("unknown key \"{}\" (expected min, max)", key));
  if (auto e = read_year_bound(doc, *it, "min", min_year)) return e;
  if (auto e = read_year_bound(doc, *it, "max", max_year)) return e;
  if (min_year > max_year)
    return doc.error_at("/years/min", fmt::format("\"min\" ({}) is after \"max\" ({})", min_year, max_year));
  return std::nullopt;
}

// One entry of "patterns": {"pattern": ..., "example": ..., "comment": ...}.
Expected<PathDatePattern> read_pattern(const JsonDoc& doc, const std::string& at, int min_year, int max_year) {
  const nlohmann::json& entry = doc.json.at(nlohmann::json::json_pointer(at));
  if (!entry.is_object()) return doc.error_at(at, "expected an object {\"pattern\": ..., \"example\": ...}");
  for (const auto& [key, value] : entry.items()) {
    if (key != "pattern" && key != "example" && key != "comment")
      return doc.error_at_key(json_pointer_append(at, key),
                              fmt::format("unknown key \"{}\" (expected pattern, example, comment)", key));
    if (!value.is_string() || value.get<std::string>().empty())
      return doc.error_at(json_pointer_append(at, key), fmt::format("\"{}\" must be a non-empty string", key));
  }
  for (const char* key : {"pattern", "example"})
    if (!entry.contains(key)) return doc.error_at(at, fmt::format("missing \"{}\"", key));
  PathDatePattern pattern;
  pattern.text = entry.at("pattern").get<std::string>();
  pattern.min_year = min_year;
  pattern.max_year = max_year;
  if (auto message = compile(pattern.text, pattern.pieces)) return doc.error_at(at + "/pattern", *message);
  const std::string& example = entry.at("example").get<std::string>();
  if (!date_by(example, pattern))
    return doc.error_at(at + "/example",
                        fmt::format("the example \"{}\" gives no date by pattern \"{}\"", example, pattern.text));
  return pattern;
}

}  // namespace

std::optional<Diagnostic> parse_path_dates(const JsonDoc& doc, PathDates& out) {
  if (!doc.json.is_object()) return doc.error_at("", "a path dates file must be a JSON object");
  for (const auto& [key, value] : doc.json.items())
    if (key != "comment" && key != "years" && key != "patterns")
      return doc.error_at_key(json_pointer_append("", key),
                              fmt::format("unknown key \"{}\" (expected comment, years, patterns)", key));
  int min_year = 0;
  int max_year = 0;
  if (auto e = read_years(doc, min_year, max_year)) return e;
  auto patterns = doc.json.find("patterns");
  if (patterns == doc.json.end()) return doc.error_at("", "missing \"patterns\"");
  if (!patterns->is_array()) return doc.error_at("/patterns", "\"patterns\" must be an array of objects");
  std::vector<PathDatePattern> read;
  for (std::size_t i = 0; i < patterns->size(); ++i) {
    auto pattern = read_pattern(doc, fmt::format("/patterns/{}", i), min_year, max_year);
    if (!pattern) return pattern.error();
    read.push_back(std::move(pattern.value()));
  }
  // All or nothing: a file with an error adds no pattern.
  for (auto& pattern : read) out.patterns.push_back(std::move(pattern));
  return std::nullopt;
}

std::optional<std::string> date_from_path(std::string_view relative_path, const PathDates& rules) {
  for (const auto& pattern : rules.patterns)
    if (auto date = date_by(relative_path, pattern)) return date;
  return std::nullopt;
}

}  // namespace mstl
