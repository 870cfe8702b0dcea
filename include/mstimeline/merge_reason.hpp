// Why an event's citations are one event (Event::merged_because), in one
// place: the builder writes each reason as an English machine string through
// these functions (the JSON's `merged_because`, the review's weak merges), and
// parse_merge_reason reads one back so a page can say it in its own words
// (the html format, labels `why_*`, docs/labels.md).
//
//   repeats_reason("b", 9, "a", 0) == "b@9 repeats a@0 word for word"
//   parse_merge_reason("b@9 repeats a@0 word for word")->other == "a"
//
// A place is "<source id>@<byte offset>". A string none of the four writes
// (or one whose ids make it ambiguous) parses to nullopt; a page then shows
// it as it is.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mstl {

// "<source>@<start>: catalog event <id> (trigger \"<trigger>\")": a catalog
// event's trigger (or its evidence, described in the trigger's place) matched.
std::string trigger_reason(std::string_view source, std::size_t start, std::string_view catalog_id,
                           std::string_view trigger);
// "<source>@<start> repeats <other>@<other_start> word for word"
std::string repeats_reason(std::string_view source, std::size_t start, std::string_view other, std::size_t other_start);
// "<source>@<start> and <other>@<other_start>: one source tells of day <day> twice"
std::string same_day_reason(std::string_view source, std::size_t start, std::string_view other, std::size_t other_start,
                            std::string_view day);
// "<source>@<start> and <other>@<other_start>: dates <date> and <other_date> agree; shared words <words> (score 0.83)"
// `words` is the shared words joined with ", ".
std::string words_reason(std::string_view source, std::size_t start, std::string_view other, std::size_t other_start,
                         std::string_view date, std::string_view other_date, std::string_view words, double score);

// A reason read back; its views point into the parsed string.
struct MergeReason {
  enum class Kind { trigger, repeats, same_day, words };
  Kind kind = Kind::trigger;
  std::string_view source;
  std::size_t start = 0;
  std::string_view other;  // repeats, same_day, words
  std::size_t other_start = 0;
  std::string_view catalog_id, trigger;  // trigger
  std::string_view date;                 // same_day: the day; words: the first place's date
  std::string_view other_date, words;    // words
  std::string_view score;                // words, as written ("0.83")
};

std::optional<MergeReason> parse_merge_reason(std::string_view reason);

}  // namespace mstl
