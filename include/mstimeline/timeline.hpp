// The timeline: from articles to dated, cited events.
//
// Two steps, so that large archives can be split and merged later:
//   extract_document(article)   -> a DocumentRecord: the source's metadata and
//                                  every dated mention in it, each citing the
//                                  sentence it came from by byte offsets;
//   build_timeline(records)     -> the Timeline: mentions of one event merged,
//                                  events in chronological order.
//
// Invariants the renderers and tests rely on:
//   - for every citation, the source file's bytes [start, end) are `quote`;
//   - events are ordered by the start of their period, then coarser first
//     (2023 < 2023-01 < 2023-01-25), then by id;
//   - an event id is derived from its date and content, never from the order
//     of files or mentions, so it is stable across runs and inputs;
//   - the result is the same whatever order the records come in.
#pragma once

#include <string>
#include <vector>

#include "mstimeline/knowledge.hpp"
#include "mstimeline/source.hpp"
#include "mstimeline/timex.hpp"

namespace mstl {

struct Citation {
  std::string source;  // source id
  std::size_t start = 0;
  std::size_t end = 0;  // exclusive; byte offsets into the source file
  std::string quote;
  std::string date_text;  // the date expression the mention was dated by
};

struct Mention {
  DateValue date;
  Citation citation;
};

struct DocumentRecord {
  SourceInfo source;
  std::vector<Mention> mentions;
};

struct Event {
  std::string id;
  DateValue date;
  std::string title;
  std::vector<Citation> citations;  // ordered by source id, then offset
};

struct Timeline {
  std::string title;
  std::vector<SourceInfo> sources;  // ordered by id
  std::vector<Event> events;
};

// The article's language is its manifest language or, failing that, the one
// identify_language() finds; its published date, when known, anchors
// relative dates.
DocumentRecord extract_document(const Article& article, const Knowledge& knowledge);

Timeline build_timeline(std::string title, std::vector<DocumentRecord> records);

// A one-line title from a sentence: white space folded, cut at a word
// boundary near `max_bytes` with an ellipsis.
std::string title_from_sentence(std::string_view sentence, std::size_t max_bytes = 120);

}  // namespace mstl
