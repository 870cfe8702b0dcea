// What several renderers share: looking sources up, numbering quotes,
// escaping for HTML, the JSON shape of events (json and jsonl; sources and
// citations are record.hpp's), the checks that a locale was given, and
// handing output on in pieces (Pieces, whole) rather than as one string.
#pragma once

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_set>

#include "mstimeline/json_writer.hpp"
#include "mstimeline/record.hpp"
#include "mstimeline/renderer.hpp"

namespace mstl::render {

const SourceInfo* find_source(const Timeline& t, std::string_view id);

// The source's publisher, or the locale's "unknown publisher".
std::string publisher_of(const Timeline& t, std::string_view source_id, const Labels& labels);

// Citation numbers [k], given to distinct quotes (source and byte range) in
// order of first appearance among the events' citations.
using QuoteKey = std::tuple<std::string, std::size_t, std::size_t>;
QuoteKey key_of(const Citation& c);
// The ids of the sources the timeline cites: by an event's citations or conflicts, or an undated entry.
std::unordered_set<std::string_view> cited_source_ids(const Timeline& t);

// The citations md and html show under an event: the first `cap` (all when 0; RenderOptions::quotes).
std::span<const Citation> shown_citations(const Event& e, std::size_t cap);
// Numbers for the distinct quotes shown, in order of first appearance.
std::map<QuoteKey, int> number_quotes(const Timeline& t, std::size_t cap = 0);

// "5 sources · 9 events · July 22, 2019 – January 21, 2025"
std::string summary_line(const Timeline& t, const Lexicon& dates, const Labels& labels);

// "2023-01-25 (from the manifest)", or the locale's "unknown".
std::string published_text(const SourceInfo& s, const Labels& labels);

// How a citation is dated, for the lines under an event: by its date
// expression, by none, or by one that contradicts the event's catalog date
// (the same bytes are among the event's conflicts). `escape` prepares the
// date expression for the output format.
std::string dating_of(const Event& e, const Citation& c, const Labels& labels,
                      const std::function<std::string(std::string_view)>& escape);

// Line breaks and tabs folded to single spaces, for one-line contexts.
std::string one_line(std::string_view s);

// & < > " ' as character references: safe in HTML text and quoted attributes.
std::string html_escape(std::string_view s);

// The locale a page needs; throws an internal error naming the format when
// the caller gave none (the CLI always does).
const Lexicon& require_dates(const RenderOptions& options, std::string_view format);
const Labels& require_labels(const RenderOptions& options, std::string_view format);

inline constexpr int k_schema_version = 2;

// Pieces of about this size go to a renderer's sink.
inline constexpr std::size_t k_piece = 1 << 20;

// Text written into out(), handed to a sink a piece at a time: a renderer
// calls pieces() after each event or source, so that a large output is
// never held whole, and done() at the end.
class Pieces {
 public:
  explicit Pieces(const std::function<void(std::string_view)>& sink) : m_sink(sink) {}
  Pieces(std::function<void(std::string_view)>&&) = delete;  // the sink must outlive Pieces
  std::string& out() { return m_out; }
  void pieces() {
    if (m_out.size() >= k_piece) done();
  }
  void done() {
    if (!m_out.empty()) m_sink(m_out);
    m_out.clear();
  }

 private:
  const std::function<void(std::string_view)>& m_sink;
  std::string m_out;
};

// A renderer's render(): the pieces of its render_to joined.
std::string whole(const Renderer& r, const Timeline& t);

// The schema_version 2 event object (docs/timeline.schema.json); sources and
// citations are record.hpp's write_source and write_citation. Without `lists`,
// its citations and merged_because are written empty.
void write_event(JsonWriter& w, const Event& e, bool lists = true);
// Its members alone, for an object that holds more (jsonl).
void write_event_members(JsonWriter& w, const Event& e, bool lists = true);

}  // namespace mstl::render
