#include "mstimeline/boilerplate.hpp"

#include <unordered_set>

#include <fmt/format.h>

namespace mstl {
namespace {

using nlohmann::json;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  // NO-BREAK SPACE at either end
  while (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
  while (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
  return s;
}

}  // namespace

bool Boilerplate::matches(std::string_view line) const {
  std::string scratch;
  return matches(line, scratch);
}

bool Boilerplate::matches(std::string_view line, std::string& scratch) const {
  std::string_view t = trim(line);
  if (t.empty()) return false;
  text::fold_case(t, scratch);
  const std::string& folded = scratch;
  for (const auto& l : lines)
    if (folded == l) return true;
  for (const auto& p : prefixes)
    if (folded.compare(0, p.size(), p) == 0) return true;
  for (const auto& c : contains)
    if (folded.find(c) != std::string::npos) return true;
  for (const auto& re : patterns)
    if (std::regex_match(t.begin(), t.end(), re)) return true;
  return false;
}

std::optional<Diagnostic> parse_boilerplate(const JsonDoc& doc, Boilerplate& out) {
  if (!doc.json.is_object()) return doc.error_at("", "a boilerplate file must be a JSON object");
  for (const auto& [key, value] : doc.json.items()) {
    std::string at = "/" + key;
    if (key == "comment") continue;
    std::vector<std::string>* list = key == "lines" ? &out.lines : key == "prefixes" ? &out.prefixes
                                     : key == "contains"                             ? &out.contains
                                                                                     : nullptr;
    if (!list && key != "patterns")
      return doc.error_at_key(at, fmt::format("unknown key \"{}\" (expected lines, prefixes, contains, patterns)", key));
    if (!value.is_array()) return doc.error_at(at, fmt::format("\"{}\" must be an array of strings", key));
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::string item_at = at + "/" + std::to_string(i);
      if (!value[i].is_string() || value[i].get<std::string>().empty())
        return doc.error_at(item_at, "expected a non-empty string");
      const std::string& s = value[i].get<std::string>();
      if (list) {
        list->push_back(text::fold_case(key == "contains" ? s : std::string(trim(s))));
        continue;
      }
      try {
        out.patterns.emplace_back(s, std::regex::ECMAScript | std::regex::optimize);
      } catch (const std::regex_error& e) {
        return doc.error_at(item_at, fmt::format("not a valid regular expression: {}", e.what()));
      }
    }
  }
  return std::nullopt;
}

std::vector<text::Span> content_lines(std::string_view text, const Boilerplate& rules) {
  std::vector<text::Span> out;
  // Lines seen, known by their text with white space folded, without a folded copy.
  struct Hash {
    std::size_t operator()(std::string_view line) const {
      return static_cast<std::size_t>(text::hash_folding_spaces(line));
    }
  };
  struct Same {
    bool operator()(std::string_view a, std::string_view b) const { return text::same_folding_spaces(a, b); }
  };
  std::unordered_set<std::string_view, Hash, Same> seen;
  std::string scratch;
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;  // folds to nothing
    if (!blank && !rules.matches(line, scratch) && seen.insert(line).second) {
      std::size_t e = end;
      while (e > begin && (text[e - 1] == '\r')) --e;
      out.push_back({begin, e});
    }
    begin = end + 1;
  }
  return out;
}

}  // namespace mstl
