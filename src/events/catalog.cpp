#include "mstimeline/catalog.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "mstimeline/text.hpp"
#include "mstimeline/topic.hpp"

namespace mstl {
namespace {

using nlohmann::json;

bool valid_id(const std::string& id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool is_language_code(const std::string& s) {
  return s.size() == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z';
}

std::vector<std::string> split_words(const std::string& folded) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < folded.size()) {
    std::size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    if (j > i) out.push_back(folded.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

class CatalogReader {
 public:
  explicit CatalogReader(const JsonDoc& doc) : m_doc(doc) {}

  Expected<Catalog> read() {
    const json& root = m_doc.json;
    if (!root.is_object()) return m_doc.error_at("", "a catalog must be a JSON object with \"events\"");
    for (const auto& [key, value] : root.items())
      if (key != "comment" && key != "events")
        return m_doc.error_at_key("/" + key, fmt::format("unknown key \"{}\" (expected events, comment)", key));
    auto events = root.find("events");
    if (events == root.end() || !events->is_array())
      return m_doc.error_at(events == root.end() ? "" : "/events", "the catalog needs an array \"events\"");
    Catalog out;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < events->size(); ++i) {
      CatalogEvent e;
      std::string pointer = "/events/" + std::to_string(i);
      if (auto err = event((*events)[i], pointer, e)) return *err;
      if (!ids.insert(e.id).second)
        return m_doc.error_at(pointer + "/id", fmt::format("duplicate event id \"{}\"", e.id));
      out.events.push_back(std::move(e));
    }
    std::vector<std::string> words;
    for (const auto& e : out.events)
      for (const auto& [lang, triggers] : e.triggers)
        for (const auto& t : triggers) words.insert(words.end(), t.words.begin(), t.words.end());
    out.trigger_words = NeedleSet(words);
    for (auto& e : out.events)
      for (auto& [lang, triggers] : e.triggers)
        for (auto& t : triggers) t.word_ids = out.trigger_words.ids_of(t.words);
    for (auto& e : out.events) e.content_words = content_words_of(e);
    return out;
  }

 private:
  std::optional<Diagnostic> event(const json& v, const std::string& pointer, CatalogEvent& e) {
    if (!v.is_object()) return m_doc.error_at(pointer, "an event must be an object");
    static const std::set<std::string> known = {"id",       "date",          "kind",   "title",  "actors",
                                                "triggers", "requires_date", "source", "comment"};
    for (const auto& [key, value] : v.items())
      if (!known.count(key))
        return m_doc.error_at_key(pointer + "/" + key, fmt::format("unknown key \"{}\" in an event", key));
    for (const char* key : {"id", "date", "kind", "title", "actors", "triggers"})
      if (!v.contains(key)) return m_doc.error_at(pointer, fmt::format("event is missing \"{}\"", key));

    if (!v["id"].is_string() || !valid_id(v["id"].get<std::string>()))
      return m_doc.error_at(pointer + "/id", "\"id\" must be lowercase letters, digits and '-'");
    e.id = v["id"].get<std::string>();

    const json& date = v["date"];
    auto parsed = date.is_string() ? parse_date_value(date.get<std::string>()) : std::nullopt;
    if (!parsed)
      return m_doc.error_at(pointer + "/date",
                            date.is_string() ? fmt::format("\"{}\" is not a calendar date (YYYY, YYYY-MM, YYYY-MM-DD, "
                                                           "YYYY-Qn, YYYY-Hn or YYYY-Wnn)",
                                                           date.get<std::string>())
                                             : std::string("\"date\" must be a string"));
    e.date = *parsed;

    const json& kind = v["kind"];
    bool kind_ok = kind.is_string() && std::find(std::begin(k_event_kinds), std::end(k_event_kinds),
                                                 kind.get<std::string>()) != std::end(k_event_kinds);
    if (!kind_ok) {
      std::string list;
      for (auto k : k_event_kinds) list += (list.empty() ? "" : ", ") + std::string(k);
      return m_doc.error_at(pointer + "/kind",
                            fmt::format("unknown kind {} (expected one of: {})", kind.dump(), list));
    }
    e.kind = kind.get<std::string>();

    if (auto err = titles(v["title"], pointer + "/title", e)) return err;
    if (auto err = actors(v["actors"], pointer + "/actors", e)) return err;
    if (auto err = triggers(v["triggers"], pointer + "/triggers", e)) return err;
    if (auto r = v.find("requires_date"); r != v.end()) {
      if (!r->is_boolean()) return m_doc.error_at(pointer + "/requires_date", "\"requires_date\" must be true or false");
      e.requires_date = r->get<bool>();
    }
    if (auto s = v.find("source"); s != v.end()) {
      if (!s->is_string()) return m_doc.error_at(pointer + "/source", "\"source\" must be a string");
      e.source = s->get<std::string>();
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> titles(const json& v, const std::string& pointer, CatalogEvent& e) {
    if (!v.is_object() || v.empty())
      return m_doc.error_at(pointer, "\"title\" must be an object of titles by language code, such as {\"en\": ...}");
    for (const auto& [lang, title] : v.items()) {
      std::string at = json_pointer_append(pointer, lang);
      if (!is_language_code(lang)) return m_doc.error_at_key(at, fmt::format("\"{}\" is not a language code", lang));
      if (!title.is_string() || title.get<std::string>().empty())
        return m_doc.error_at(at, "a title must be a non-empty string");
      e.titles[lang] = title.get<std::string>();
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> actors(const json& v, const std::string& pointer, CatalogEvent& e) {
    if (!v.is_array() || v.empty()) return m_doc.error_at(pointer, "\"actors\" must be a non-empty array of names");
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string() || v[i].get<std::string>().empty())
        return m_doc.error_at(pointer + "/" + std::to_string(i), "an actor must be a non-empty string");
      e.actors.push_back(v[i].get<std::string>());
    }
    return std::nullopt;
  }

  std::optional<Diagnostic> triggers(const json& v, const std::string& pointer, CatalogEvent& e) {
    if (!v.is_object() || v.empty())
      return m_doc.error_at(pointer, "\"triggers\" must be an object of phrase lists by language code");
    for (const auto& [lang, list] : v.items()) {
      std::string at = json_pointer_append(pointer, lang);
      if (!is_language_code(lang)) return m_doc.error_at_key(at, fmt::format("\"{}\" is not a language code", lang));
      if (!list.is_array() || list.empty()) return m_doc.error_at(at, "triggers must be a non-empty array of phrases");
      for (std::size_t i = 0; i < list.size(); ++i) {
        std::string folded = list[i].is_string() ? text::fold_case(list[i].get<std::string>()) : "";
        Trigger t;
        t.words = split_words(folded);
        if (t.words.empty()) return m_doc.error_at(at + "/" + std::to_string(i), "a trigger must be a non-empty phrase");
        for (const auto& w : t.words) t.weight += w.size();
        e.triggers[lang].push_back(std::move(t));
      }
    }
    return std::nullopt;
  }

  const JsonDoc& m_doc;
};

}  // namespace

const std::string& CatalogEvent::title(std::string_view language) const {
  if (auto it = titles.find(std::string(language)); it != titles.end()) return it->second;
  if (auto it = titles.find("en"); it != titles.end()) return it->second;
  return titles.begin()->second;
}

bool contains_stem(std::string_view folded, std::string_view stem) {
  if (stem.empty()) return false;
  if (stem.size() >= 5) return folded.find(stem) != std::string_view::npos;
  for (std::size_t at = folded.find(stem); at != std::string_view::npos; at = folded.find(stem, at + 1))
    if (!text::letter_or_digit_before(folded, at)) return true;
  return false;
}

namespace {

// Where `w` next occurs from `from` on, as a trigger word: long words inside
// words, short ones whole; npos when it does not.
std::size_t find_trigger_word(std::string_view folded, const std::string& w, std::size_t from) {
  for (std::size_t at = folded.find(w, from); at != std::string_view::npos; at = folded.find(w, at + 1)) {
    if (w.size() >= 5) return at;
    if (!text::letter_or_digit_before(folded, at) && !text::letter_or_digit_at(folded, at + w.size())) return at;
  }
  return std::string_view::npos;
}

}  // namespace

bool trigger_matches(const Trigger& t, std::string_view folded_sentence) {
  std::size_t from = 0;
  for (const auto& w : t.words) {
    std::size_t at = find_trigger_word(folded_sentence, w, from);
    if (at == std::string_view::npos) return false;
    from = at + w.size();
  }
  return true;
}

std::size_t trigger_weight(const std::vector<Trigger>& triggers, std::string_view folded_sentence) {
  std::size_t best = 0;
  for (const auto& t : triggers)
    if (trigger_matches(t, folded_sentence)) best = std::max(best, t.weight);
  return best;
}

bool trigger_matches(const Trigger& t, std::string_view folded_sentence, const NeedleHits& words) {
  // An id outside the set (a trigger made by hand) says nothing: its word is searched for.
  if (t.word_ids.size() == t.words.size())
    for (std::uint32_t id : t.word_ids)
      if (id < words.size() && !words.has(id)) return false;
  return trigger_matches(t, folded_sentence);
}

std::size_t trigger_weight(const std::vector<Trigger>& triggers, std::string_view folded_sentence,
                           const NeedleHits& words) {
  std::size_t best = 0;
  for (const auto& t : triggers)
    if (t.weight > best && trigger_matches(t, folded_sentence, words)) best = t.weight;
  return best;
}

std::vector<std::string> content_words_of(const CatalogEvent& e) {
  std::set<std::string> actor_words, words;
  for (const auto& a : e.actors)
    for (const auto& t : text::tokenize(a)) actor_words.insert(t.folded);
  auto add = [&](std::string_view phrase) {
    for (const auto& t : text::tokenize(phrase))
      if (t.kind == text::TokenKind::word && t.folded.size() >= 4 && !actor_words.contains(t.folded)) words.insert(t.folded);
  };
  for (const auto& [lang, title] : e.titles) add(title);
  for (const auto& [lang, triggers] : e.triggers)
    for (const auto& t : triggers)
      for (const auto& w : t.words) add(w);
  return {words.begin(), words.end()};
}

Expected<Catalog> parse_catalog(const JsonDoc& doc) { return CatalogReader(doc).read(); }

}  // namespace mstl
