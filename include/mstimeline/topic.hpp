// The topic profile: what the history is about, as data (data/topic.json).
//
//   {
//     "name": "Microsoft–OpenAI partnership",
//     "sides": [
//       {"name": "Microsoft", "aliases": ["Microsoft", "Satya Nadella", "Azure", ...]},
//       {"name": "OpenAI", "aliases": ["OpenAI", "ChatGPT", "Sam Altman", ...]}
//     ],
//     "context_sentences": 1,
//     "document_mentions": 2,
//     "narrative_days": 31
//   }
//
// A sentence is on topic when it names every side, or names some and the
// sentences around it in the same paragraph (up to `context_sentences` on
// each side) name the rest; a sentence linked to a catalog event is on topic
// too. An article that names every side and `document_mentions` aliases in
// all is *about the story*; inside it, a sentence that names no side at all
// ("Kartel itu memilih ...", "kedua perusahaan") is on topic too when its date
// lies within `narrative_days` of the publication date: it tells the story's
// news, not background (an earlier crisis, a founding), which must name the
// subject. A sentence naming some sides but not all keeps the rule above: a
// one-sided story (a side's layoffs) stays out. Aliases match whole words, case-insensitively ("Altman" is not found in
// "Altmann"). A profile needs at least one side; each side a name and at least
// one alias. Unknown keys are errors; `mstimeline check DIR` lists every one.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/error.hpp"
#include "mstimeline/json_doc.hpp"
#include "mstimeline/needles.hpp"

namespace mstl {

inline constexpr const char* k_topic_file = "topic.json";

struct TopicSide {
  std::string name;
  std::vector<std::string> aliases;      // case-folded
  std::vector<std::uint32_t> alias_ids;  // their ids in TopicProfile::alias_words (parse_topic fills them)
};

struct TopicProfile {
  std::string name;
  std::vector<TopicSide> sides;
  std::size_t context_sentences = 1;
  std::size_t document_mentions = 2;  // aliases an article names to be about the story
  std::size_t narrative_days = 31;    // reach of an unnamed sentence's date from the publication date
  NeedleSet alias_words;              // every side's aliases: a sentence is searched only for those it holds as bytes
  std::set<std::string, std::less<>> alias_tokens;  // the words of every alias, folded ("harga", "minyak")

  // A bit per side the folded text names (bit i: sides[i]).
  unsigned sides_named(std::string_view folded) const;
  unsigned all_sides() const { return (1u << sides.size()) - 1; }
  // The side an actor name belongs to (its name or an alias), or -1.
  int side_of(std::string_view actor) const;
};

// The one reader and validator of a profile: appends every problem to
// `problems`, in the order of the file; use the profile only when none was
// added. parse_topic: the profile or its first problem.
TopicProfile check_topic(const JsonDoc& doc, std::vector<Diagnostic>& problems);
Expected<TopicProfile> parse_topic(const JsonDoc& doc);

// Whether `needle` occurs in `folded` with no letter or digit on either side.
bool contains_word(std::string_view folded, std::string_view needle);

}  // namespace mstl
