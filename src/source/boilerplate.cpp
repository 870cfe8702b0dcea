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

namespace {

// Lines no sensible rule drops whole, made of characters rather than words:
// every printable ASCII character, twice, with a space between; then the same
// with two letters beyond ASCII. A pattern that matches one of them matches
// any line.
std::vector<std::string> any_line_probes() {
  std::string ascii;
  for (char c = '!'; c <= '~'; ++c) ascii += c;
  std::string line = ascii + " " + ascii;
  return {line, line + " \xC3\xA9\xE4\xB8\xAD"};  // U+00E9, U+4E2D
}

// Why a rule would drop nearly every line, or nullopt. A `prefixes` or
// `contains` entry of one character (or only spaces) is in nearly every line;
// a pattern that matches the empty string has nothing a line must hold, and
// one that matches a probe line matches any line. RE2 keeps every match
// linear in the line; this is the other way a pattern runs away.
std::optional<std::string> drops_every_line(const std::string& key, const std::string& entry, const re2::RE2* re) {
  if (!re) {
    std::size_t chars = 0;
    for (char c : trim(entry)) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (key != "lines" && chars < 2)
      return fmt::format(
          "\"{}\" has {} character{} besides spaces, so it is in nearly every line; give more of the "
          "text it stands for",
          entry, chars, chars == 1 ? "" : "s");
    return std::nullopt;
  }
  if (full_match(*re, ""))
    return fmt::format(
        "pattern \"{}\" matches the empty string: nothing in it is required, so it can match lines "
        "that hold anything; make some of it required",
        entry);
  for (const auto& probe : any_line_probes())
    if (full_match(*re, probe))
      return fmt::format(
          "pattern \"{}\" matches any line (it matches a line of every printable character), so it "
          "would drop every line of up to {} bytes; match only the boilerplate's own text",
          entry, k_max_boilerplate_line);
  return std::nullopt;
}

}  // namespace

namespace {

void read_rules(const JsonDoc& doc, Boilerplate& out, std::vector<Diagnostic>& problems) {
  if (!doc.json.is_object()) return problems.push_back(doc.error_at("", "a boilerplate file must be a JSON object"));
  bool patterns_ok = true;
  const std::size_t first_pattern = out.pattern_texts.size();
  for (const auto& [key, value] : doc.json.items()) {
    std::string at = "/" + key;
    if (key == "comment") continue;
    std::vector<std::string>* list = key == "lines"      ? &out.lines
                                     : key == "prefixes" ? &out.prefixes
                                     : key == "contains" ? &out.contains
                                                         : nullptr;
    if (!list && key != "patterns") {
      problems.push_back(
          doc.error_at_key(at, fmt::format("unknown key \"{}\" (expected lines, prefixes, contains, patterns)", key)));
      continue;
    }
    if (!value.is_array()) {
      problems.push_back(doc.error_at(at, fmt::format("\"{}\" must be an array of strings", key)));
      patterns_ok = patterns_ok && list;
      continue;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::string item_at = at + "/" + std::to_string(i);
      if (!value[i].is_string() || value[i].get<std::string>().empty()) {
        problems.push_back(doc.error_at(item_at, "expected a non-empty string"));
        patterns_ok = patterns_ok && list;
        continue;
      }
      const std::string& s = value[i].get<std::string>();
      if (list) {
        if (auto why = drops_every_line(key, s, nullptr))
          problems.push_back(doc.error_at(item_at, *why));
        else
          list->push_back(text::fold_case(key == "contains" ? s : std::string(trim(s))));
        continue;
      }
      auto re = compile(s);
      std::optional<std::string> why;
      if (!re->ok())
        why = fmt::format("not a valid regular expression (RE2 syntax): {}", re->error());
      else
        why = drops_every_line(key, s, re.get());
      if (why) {
        problems.push_back(doc.error_at(item_at, *why));
        patterns_ok = false;
        continue;
      }
      out.pattern_texts.push_back(s);
      out.patterns.push_back(std::move(re));
    }
  }
  // Every line is matched against all patterns at once: one pass of RE2's automaton.
  if (patterns_ok && out.pattern_texts.size() > first_pattern) {
    std::string all;
    for (const auto& p : out.pattern_texts) all += (all.empty() ? "(?:" : "|(?:") + p + ")";
    auto any = compile(all);
    if (!any->ok())
      problems.push_back(
          doc.error_at("/patterns", fmt::format("the patterns together are too large for RE2: {}", any->error())));
    else
      out.any_pattern = std::move(any);
  }
}

}  // namespace

void check_boilerplate(const JsonDoc& doc, Boilerplate& out, std::vector<Diagnostic>& all_problems) {
  std::vector<Diagnostic> problems;  // this file's, put in the order of the file at the end
  read_rules(doc, out, problems);
  sort_by_position(problems);
  all_problems.insert(all_problems.end(), std::make_move_iterator(problems.begin()),
                      std::make_move_iterator(problems.end()));
}

std::optional<Diagnostic> parse_boilerplate(const JsonDoc& doc, Boilerplate& out) {
  std::vector<Diagnostic> problems;
  check_boilerplate(doc, out, problems);
  if (problems.empty()) return std::nullopt;
  return problems.front();
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
  if (first && others > 0) first->message += fmt::format(" (and {} more such line{})", others, others == 1 ? "" : "s");
  return first;
}

}  // namespace mstl
