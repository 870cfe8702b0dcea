#include "mstimeline/lexicon.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mstimeline/text.hpp"
#include "mstimeline/timex.hpp"

namespace mstl {
namespace {

using nlohmann::json;

constexpr std::array<const char*, 14> k_keys = {
    "comment",     "language",  "name",       "fallback",        "months",          "weekdays",       "year_nouns",
    "month_nouns", "year_cues", "month_cues", "reference_nouns", "list_connectors", "function_words", "date_formats"};

// A word list entry must be one token: no white space, not empty.
bool is_word(const std::string& s) {
  return !s.empty() && s.find_first_of(" \t\r\n") == std::string::npos;
}

class LexiconReader {
 public:
  LexiconReader(const JsonDoc& doc, Lexicon& out) : m_doc(doc), m_out(out) {}

  std::optional<Diagnostic> run(const std::string& expected_language) {
    const json& root = m_doc.json;
    if (!root.is_object()) return m_doc.error_at("", "a lexicon must be a JSON object");
    for (const auto& [key, value] : root.items()) {
      if (std::find(k_keys.begin(), k_keys.end(), key) == k_keys.end())
        return m_doc.error_at_key(json_pointer_append("", key), fmt::format("unknown key \"{}\"", key));
    }
    if (auto e = string_field("language", m_out.language)) return e;
    if (m_out.language != expected_language)
      return m_doc.error_at("/language", fmt::format("\"language\" is \"{}\" but the file is named {}.json",
                                                     m_out.language, expected_language));
    if (auto e = string_field("name", m_out.name)) return e;
    if (auto it = root.find("fallback"); it != root.end()) {
      if (!it->is_boolean()) return m_doc.error_at("/fallback", "\"fallback\" must be true or false");
      m_out.fallback = it->get<bool>();
    }
    if (auto e = named_entries("months", m_out.month_names, m_out.months)) return e;
    if (auto e = named_entries("weekdays", m_out.weekday_names, m_out.weekdays)) return e;
    if (auto e = word_set("year_nouns", m_out.year_nouns)) return e;
    if (auto e = word_set("month_nouns", m_out.month_nouns)) return e;
    if (auto e = word_set("year_cues", m_out.year_cues)) return e;
    if (auto e = word_set("month_cues", m_out.month_cues)) return e;
    if (auto e = word_set("reference_nouns", m_out.reference_nouns)) return e;
    if (auto e = word_set("list_connectors", m_out.list_connectors)) return e;
    if (auto e = word_set("function_words", m_out.function_words)) return e;
    return date_formats();
  }

 private:
  const json* required(const char* key, std::optional<Diagnostic>& error) {
    auto it = m_doc.json.find(key);
    if (it == m_doc.json.end()) {
      error = m_doc.error_at("", fmt::format("missing required key \"{}\"", key));
      return nullptr;
    }
    return &*it;
  }

  std::optional<Diagnostic> string_field(const char* key, std::string& out) {
    std::optional<Diagnostic> error;
    const json* v = required(key, error);
    if (!v) return error;
    if (!v->is_string() || v->get<std::string>().empty())
      return m_doc.error_at(std::string("/") + key, fmt::format("\"{}\" must be a non-empty string", key));
    out = v->get<std::string>();
    return std::nullopt;
  }

  template <std::size_t N>
  std::optional<Diagnostic> named_entries(const char* key, std::array<std::string, N>& names,
                                          std::unordered_map<std::string, int>& index) {
    std::optional<Diagnostic> error;
    const json* v = required(key, error);
    if (!v) return error;
    std::string pointer = std::string("/") + key;
    if (!v->is_array() || v->size() != N)
      return m_doc.error_at(pointer, fmt::format("\"{}\" must be an array of {} entries", key, N));
    for (std::size_t i = 0; i < N; ++i) {
      std::string at = json_pointer_append(pointer, std::to_string(i));
      const json& entry = (*v)[i];
      if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string() ||
          !entry.contains("variants") || !entry["variants"].is_array())
        return m_doc.error_at(at, "an entry must be {\"name\": string, \"variants\": [strings]}");
      names[i] = entry["name"].get<std::string>();
      if (auto e = add_variants(entry["variants"], at + "/variants", static_cast<int>(i + 1), index)) return e;
      index.emplace(text::fold_case(names[i]), static_cast<int>(i + 1));
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> add_variants(const json& variants, const std::string& pointer, int value,
                                         std::unordered_map<std::string, int>& index) {
    for (std::size_t k = 0; k < variants.size(); ++k) {
      std::string at = json_pointer_append(pointer, std::to_string(k));
      if (!variants[k].is_string() || !is_word(variants[k].get<std::string>()))
        return m_doc.error_at(at, "a variant must be a single word");
      auto [it, fresh] = index.emplace(text::fold_case(variants[k].get<std::string>()), value);
      if (!fresh && it->second != value)
        return m_doc.error_at(at, fmt::format("variant \"{}\" already names entry {}", variants[k].get<std::string>(),
                                              it->second));
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> word_set(const char* key, std::unordered_set<std::string>& out) {
    auto it = m_doc.json.find(key);
    if (it == m_doc.json.end()) return std::nullopt;  // word lists are optional
    std::string pointer = std::string("/") + key;
    if (!it->is_array()) return m_doc.error_at(pointer, fmt::format("\"{}\" must be an array of words", key));
    for (std::size_t k = 0; k < it->size(); ++k) {
      const json& w = (*it)[k];
      if (!w.is_string() || !is_word(w.get<std::string>()))
        return m_doc.error_at(json_pointer_append(pointer, std::to_string(k)), "an entry must be a single word");
      out.insert(text::fold_case(w.get<std::string>()));
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> date_formats() {
    auto it = m_doc.json.find("date_formats");
    if (it == m_doc.json.end()) return std::nullopt;
    if (!it->is_object()) return m_doc.error_at("/date_formats", "\"date_formats\" must be an object");
    for (const auto& [key, value] : it->items()) {
      std::string at = json_pointer_append("/date_formats", key);
      if (!precision_from_string(key))
        return m_doc.error_at(at, fmt::format("unknown precision \"{}\" (year, half, quarter, month, week, day)", key));
      if (!value.is_string()) return m_doc.error_at(at, "a date format must be a string");
      try {
        (void)fmt::format(fmt::runtime(value.get<std::string>()), fmt::arg("year", ""), fmt::arg("month", ""),
                          fmt::arg("day", 1), fmt::arg("week", ""), fmt::arg("quarter", ""), fmt::arg("half", ""));
      } catch (const fmt::format_error& e) {
        return m_doc.error_at(at, fmt::format("bad date format: {} (fields: {{year}} {{month}} {{day}} {{week}} "
                                              "{{quarter}} {{half}})", e.what()));
      }
      m_out.date_formats[key] = value.get<std::string>();
    }
    return std::nullopt;
  }

  const JsonDoc& m_doc;
  Lexicon& m_out;
};

}  // namespace

int Lexicon::month_of(std::string_view folded) const {
  auto it = months.find(std::string(folded));
  return it == months.end() ? 0 : it->second;
}

int Lexicon::weekday_of(std::string_view folded) const {
  auto it = weekdays.find(std::string(folded));
  return it == weekdays.end() ? 0 : it->second;
}

std::string write_date(const DateValue& date, const Lexicon& lexicon) {
  auto it = lexicon.date_formats.find(std::string(to_string(date.precision)));
  if (it == lexicon.date_formats.end()) return date.value;
  const std::string& v = date.value;
  auto ymd = std::chrono::year_month_day(date.period.start);
  unsigned month = static_cast<unsigned>(ymd.month());
  std::string part = v.size() > 6 ? v.substr(6) : std::string();  // "46" of 2023-W46, "1" of 2024-Q1
  return fmt::format(fmt::runtime(it->second), fmt::arg("year", v.substr(0, 4)),
                     fmt::arg("month", lexicon.month_names[month - 1]),
                     fmt::arg("day", static_cast<unsigned>(ymd.day())), fmt::arg("week", part),
                     fmt::arg("quarter", part), fmt::arg("half", part));
}

Expected<Lexicon> parse_lexicon(const JsonDoc& doc, const std::string& expected_language) {
  Lexicon lexicon;
  if (auto error = LexiconReader(doc, lexicon).run(expected_language)) return *error;
  return lexicon;
}

}  // namespace mstl
