#include "mstimeline/catalog.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "mstimeline/knowledge.hpp"
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

// Whether a word is one character (one code point): as a trigger word it is in nearly every sentence.
bool single_character(const std::string& word) {
  std::size_t n = 0;
  for (char c : word) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n == 1;
}

// The reader records every problem and goes on; an event with a problem is
// left out of the catalog it returns (which is then only for looking at).
class CatalogReader {
 public:
  CatalogReader(const JsonDoc& doc, const CatalogContext& context, std::vector<Diagnostic>& problems)
      : m_doc(doc), m_context(context), m_problems(problems) {}

  Catalog read() {
    Catalog out;
    const json& root = m_doc.json;
    if (!root.is_object()) {
      fail(m_doc.error_at("", "a catalog must be a JSON object with \"events\""));
      return out;
    }
    for (const auto& [key, value] : root.items())
      if (key != "comment" && key != "events")
        fail(m_doc.error_at_key("/" + key, fmt::format("unknown key \"{}\" (expected events, comment)", key)));
    auto events = root.find("events");
    if (events == root.end() || !events->is_array()) {
      fail(m_doc.error_at(events == root.end() ? "" : "/events", "the catalog needs an array \"events\""));
      return out;
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < events->size(); ++i) {
      CatalogEvent e;
      std::string pointer = "/events/" + std::to_string(i);
      const std::size_t before = m_problems.size();
      event((*events)[i], pointer, e);
      if (!e.id.empty() && !ids.insert(e.id).second)
        fail(m_doc.error_at(pointer + "/id", fmt::format("duplicate event id \"{}\"", e.id)));
      if (m_problems.size() == before) out.events.push_back(std::move(e));
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
  void fail(Diagnostic d) { m_problems.push_back(std::move(d)); }

  void event(const json& v, const std::string& pointer, CatalogEvent& e) {
    if (!v.is_object()) return fail(m_doc.error_at(pointer, "an event must be an object"));
    static const std::set<std::string> known = {"id",       "date",          "kind",   "title",  "actors",
                                                "triggers", "requires_date", "source", "comment"};
    for (const auto& [key, value] : v.items())
      if (!known.count(key))
        fail(m_doc.error_at_key(pointer + "/" + key, fmt::format("unknown key \"{}\" in an event", key)));
    for (const char* key : {"id", "date", "kind", "title", "actors", "triggers"})
      if (!v.contains(key)) fail(m_doc.error_at(pointer, fmt::format("event is missing \"{}\"", key)));

    if (auto id = v.find("id"); id != v.end()) {
      if (!id->is_string() || !valid_id(id->get<std::string>()))
        fail(m_doc.error_at(pointer + "/id", "\"id\" must be lowercase letters, digits and '-'"));
      else
        e.id = id->get<std::string>();
    }

    if (auto date = v.find("date"); date != v.end()) {
      auto parsed = date->is_string() ? parse_date_value(date->get<std::string>()) : std::nullopt;
      if (!parsed)
        fail(m_doc.error_at(pointer + "/date",
                            date->is_string() ? fmt::format("\"{}\" is not a calendar date (YYYY, YYYY-MM, YYYY-MM-DD, "
                                                            "YYYY-Qn, YYYY-Hn or YYYY-Wnn)",
                                                            date->get<std::string>())
                                              : std::string("\"date\" must be a string")));
      else
        e.date = *parsed;
    }

    if (auto kind = v.find("kind"); kind != v.end()) {
      bool kind_ok = kind->is_string() && std::find(std::begin(k_event_kinds), std::end(k_event_kinds),
                                                    kind->get<std::string>()) != std::end(k_event_kinds);
      if (!kind_ok) {
        std::string list;
        for (auto k : k_event_kinds) list += (list.empty() ? "" : ", ") + std::string(k);
        fail(m_doc.error_at(pointer + "/kind",
                            fmt::format("unknown kind {} (expected one of: {})", kind->dump(), list)));
      } else {
        e.kind = kind->get<std::string>();
      }
    }

    if (auto t = v.find("title"); t != v.end()) titles(*t, pointer + "/title", e);
    if (auto a = v.find("actors"); a != v.end()) actors(*a, pointer + "/actors", e);
    if (auto t = v.find("triggers"); t != v.end()) triggers(*t, pointer + "/triggers", e);
    if (auto r = v.find("requires_date"); r != v.end()) {
      if (!r->is_boolean())
        fail(m_doc.error_at(pointer + "/requires_date", "\"requires_date\" must be true or false"));
      else
        e.requires_date = r->get<bool>();
    }
    if (auto s = v.find("source"); s != v.end()) {
      if (!s->is_string())
        fail(m_doc.error_at(pointer + "/source", "\"source\" must be a string"));
      else
        e.source = s->get<std::string>();
    }
  }

  // Whether `lang` (the key at `at`) is a language code, and one with a lexicon when the knowledge is known.
  bool language(const std::string& lang, const std::string& at) {
    if (!is_language_code(lang)) {
      fail(m_doc.error_at_key(at, fmt::format("\"{}\" is not a language code", lang)));
      return false;
    }
    const Knowledge* k = m_context.knowledge;
    if (!k || k->lexicons.contains(lang)) return true;
    std::vector<std::string> codes;
    for (const auto& [code, lexicon] : k->lexicons) codes.push_back(code);
    fail(m_doc.error_at_key(
        at, fmt::format("no lexicon for language \"{}\" (available: {})", lang, fmt::join(codes, ", "))));
    return false;
  }

  void titles(const json& v, const std::string& pointer, CatalogEvent& e) {
    if (!v.is_object() || v.empty())
      return fail(
          m_doc.error_at(pointer, "\"title\" must be an object of titles by language code, such as {\"en\": ...}"));
    for (const auto& [lang, title] : v.items()) {
      std::string at = json_pointer_append(pointer, lang);
      language(lang, at);
      if (!title.is_string() || title.get<std::string>().empty())
        fail(m_doc.error_at(at, "a title must be a non-empty string"));
      else
        e.titles[lang] = title.get<std::string>();
    }
  }

  void actors(const json& v, const std::string& pointer, CatalogEvent& e) {
    if (!v.is_array() || v.empty())
      return fail(m_doc.error_at(pointer, "\"actors\" must be a non-empty array of names"));
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string at = pointer + "/" + std::to_string(i);
      if (!v[i].is_string() || v[i].get<std::string>().empty()) {
        fail(m_doc.error_at(at, "an actor must be a non-empty string"));
        continue;
      }
      const std::string& actor = v[i].get<std::string>();
      if (m_context.topic && m_context.topic->side_of(actor) < 0)
        fail(m_doc.error_at(at, fmt::format("actor \"{}\" is not a side's name or alias in the topic profile; "
                                            "add it to a side's aliases or correct it",
                                            actor)));
      e.actors.push_back(actor);
    }
  }

  void triggers(const json& v, const std::string& pointer, CatalogEvent& e) {
    if (!v.is_object() || v.empty())
      return fail(m_doc.error_at(pointer, "\"triggers\" must be an object of phrase lists by language code"));
    for (const auto& [lang, list] : v.items()) {
      std::string at = json_pointer_append(pointer, lang);
      bool known = language(lang, at);
      if (!list.is_array() || list.empty()) {
        fail(m_doc.error_at(at, "triggers must be a non-empty array of phrases"));
        continue;
      }
      const Lexicon* lexicon = nullptr;
      if (known && m_context.knowledge) lexicon = &m_context.knowledge->lexicons.at(lang);
      for (std::size_t i = 0; i < list.size(); ++i) {
        std::string item_at = at + "/" + std::to_string(i);
        std::string folded = list[i].is_string() ? text::fold_case(list[i].get<std::string>()) : "";
        Trigger t;
        t.words = split_words(folded);
        if (t.words.empty()) {
          fail(m_doc.error_at(item_at, "a trigger must be a non-empty phrase"));
          continue;
        }
        if (auto why = too_common(t.words, lang, lexicon)) {
          fail(m_doc.error_at(item_at, *why));
          continue;
        }
        for (const auto& w : t.words) t.weight += w.size();
        e.triggers[lang].push_back(std::move(t));
      }
    }
  }

  // Why a trigger would be in nearly every sentence, or nullopt: it is one
  // character, or every word is one character or one of the lexicon's
  // function_words ("dan", "pada", "the"). Its event would be linked
  // everywhere, and a catalog of such events makes the work and the output
  // grow with the events times the archive. The words are the lexicon's, so
  // that a curator sees why.
  static std::optional<std::string> too_common(const std::vector<std::string>& words, const std::string& lang,
                                               const Lexicon* lexicon) {
    if (words.size() == 1 && single_character(words.front()))
      return fmt::format(
          "trigger \"{}\" is a single character, which is in nearly every sentence; give a phrase "
          "with a word of the event",
          words.front());
    auto function_word = [lexicon](const std::string& w) {
      return lexicon && lexicon->function_words.contains(lexicon->vocabulary.find(w));
    };
    if (std::all_of(words.begin(), words.end(), function_word))
      return fmt::format(
          "trigger \"{}\" has only words of the {} lexicon's function_words, which are in nearly every "
          "sentence; give a phrase with a word of the event",
          fmt::join(words, " "), lang);
    if (std::all_of(words.begin(), words.end(),
                    [&](const std::string& w) { return function_word(w) || single_character(w); }))
      return fmt::format(
          "trigger \"{}\" has only single characters and words of the {} lexicon's function_words, "
          "which are in nearly every sentence; give a phrase with a word of the event",
          fmt::join(words, " "), lang);
    return std::nullopt;
  }

  const JsonDoc& m_doc;
  const CatalogContext& m_context;
  std::vector<Diagnostic>& m_problems;
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
      if (t.kind == text::TokenKind::word && t.folded.size() >= 4 && !actor_words.contains(t.folded))
        words.insert(t.folded);
  };
  for (const auto& [lang, title] : e.titles) add(title);
  for (const auto& [lang, triggers] : e.triggers)
    for (const auto& t : triggers)
      for (const auto& w : t.words) add(w);
  return {words.begin(), words.end()};
}

Catalog check_catalog(const JsonDoc& doc, const CatalogContext& context, std::vector<Diagnostic>& problems) {
  std::vector<Diagnostic> found;
  Catalog out = CatalogReader(doc, context, found).read();
  sort_by_position(found);
  problems.insert(problems.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  return out;
}

Expected<Catalog> parse_catalog(const JsonDoc& doc, const CatalogContext& context) {
  std::vector<Diagnostic> problems;
  Catalog out = check_catalog(doc, context, problems);
  if (problems.empty()) return out;
  Diagnostic first = std::move(problems.front());
  if (problems.size() > 1)
    first.message += fmt::format(" (and {} more problem{}: `mstimeline catalog check` lists every one)",
                                 problems.size() - 1, problems.size() == 2 ? "" : "s");
  return first;
}

}  // namespace mstl
