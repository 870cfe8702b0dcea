#include "mstimeline/lexicon.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "mstimeline/timex.hpp"

namespace mstl {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<std::string_view, Unit>, 11> k_units = {{{"day", Unit::day},
                                                                        {"week", Unit::week},
                                                                        {"month", Unit::month},
                                                                        {"quarter", Unit::quarter},
                                                                        {"half", Unit::half},
                                                                        {"year", Unit::year},
                                                                        {"decade", Unit::decade},
                                                                        {"century", Unit::century},
                                                                        {"hour", Unit::hour},
                                                                        {"minute", Unit::minute},
                                                                        {"second", Unit::second}}};

std::vector<std::string> phrase_words(const std::string& phrase) {
  std::vector<std::string> words;
  for (auto& t : text::tokenize(phrase)) words.push_back(std::move(t.folded));
  return words;
}

std::vector<int> intern_all(Vocabulary& v, const std::vector<std::string>& words) {
  std::vector<int> ids;
  for (const auto& w : words) ids.push_back(v.intern(w));
  return ids;
}

std::string join(const std::vector<std::string_view>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + std::string(items[i]);
  return out;
}

// Reads a lexicon file key by key. Each kind of key has one reader; the
// tables in run() say which key is of which kind and where it goes.
class LexiconReader {
 public:
  LexiconReader(const JsonDoc& doc, Lexicon& out) : m_doc(doc), m_out(out) {}

  std::optional<Diagnostic> run(const std::string& expected_language) {
    if (!m_doc.json.is_object()) return m_doc.error_at("", "a lexicon must be a JSON object");
    if (auto e = header(expected_language)) return e;
    if (auto e = named_entries("months", m_out.month_names, m_out.months)) return e;
    if (auto e = named_entries("weekdays", m_out.weekday_names, m_out.weekdays)) return e;

    Lexicon& x = m_out;
    for (auto [key, set] : {std::pair{"weekday_needs_day_noun", &x.weekday_needs_day_noun},
                            {"weekday_when_capitalized", &x.weekday_when_capitalized},
                            {"day_nouns", &x.day_nouns},
                            {"date_nouns", &x.date_nouns},
                            {"year_nouns", &x.year_nouns},
                            {"month_nouns", &x.month_nouns},
                            {"year_cues", &x.year_cues},
                            {"month_cues", &x.month_cues},
                            {"reference_nouns", &x.reference_nouns},
                            {"list_connectors", &x.list_connectors},
                            {"number_teens", &x.number_teens},
                            {"number_tens", &x.number_tens},
                            {"number_hundreds", &x.number_hundreds},
                            {"vague_counts", &x.vague_counts},
                            {"modifier_links", &x.modifier_links},
                            {"time_cues", &x.time_cues},
                            {"quarter_nouns", &x.quarter_nouns},
                            {"half_nouns", &x.half_nouns},
                            {"set_words", &x.set_words},
                            {"determiners", &x.determiners},
                            {"age_words", &x.age_words},
                            {"year_determiners", &x.year_determiners},
                            {"duration_cues", &x.duration_cues},
                            {"duration_terminals", &x.duration_terminals},
                            {"future_cues", &x.future_cues},
                            {"past_cues", &x.past_cues},
                            {"report_cues", &x.report_cues},
                            {"limit_cues", &x.limit_cues},
                            {"statement_cues", &x.statement_cues},
                            {"reported_clause_cues", &x.reported_clause_cues},
                            {"comparison_cues", &x.comparison_cues},
                            {"reference_cues", &x.reference_cues},
                            {"restatement_cues", &x.restatement_cues},
                            {"condition_cues", &x.condition_cues},
                            {"negation_cues", &x.negation_cues},
                            {"non_event_verbs", &x.non_event_verbs},
                            {"back_references", &x.back_references},
                            {"function_words", &x.function_words}})
      if (auto e = phrase_set(key, *set)) return e;
    for (auto [key, list] : {std::pair{"one_prefixes", &x.one_prefixes},
                             {"quarter_prefixes", &x.quarter_prefixes},
                             {"half_prefixes", &x.half_prefixes},
                             {"ordinal_suffixes", &x.ordinal_suffixes},
                             {"decade_suffixes", &x.decade_suffixes},
                             {"event_words", &x.event_words},
                             {"verb_prefixes", &x.verb_prefixes},
                             {"verb_suffixes", &x.verb_suffixes},
                             {"date_links", &x.date_links},
                             {"possessive_suffixes", &x.possessive_suffixes}})
      if (auto e = affixes(key, *list)) return e;
    for (auto [key, table] :
         {std::pair{"numbers", &x.numbers}, {"relative_days", &x.relative_days}, {"ordinals", &x.ordinals}})
      if (auto e = int_map(key, *table, -1000, 1000)) return e;
    for (auto [key, table, allowed] :
         {std::tuple{"modifiers", &x.modifiers, std::vector<std::string_view>{"START", "MID", "END", "APPROX"}},
          {"parts_of_day", &x.parts_of_day, {"MO", "MI", "AF", "EV", "NI"}},
          {"seasons", &x.seasons, {"SP", "SU", "FA", "WI"}},
          {"references", &x.references, {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}},
          {"time_zones", &x.time_zones, {}},
          {"vague_durations", &x.vague_durations, {}},
          {"set_adverbs", &x.set_adverbs, {}},
          {"meridiems", &x.meridiems, {"AM", "PM"}},
          {"clock_words", &x.clock_words, {}}})
      if (auto e = code_map(key, *table, allowed)) return e;
    if (auto e = unit_map()) return e;
    for (auto [key, dirs] : {std::pair{"unit_directions", &x.unit_directions},
                             {"count_directions", &x.count_directions},
                             {"narrative_directions", &x.narrative_directions}})
      if (auto e = directions(key, *dirs)) return e;
    if (auto e = anaphora()) return e;
    if (auto e = abbreviations()) return e;
    if (auto e = date_formats()) return e;
    if (auto e = small_count("verb_min_stem", x.verb_min_stem)) return e;
    return unknown_keys();
  }

 private:
  std::optional<Diagnostic> header(const std::string& expected_language) {
    if (auto e = string_field("language", m_out.language)) return e;
    if (m_out.language != expected_language)
      return m_doc.error_at("/language", fmt::format("\"language\" is \"{}\" but the file is named {}.json",
                                                     m_out.language, expected_language));
    if (auto e = string_field("name", m_out.name)) return e;
    if (const json* v = find("fallback")) {
      if (!v->is_boolean()) return m_doc.error_at("/fallback", "\"fallback\" must be true or false");
      m_out.fallback = v->get<bool>();
    }
    if (const json* v = find("numeric_month_first")) {
      if (!v->is_boolean())
        return m_doc.error_at("/numeric_month_first", "\"numeric_month_first\" must be true or false");
      m_out.numeric_month_first = v->get<bool>();
    }
    if (const json* v = find("partial_date_reach_days")) {
      if (!v->is_number_unsigned() || v->get<std::uint64_t>() > 183)
        return m_doc.error_at("/partial_date_reach_days",
                              "\"partial_date_reach_days\" must be a whole number from 0 to 183");
      m_out.partial_date_reach_days = v->get<int>();
    }
    return std::nullopt;
  }

  // Marks `key` as known and returns its value, or nullptr when absent.
  const json* find(const char* key) {
    m_known.insert(key);
    auto it = m_doc.json.find(key);
    return it == m_doc.json.end() ? nullptr : &*it;
  }

  static std::string at(const char* key) { return std::string("/") + key; }

  std::optional<Diagnostic> string_field(const char* key, std::string& out) {
    const json* v = find(key);
    if (!v) return m_doc.error_at("", fmt::format("missing required key \"{}\"", key));
    if (!v->is_string() || v->get<std::string>().empty())
      return m_doc.error_at(at(key), fmt::format("\"{}\" must be a non-empty string", key));
    out = v->get<std::string>();
    return std::nullopt;
  }

  // A phrase from a JSON string, or a Diagnostic at `pointer`.
  std::optional<Diagnostic> phrase(const json& v, const std::string& pointer, std::vector<std::string>& words) {
    if (!v.is_string()) return m_doc.error_at(pointer, "an entry must be a string");
    words = phrase_words(v.get<std::string>());
    if (words.empty()) return m_doc.error_at(pointer, "an entry must contain a word");
    return std::nullopt;
  }

  template <std::size_t N>
  std::optional<Diagnostic> named_entries(const char* key, std::array<std::string, N>& names, PhraseTable<int>& table) {
    const json* v = find(key);
    if (!v) return m_doc.error_at("", fmt::format("missing required key \"{}\"", key));
    if (!v->is_array() || v->size() != N)
      return m_doc.error_at(at(key), fmt::format("\"{}\" must be an array of {} entries", key, N));
    std::unordered_map<std::string, int> seen;
    for (std::size_t i = 0; i < N; ++i) {
      std::string pointer = json_pointer_append(at(key), std::to_string(i));
      const json& entry = (*v)[i];
      if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string() || !entry.contains("variants") ||
          !entry["variants"].is_array())
        return m_doc.error_at(pointer, "an entry must be {\"name\": string, \"variants\": [strings]}");
      names[i] = entry["name"].get<std::string>();
      m_out.full_names.add(intern_all(m_out.vocabulary, phrase_words(names[i])), 1);
      json spellings = entry["variants"];
      spellings.push_back(names[i]);
      for (std::size_t k = 0; k < spellings.size(); ++k) {
        std::string vp = json_pointer_append(pointer + "/variants", std::to_string(k));
        std::vector<std::string> words;
        if (auto e = phrase(spellings[k], vp, words)) return e;
        if (words.size() != 1) return m_doc.error_at(vp, "a variant must be a single word");
        auto [it, fresh] = seen.emplace(words[0], static_cast<int>(i + 1));
        if (!fresh && it->second != static_cast<int>(i + 1))
          return m_doc.error_at(
              vp, fmt::format("variant \"{}\" already names entry {}", spellings[k].get<std::string>(), it->second));
        table.add(intern_all(m_out.vocabulary, words), static_cast<int>(i + 1));
      }
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> phrase_set(const char* key, PhraseSet& out) {
    const json* v = find(key);
    if (!v) return std::nullopt;  // word lists are optional
    if (!v->is_array()) return m_doc.error_at(at(key), fmt::format("\"{}\" must be an array of strings", key));
    for (std::size_t k = 0; k < v->size(); ++k) {
      std::vector<std::string> words;
      if (auto e = phrase((*v)[k], json_pointer_append(at(key), std::to_string(k)), words)) return e;
      out.add(intern_all(m_out.vocabulary, words), 1);
    }
    return std::nullopt;
  }

  // A small non-negative whole number (a length in letters).
  std::optional<Diagnostic> small_count(const char* key, std::size_t& out) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_number_unsigned() || v->get<std::uint64_t>() > 32)
      return m_doc.error_at(at(key), fmt::format("\"{}\" must be a whole number from 0 to 32", key));
    out = v->get<std::size_t>();
    return std::nullopt;
  }

  // Prefixes and suffixes glued to a word ("se" of "sehari"): single lowercase strings.
  std::optional<Diagnostic> affixes(const char* key, std::vector<std::string>& out) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_array()) return m_doc.error_at(at(key), fmt::format("\"{}\" must be an array of strings", key));
    for (std::size_t k = 0; k < v->size(); ++k) {
      const json& s = (*v)[k];
      if (!s.is_string() || s.get<std::string>().empty() ||
          text::fold_case(s.get<std::string>()) != s.get<std::string>())
        return m_doc.error_at(json_pointer_append(at(key), std::to_string(k)),
                              "an affix must be a non-empty lowercase string");
      out.push_back(s.get<std::string>());
    }
    return std::nullopt;
  }

  template <class T, class Convert>
  std::optional<Diagnostic> phrase_map(const char* key, PhraseTable<T>& out, Convert convert) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_object()) return m_doc.error_at(at(key), fmt::format("\"{}\" must be an object", key));
    for (const auto& [name, value] : v->items()) {
      std::string pointer = json_pointer_append(at(key), name);
      std::vector<std::string> words;
      if (auto e = phrase(json(name), pointer, words)) return m_doc.error_at_key(pointer, e->message);
      std::optional<T> converted;
      if (auto e = convert(value, pointer, converted)) return e;
      out.add(intern_all(m_out.vocabulary, words), std::move(*converted));
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> int_map(const char* key, PhraseTable<int>& out, int lo, int hi) {
    return phrase_map(key, out, [&](const json& v, const std::string& p, std::optional<int>& r) {
      if (!v.is_number_integer() || v.get<int>() < lo || v.get<int>() > hi)
        return std::optional(m_doc.error_at(p, fmt::format("expected a whole number from {} to {}", lo, hi)));
      r = v.get<int>();
      return std::optional<Diagnostic>();
    });
  }

  std::optional<Diagnostic> code_map(const char* key, PhraseTable<std::string>& out,
                                     const std::vector<std::string_view>& allowed) {
    return phrase_map(key, out, [&](const json& v, const std::string& p, std::optional<std::string>& r) {
      bool ok = v.is_string() && !v.get<std::string>().empty() &&
                (allowed.empty() || std::find(allowed.begin(), allowed.end(), v.get<std::string>()) != allowed.end());
      if (!ok)
        return std::optional(m_doc.error_at(
            p, allowed.empty() ? "expected a non-empty string" : fmt::format("expected one of {}", join(allowed))));
      r = v.get<std::string>();
      return std::optional<Diagnostic>();
    });
  }

  std::optional<Diagnostic> unit_map() {
    std::vector<std::string_view> names;
    for (const auto& [name, unit] : k_units) names.push_back(name);
    return phrase_map("units", m_out.units, [&](const json& v, const std::string& p, std::optional<Unit>& r) {
      if (v.is_string()) r = unit_from_string(v.get<std::string>());
      if (!r) return std::optional(m_doc.error_at(p, fmt::format("expected one of {}", join(names))));
      return std::optional<Diagnostic>();
    });
  }

  std::optional<Diagnostic> position(const char* key, const json& v, bool& after) {
    std::string p = at(key) + "/position";
    if (!v.contains("position") || !v["position"].is_string() ||
        (v["position"] != "before" && v["position"] != "after"))
      return m_doc.error_at(p, "\"position\" must be \"before\" or \"after\"");
    after = v["position"] == "after";
    return std::nullopt;
  }

  std::optional<Diagnostic> directions(const char* key, Directions& out) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_object() || !v->contains("words") || !(*v)["words"].is_object())
      return m_doc.error_at(at(key), "expected {\"position\": \"before\"|\"after\", \"words\": {phrase: -1|0|1}}");
    if (auto e = position(key, *v, out.after)) return e;
    for (const auto& [name, value] : (*v)["words"].items()) {
      std::string pointer = json_pointer_append(at(key) + "/words", name);
      std::vector<std::string> words;
      if (auto e = phrase(json(name), pointer, words)) return m_doc.error_at_key(pointer, e->message);
      if (!value.is_number_integer() || value.get<int>() < -1 || value.get<int>() > 1)
        return m_doc.error_at(pointer, "a direction is -1 (past), 0 (current) or 1 (future)");
      out.words.add(intern_all(m_out.vocabulary, words), value.get<int>());
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> anaphora() {
    const json* v = find("anaphora");
    if (!v) return std::nullopt;
    if (!v->is_object() || !v->contains("words") || !(*v)["words"].is_array())
      return m_doc.error_at("/anaphora", "expected {\"position\": \"before\"|\"after\", \"words\": [phrases]}");
    if (auto e = position("anaphora", *v, m_out.anaphora_after)) return e;
    const json& list = (*v)["words"];
    for (std::size_t k = 0; k < list.size(); ++k) {
      std::vector<std::string> words;
      if (auto e = phrase(list[k], "/anaphora/words/" + std::to_string(k), words)) return e;
      m_out.anaphora.add(intern_all(m_out.vocabulary, words), 1);
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> abbreviations() {
    const json* v = find("abbreviations");
    if (!v) return std::nullopt;
    if (!v->is_array()) return m_doc.error_at("/abbreviations", "\"abbreviations\" must be an array of strings");
    for (std::size_t k = 0; k < v->size(); ++k) {
      const json& a = (*v)[k];
      if (!a.is_string() || a.get<std::string>().size() < 2 || a.get<std::string>().back() != '.')
        return m_doc.error_at(json_pointer_append("/abbreviations", std::to_string(k)),
                              "an abbreviation is written with its full stop (\"Dr.\")");
      m_out.abbreviations.push_back(a.get<std::string>());
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> date_formats() {
    const json* v = find("date_formats");
    if (!v) return std::nullopt;
    if (!v->is_object()) return m_doc.error_at("/date_formats", "\"date_formats\" must be an object");
    for (const auto& [key, value] : v->items()) {
      std::string p = json_pointer_append("/date_formats", key);
      if (!precision_from_string(key))
        return m_doc.error_at_key(p,
                                  fmt::format("unknown precision \"{}\" (year, half, quarter, month, week, day)", key));
      if (!value.is_string()) return m_doc.error_at(p, "a date format must be a string");
      try {
        (void)fmt::format(fmt::runtime(value.get<std::string>()), fmt::arg("year", ""), fmt::arg("month", ""),
                          fmt::arg("day", 1), fmt::arg("week", ""), fmt::arg("quarter", ""), fmt::arg("half", ""));
      } catch (const fmt::format_error& e) {
        return m_doc.error_at(p, fmt::format("bad date format: {} (fields: {{year}} {{month}} {{day}} {{week}} "
                                             "{{quarter}} {{half}})",
                                             e.what()));
      }
      m_out.date_formats[key] = value.get<std::string>();
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> unknown_keys() {
    m_known.insert("comment");
    for (const auto& [key, value] : m_doc.json.items())
      if (!m_known.count(key))
        return m_doc.error_at_key(json_pointer_append("", key), fmt::format("unknown key \"{}\"", key));
    return std::nullopt;
  }

  const JsonDoc& m_doc;
  Lexicon& m_out;
  std::unordered_set<std::string> m_known;
};

// The words of a phrase as the pre-scan sees them: tokens joined by a hyphen
// are one word ("baru", "-", "baru", "ini" is "baru-baru", "ini").
std::vector<std::string> prescan_words(const Vocabulary& v, const std::vector<int>& words) {
  std::vector<std::string> out;
  bool join = false;
  for (int w : words) {
    const std::string& s = v.word(w);
    if (s == "-" && !out.empty()) {
      out.back() += s;
      join = true;
    } else if (join) {
      out.back() += s;
      join = false;
    } else {
      out.push_back(s);
    }
  }
  return out;
}

// The pre-scan's trigger words: one per phrase of the tables every expression
// holds a phrase of. A phrase of one word is its own trigger; a longer phrase
// needs none if one of its words is already a trigger ("malam" covers "tengah
// malam"), and otherwise takes its longest word that is not a function word
// ("depan" of "ke depan"), so that common words ("tengah", "baru") open no
// window. Counts ("beberapa") need a unit after them, and units are triggers.
// Clock cues ("pukul") and time zones are triggers too: a bare hour is not.
void collect_triggers(Lexicon& x) {
  std::vector<std::vector<std::string>> longer;
  auto collect = [&](const std::vector<int>& words) {
    auto w = prescan_words(x.vocabulary, words);
    if (w.size() == 1)
      x.trigger_words.insert(w.front());
    else
      longer.push_back(std::move(w));
  };
  for (const auto* table : {&x.months, &x.weekdays, &x.relative_days, &x.day_nouns, &x.year_nouns, &x.month_nouns,
                            &x.date_nouns, &x.quarter_nouns, &x.half_nouns})
    table->for_each_phrase(collect);
  x.units.for_each_phrase(collect);
  x.references.for_each_phrase(collect);
  x.vague_durations.for_each_phrase(collect);
  x.set_adverbs.for_each_phrase(collect);
  x.clock_words.for_each_phrase(collect);
  x.seasons.for_each_phrase(collect);
  x.parts_of_day.for_each_phrase(collect);
  x.time_zones.for_each_phrase(collect);  // "pukul 10 WIB": the bare hour is no trigger
  x.time_cues.for_each_phrase([&](const std::vector<int>& words) {
    if (words.size() == 1 && !x.function_words.contains(words.front()))  // "pukul", never English "at"
      x.trigger_words.insert(x.vocabulary.word(words.front()));
  });
  for (const auto& words : longer) {
    const std::string* best = nullptr;
    bool covered = false;
    for (const auto& w : words) {
      covered |= x.trigger_words.count(w) > 0;
      int id = x.vocabulary.find(w);
      // Counts ("beberapa" of "beberapa waktu") are as common as function words.
      bool common = (id >= 0 && (x.function_words.contains(id) || x.vague_counts.contains(id))) || w.size() < 2;
      if (!common && (!best || w.size() > best->size())) best = &w;
    }
    if (!covered) x.trigger_words.insert(best ? *best : words.front());
  }
  std::vector<int> unit_ids;
  x.units.collect_ids(unit_ids);
  for (const auto& prefix : x.one_prefixes) {
    for (int unit : unit_ids) {
      std::string word = prefix + x.vocabulary.word(unit);  // "sehari", "sepekan"
      x.vocabulary.intern(word);
      x.trigger_words.insert(word);
    }
  }
}

}  // namespace

std::optional<Unit> unit_from_string(std::string_view s) {
  for (const auto& [name, unit] : k_units)
    if (name == s) return unit;
  return std::nullopt;
}

int Vocabulary::intern(std::string_view folded_word) {
  auto [it, fresh] = m_ids.emplace(std::string(folded_word), static_cast<int>(m_words.size()));
  if (fresh) m_words.emplace_back(folded_word);
  return it->second;
}

int Vocabulary::find(std::string_view folded_word) const { return find(std::string(folded_word)); }

int Vocabulary::find(const std::string& folded_word) const {
  auto it = m_ids.find(folded_word);
  return it == m_ids.end() ? -1 : it->second;
}

void Lexicon::index_starters() {
  std::vector<int> ids;
  // Tables whose phrases can open an expression, in any language.
  for (const auto* t :
       {&months, &weekdays, &day_nouns, &date_nouns, &year_nouns, &month_nouns, &year_cues, &month_cues, &numbers,
        &vague_counts, &relative_days, &quarter_nouns, &half_nouns, &ordinals, &set_words, &time_cues, &full_names})
    t->collect_ids(ids);
  units.collect_ids(ids);
  modifiers.collect_ids(ids);
  references.collect_ids(ids);
  vague_durations.collect_ids(ids);
  set_adverbs.collect_ids(ids);
  clock_words.collect_ids(ids);
  determiners.collect_ids(ids);
  year_determiners.collect_ids(ids);
  parts_of_day.collect_ids(ids);
  seasons.collect_ids(ids);
  // Direction words and anaphora open an expression where they come first ("last week", "that day").
  if (!unit_directions.after) unit_directions.words.collect_ids(ids);
  if (!anaphora_after) anaphora.collect_ids(ids);
  starters.assign(vocabulary.size(), false);
  for (int id : ids) starters[static_cast<std::size_t>(id)] = true;
  for (const auto& prefix : one_prefixes) {  // "sehari"
    std::vector<int> unit_ids;
    units.collect_ids(unit_ids);
    for (int u : unit_ids)
      if (int id = vocabulary.find(prefix + vocabulary.word(u)); id >= 0) starters[static_cast<std::size_t>(id)] = true;
  }
}

void WordFilter::add(std::string_view word) {
  std::size_t k = key(word);
  m_bits[k >> 6] |= std::uint64_t{1} << (k & 63);
}

std::vector<int> Lexicon::ids_of(const std::vector<text::Token>& tokens) const {
  std::vector<int> ids;
  ids_of(tokens, ids);
  return ids;
}

void Lexicon::ids_of(const std::vector<text::Token>& tokens, std::vector<int>& ids) const {
  ids.clear();
  ids.reserve(tokens.size());
  for (const auto& t : tokens) ids.push_back(vocabulary_filter.may_contain(t.folded) ? vocabulary.find(t.folded) : -1);
}

template <class T>
void PhraseTable<T>::add(std::vector<int> words, T value) {
  std::size_t first = static_cast<std::size_t>(words.front());
  if (m_by_first.size() <= first) m_by_first.resize(first + 1);
  auto& bucket = m_by_first[first];
  for (auto& e : bucket) {
    if (e.words == words) {
      e.value = std::move(value);
      return;
    }
  }
  bucket.push_back({std::move(words), std::move(value)});
  std::stable_sort(bucket.begin(), bucket.end(),
                   [](const Entry& a, const Entry& b) { return a.words.size() > b.words.size(); });
}

template <class T>
auto PhraseTable<T>::match(const std::vector<int>& ids, std::size_t i) const -> std::optional<Hit> {
  if (i >= ids.size() || ids[i] < 0 || static_cast<std::size_t>(ids[i]) >= m_by_first.size()) return std::nullopt;
  for (const Entry& e : m_by_first[static_cast<std::size_t>(ids[i])]) {
    if (i + e.words.size() > ids.size()) continue;
    bool same = true;
    for (std::size_t k = 1; k < e.words.size() && same; ++k) same = ids[i + k] == e.words[k];
    if (same) return Hit{e.value, e.words.size()};
  }
  return std::nullopt;
}

template <class T>
bool PhraseTable<T>::contains(int word_id) const {
  if (word_id < 0 || static_cast<std::size_t>(word_id) >= m_by_first.size()) return false;
  const auto& bucket = m_by_first[static_cast<std::size_t>(word_id)];
  return std::any_of(bucket.begin(), bucket.end(), [](const Entry& e) { return e.words.size() == 1; });
}

template <class T>
void PhraseTable<T>::collect_ids(std::vector<int>& out) const {
  for (const auto& bucket : m_by_first)
    for (const auto& e : bucket) out.insert(out.end(), e.words.begin(), e.words.end());
}

template class PhraseTable<int>;
template class PhraseTable<std::string>;
template class PhraseTable<Unit>;

int Lexicon::month_of(std::string_view folded) const {
  auto hit = months.match({vocabulary.find(folded)}, 0);
  return hit && hit->length == 1 ? hit->value : 0;
}

int Lexicon::weekday_of(std::string_view folded) const {
  auto hit = weekdays.match({vocabulary.find(folded)}, 0);
  return hit && hit->length == 1 ? hit->value : 0;
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
  collect_triggers(lexicon);
  for (const auto& w : lexicon.trigger_words) lexicon.trigger_filter.add(w);
  for (std::size_t id = 0; id < lexicon.vocabulary.size(); ++id)
    lexicon.vocabulary_filter.add(lexicon.vocabulary.word(static_cast<int>(id)));
  lexicon.index_starters();
  lexicon.event_word_set = NeedleSet(lexicon.event_words);
  return lexicon;
}

}  // namespace mstl
