// The timeline: from articles to dated, cited events.
//
// Two steps, so that large archives can be split and merged later:
//   extract_document(article, ...) -> a DocumentRecord: the source's metadata
//                                     (with its publication date and how it
//                                     was found) and every event mention in it,
//                                     each citing its sentence by byte offsets;
//   build_timeline(records)        -> the Timeline: mentions of one event
//                                     merged, events in chronological order.
//
// What becomes a mention (docs/events.md):
//   - only article text: boilerplate lines and repeated lines are skipped;
//   - a sentence that matches a catalog event's triggers, names one of its
//     actors (in it or its context) and, when it holds dates, holds one
//     compatible with the event's, is a mention of that catalog event;
//   - any other date of a sentence on topic (topic.hpp) that reports an event
//     (the lexicon's `event_words`) is a mention of a new event, dated by the
//     text; a date in an attribution ("dikutip dari ..., Rabu (25/1/2023)")
//     dates the report, not an event, and a date after the publication date is
//     a plan, not an event;
//   - with no topic profile every dated sentence is kept.
//
// Invariants the renderers and tests rely on:
//   - for every citation, the source file's bytes [start, end), decoded with
//     the source's encoding, are `quote` (for UTF-8 files, the bytes themselves);
//   - events are ordered by the start of their period, then coarser first
//     (2023 < 2023-01 < 2023-01-25), then by id;
//   - an event id is the catalog id, or derived from the date and content of
//     the event's first citation, never from the order of files or mentions;
//   - the result is the same whatever order the records come in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mstimeline/catalog.hpp"
#include "mstimeline/knowledge.hpp"
#include "mstimeline/review.hpp"
#include "mstimeline/source.hpp"
#include "mstimeline/timex.hpp"
#include "mstimeline/timings.hpp"
#include "mstimeline/topic.hpp"
#include "mstimeline/word_list.hpp"

namespace mstl {

struct Citation {
  std::string source;  // source id
  std::size_t start = 0;
  std::size_t end = 0;  // exclusive; byte offsets into the source file
  std::string quote;
  std::string date_text;  // the date expression the mention was dated by ("" when undated)
};

struct Mention {
  DateValue date;          // the text's date, or the catalog's when the sentence has none
  std::string catalog_id;  // "" for a new event
  std::string trigger;     // the catalog trigger that matched
  Citation citation;
  WordList salient;  // folded content words and numbers (merging new events)
};

// A text date that disagrees with its catalog event beyond their precision.
struct Conflict {
  std::string catalog_id;
  std::string value;  // the text's date
  Citation citation;
};

// Something a curator should look at (`mstimeline review`).
struct ReviewItem {
  ReviewReason reason = ReviewReason::undated;  // review.hpp: its name and heading
  std::string detail;
  Citation citation;
};

struct DocumentRecord {
  SourceInfo source;
  std::vector<Mention> mentions;
  std::vector<Conflict> conflicts;
  std::vector<Citation> undated;    // on-topic sentences reporting an event, with no date and no catalog link
  std::vector<ReviewItem> dropped;  // dated mentions left out, and why
};

struct Event {
  std::string id;
  DateValue date;
  std::string title;
  std::string kind;                         // the catalog's kind, "" for a new event
  std::string catalog_id;                   // "" for a new event
  std::size_t source_count = 0;             // independent sources: distinct sources once repeated text is counted once
  std::vector<Citation> citations;          // ordered by source id, then offset
  std::vector<std::string> merged_because;  // why the citations are one event
  std::vector<Conflict> conflicts;
};

struct Timeline {
  std::string title;
  std::vector<SourceInfo> sources;  // ordered by id
  std::vector<Event> events;
  std::vector<Citation> undated;   // ordered by source id, then offset
  std::vector<ReviewItem> review;  // ordered by reason, source id, offset
};

// What extract_document knows beyond the lexicons; both may be absent.
struct EventKnowledge {
  const TopicProfile* topic = nullptr;
  const Catalog* catalog = nullptr;
  std::string title_language = "en";  // catalog titles in this language when it has one
  bool review = true;  // extract_document cites the dates it leaves out and build_timeline fills Timeline::review:
                       // only `review` needs them
  std::vector<std::string> date_links;  // sorted: words a new event's title drops before its date ("pada", "on")
  std::vector<std::string>
      reporting_frames;  // folded statement and report cues: a new event's title drops their clause
};

// The article's language is its manifest language or, failing that, the one
// identify_language() finds. Its publication date is the manifest's, else its
// dateline's, else inferred from the latest past event it reports; relative
// dates are anchored to it.
// When `events.review` is off and beyond_story() holds, the body is not read
// unless the publication date must be inferred from it: the record holds the
// source alone, as reading the body would have left it, and `*skipped` is set.
DocumentRecord extract_document(const Article& article, const Knowledge& knowledge, const EventKnowledge& events = {},
                                bool* skipped = nullptr);

// Whether a text cannot yield a mention, a conflict or an undated entry: a
// byte scan of its folded text finds not every side of the topic (so no
// sentence is on topic, and the text is not about the story) and no actor
// of a catalog event (every catalog link needs one). False with no topic.
bool beyond_story(std::string_view text, const EventKnowledge& events);

// `jobs` threads build the merge's tables (each holding the words or keys
// that fall to it) and look for the mentions each new-event mention joins;
// the result is the same for any number. With `timings`, its steps are
// marked there ("merge: ...", timings.hpp).
Timeline build_timeline(std::string title, std::vector<DocumentRecord> records, const EventKnowledge& events = {},
                        std::size_t jobs = 1, Timings* timings = nullptr);

// A one-line title from a sentence: white space folded, cut at a word
// boundary near `max_bytes` with an ellipsis.
std::string title_from_sentence(std::string_view sentence, std::size_t max_bytes = 120);
// A new event's title from its first citation: the sentence without its
// dateline ("NEW YORK, KOMPAS.com - "), the date expression it was dated by
// with the word of `date_links` (sorted) that links it to its clause, and a
// parenthesis right after that ("(Rabu pagi WIB)"), then cut as above.
// "NEW YORK, KOMPAS.com - Harga minyak turun pada Selasa (18/11/2014) waktu
// setempat." dated by "Selasa" gives "Harga minyak turun pada waktu setempat."
// A reporting frame goes too: opening clauses that hold one of `frames`
// (folded phrases: "menyebutkan", "according to") or a closing clause that
// opens with one ("..., kata Sudirman").
std::string headline_from_citation(std::string_view quote, std::string_view date_text,
                                   const std::vector<std::string>& date_links, const std::vector<std::string>& frames,
                                   std::size_t max_bytes = 120);

}  // namespace mstl
