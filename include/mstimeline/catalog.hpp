// The event catalog: events a curator knows, as data (data/catalog.json).
//
//   {
//     "events": [
//       {
//         "id": "ms-openai-2019-investment",
//         "date": "2019-07-22",                      // TIMEX3: 2019, 2019-07, 2019-07-22, 2019-Q3, 2019-W30
//         "kind": "investment",
//         "title": {"en": "Microsoft invests $1 billion in OpenAI", "id": "..."},
//         "actors": ["Microsoft", "OpenAI"],
//         "triggers": {"id": ["investasi", "1 miliar dolar"], "en": ["invest", "$1 billion"]},
//         "requires_date": true,                     // optional, default false
//         "source": "Microsoft news release, 22 July 2019"  // optional: where the date comes from
//       }
//     ]
//   }
//
// A trigger is a phrase whose words must all occur in a sentence, in that
// order, other words between them allowed: a word of five or more characters
// anywhere inside a word (so "investasi" finds "menginvestasikan"), a shorter
// one as a whole word. Give several phrasings for several word orders. An
// event with `requires_date` links only to a sentence holding a date inside
// (or around) its own: its triggers are too common alone ("investasi").
//
// Checked, each error at its position (`mstimeline catalog check` lists
// every one; build, extract and review stop at the first): the fields'
// types, ids (lowercase letters, digits, '-') unique, dates real calendar
// dates, kinds from k_event_kinds, at least one title, actor and trigger, no
// unknown key, no trigger of a single character. Given the knowledge
// (CatalogContext), every language code of titles and triggers must have a
// lexicon, and no trigger may be made only of that lexicon's function_words
// (and single characters): "dan", "pada", "the" are in nearly every sentence,
// so such an event would be linked everywhere. Given a topic profile, every
// actor must be a side's name or alias.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/error.hpp"
#include "mstimeline/json_doc.hpp"
#include "mstimeline/needles.hpp"
#include "mstimeline/timex.hpp"

namespace mstl {

struct Knowledge;
struct TopicProfile;

inline constexpr const char* k_catalog_file = "catalog.json";
inline constexpr std::string_view k_event_kinds[] = {"investment", "agreement", "leadership",     "personnel",
                                                     "regulation", "product",   "infrastructure", "legal",
                                                     "corporate",  "other"};

struct Trigger {
  std::vector<std::string> words;       // case-folded
  std::size_t weight = 0;               // characters in its words: longer phrases are more specific
  std::vector<std::uint32_t> word_ids;  // its words' ids in Catalog::trigger_words (parse_catalog fills them)
};

struct CatalogEvent {
  std::string id;
  DateValue date;
  std::string kind;
  std::map<std::string, std::string> titles;  // by language code
  std::vector<std::string> actors;
  std::map<std::string, std::vector<Trigger>> triggers;  // by language code
  bool requires_date = false;
  std::string source;
  // The content words of its titles and triggers, folded, sorted, once each
  // (four letters or more, no actor's words): a sentence that shares enough of
  // them and a compatible date reports the event in other words.
  std::vector<std::string> content_words;

  // The title in `language`, else English, else the first one.
  const std::string& title(std::string_view language) const;
};

struct Catalog {
  std::vector<CatalogEvent> events;  // in file order
  NeedleSet trigger_words;           // every word of every trigger, to see in one pass which a sentence holds
};

// What a catalog is checked against besides itself; either may be absent.
struct CatalogContext {
  const Knowledge* knowledge = nullptr;  // languages with a lexicon; triggers not only its function words
  const TopicProfile* topic = nullptr;   // actors named by a side
};

// The one reader and validator of a catalog. Appends every problem to
// `problems`, in the order of the file, and returns the events that have
// none: use the catalog only when no problem was added.
Catalog check_catalog(const JsonDoc& doc, const CatalogContext& context, std::vector<Diagnostic>& problems);

// The catalog, or its first problem, whose message ends with how many more
// there are ("(and 3 more problems: ...)").
Expected<Catalog> parse_catalog(const JsonDoc& doc, const CatalogContext& context = {});

// CatalogEvent::content_words of an event (parse_catalog fills them).
std::vector<std::string> content_words_of(const CatalogEvent& e);

// The weight of the heaviest trigger of `triggers` all of whose words occur
// in the folded sentence, or 0.
std::size_t trigger_weight(const std::vector<Trigger>& triggers, std::string_view folded_sentence);
bool trigger_matches(const Trigger& t, std::string_view folded_sentence);
// The same, told which of the catalog's trigger words the sentence holds
// (Catalog::trigger_words.find_in): a trigger with a word it does not hold
// is not searched for. The answers are those of the two above as long as the
// ids are those parse_catalog gave (an id outside the set is searched for).
std::size_t trigger_weight(const std::vector<Trigger>& triggers, std::string_view folded_sentence,
                           const NeedleHits& words);
bool trigger_matches(const Trigger& t, std::string_view folded_sentence, const NeedleHits& words);

// Whether a stem occurs in folded text: five characters or more anywhere, a
// shorter one at the start of a word.
bool contains_stem(std::string_view folded, std::string_view stem);

}  // namespace mstl
