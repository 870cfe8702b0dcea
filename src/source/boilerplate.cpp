#include "mstimeline/boilerplate.hpp"

#include <unordered_set>

#include <fmt/format.h>
#include <re2/re2.h>

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

// Case folding shrinks text by at most this factor (KELVIN SIGN, three bytes,
// folds to "k"): a line longer than this many times the longest `lines` entry
// cannot be one of them, and is not folded to find out.
constexpr std::size_t k_fold_shrink = 3;

RE2::Options pattern_options() {
  RE2::Options o;  // UTF-8, case-sensitive, as written
  o.set_log_errors(false);
  return o;
}

std::shared_ptr<const re2::RE2> compile(const std::string& pattern) {
  return std::make_shared<const re2::RE2>(pattern, pattern_options());
}

bool full_match(const re2::RE2& re, std::string_view t) {
  return re2::RE2::FullMatch(re2::StringPiece(t.data(), t.size()), re);
}

std::size_t longest(const std::vector<std::string>& v) {
  std::size_t n = 0;
  for (const auto& s : v) n = std::max(n, s.size());
  return n;
}

}  // namespace

bool Boilerplate::matches(std::string_view line) const {
  std::string scratch;
  return matches(line, scratch);
}

bool Boilerplate::matches(std::string_view line, std::string& scratch) const {
  std::string_view t = trim(line);
  if (t.empty()) return false;
  bool long_line = t.size() > k_max_boilerplate_line;
  if (long_line && t.size() > k_fold_shrink * longest(lines)) return false;  // only a `lines` rule could match
  text::fold_case(t, scratch);
  const std::string& folded = scratch;
  for (const auto& l : lines)
    if (folded == l) return true;
  if (long_line) return false;
  for (const auto& p : prefixes)
    if (folded.compare(0, p.size(), p) == 0) return true;
  for (const auto& c : contains)
    if (folded.find(c) != std::string::npos) return true;
  return any_pattern && full_match(*any_pattern, t);
}

std::optional<BoilerplateRule> Boilerplate::rule_matching(std::string_view line) const {
  using Kind = BoilerplateRule::Kind;
  std::string_view t = trim(line);
  if (t.empty()) return std::nullopt;
  std::string folded = text::fold_case(t);
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (folded == lines[i]) return BoilerplateRule{Kind::line, i};
  for (std::size_t i = 0; i < prefixes.size(); ++i)
    if (folded.compare(0, prefixes[i].size(), prefixes[i]) == 0) return BoilerplateRule{Kind::prefix, i};
  for (std::size_t i = 0; i < contains.size(); ++i)
    if (folded.find(contains[i]) != std::string::npos) return BoilerplateRule{Kind::contains, i};
  for (std::size_t i = 0; i < patterns.size(); ++i)
    if (full_match(*patterns[i], t)) return BoilerplateRule{Kind::pattern, i};
  return std::nullopt;
}

std::string Boilerplate::describe(BoilerplateRule rule) const {
  using Kind = BoilerplateRule::Kind;
  switch (rule.kind) {
    case Kind::line:
      return fmt::format("line \"{}\"", lines.at(rule.index));
    case Kind::prefix:
      return fmt::format("prefix \"{}\"", prefixes.at(rule.index));
    case Kind::contains:
      return fmt::format("contains \"{}\"", contains.at(rule.index));
    case Kind::pattern:
      return fmt::format("pattern \"{}\"", pattern_texts.at(rule.index));
  }
  return {};
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
      auto re = compile(s);
      if (!re->ok()) return doc.error_at(item_at, fmt::format("not a valid regular expression (RE2 syntax): {}", re->error()));
      out.pattern_texts.push_back(s);
      out.patterns.push_back(std::move(re));
    }
  }
  // Every line is matched against all patterns at once: one pass of RE2's automaton.
  if (!out.patterns.empty()) {
    std::string all;
    for (const auto& p : out.pattern_texts) all += (all.empty() ? "(?:" : "|(?:") + p + ")";
    auto any = compile(all);
    if (!any->ok())
      return doc.error_at("/patterns", fmt::format("the patterns together are too large for RE2: {}", any->error()));
    out.any_pattern = std::move(any);
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

std::optional<Diagnostic> long_boilerplate_lines(const std::string& path, std::string_view text,
                                                 const Boilerplate& rules) {
  std::optional<Diagnostic> first;
  std::size_t others = 0;
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view t = trim(text.substr(begin, end - begin));
    begin = end + 1;
    if (t.size() <= k_max_boilerplate_line) continue;
    auto rule = rules.rule_matching(t);
    if (!rule || rule->kind == BoilerplateRule::Kind::line) continue;
    if (first) {
      ++others;
      continue;
    }
    first = locate(path, text, static_cast<std::size_t>(t.data() - text.data()),
                   fmt::format("boilerplate rule {} matches this line of {} bytes, longer than the {} bytes a "
                               "boilerplate line may have; the line is kept as article text",
                               rules.describe(*rule), t.size(), k_max_boilerplate_line));
  }
  if (first && others > 0)
    first->message += fmt::format(" (and {} more such line{})", others, others == 1 ? "" : "s");
  return first;
}

}  // namespace mstl
