#include "render/common.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mstimeline/decode.hpp"
#include "mstimeline/error.hpp"
#include "mstimeline/record.hpp"

namespace mstl::render {

std::string whole(const Renderer& r, const Timeline& t) {
  std::string out;
  r.render_to(t, [&](std::string_view piece) { out += piece; });
  return out;
}

const SourceInfo* find_source(const Timeline& t, std::string_view id) {
  auto it = std::lower_bound(t.sources.begin(), t.sources.end(), id,
                             [](const SourceInfo& s, std::string_view v) { return s.id < v; });
  if (it != t.sources.end() && it->id == id) return &*it;
  for (const auto& s : t.sources)  // sources not in id order (hand-made timelines)
    if (s.id == id) return &s;
  return nullptr;
}

std::string publisher_of(const Timeline& t, std::string_view source_id, const Labels& labels) {
  const SourceInfo* s = find_source(t, source_id);
  return s && s->publisher ? *s->publisher : labels.get("unknown_publisher");
}

QuoteKey key_of(const Citation& c) { return {c.source, c.start, c.end}; }

std::unordered_set<std::string_view> cited_source_ids(const Timeline& t) {
  std::unordered_set<std::string_view> ids;
  for (const auto& e : t.events) {
    for (const auto& c : e.citations) ids.insert(c.source);
    for (const auto& k : e.conflicts) ids.insert(k.citation.source);
  }
  for (const auto& c : t.undated) ids.insert(c.source);
  return ids;
}

std::span<const Citation> shown_citations(const Event& e, std::size_t cap) {
  std::span<const Citation> all(e.citations);
  return cap == 0 || all.size() <= cap ? all : all.first(cap);
}

std::map<QuoteKey, int> number_quotes(const Timeline& t, std::size_t cap) {
  std::map<QuoteKey, int> numbers;
  for (const auto& e : t.events)
    for (const auto& c : shown_citations(e, cap)) numbers.emplace(key_of(c), static_cast<int>(numbers.size()) + 1);
  return numbers;
}

std::string summary_line(const Timeline& t, const Lexicon& dates, const Labels& labels) {
  std::string out = labels.count("sources", t.sources.size()) + " · " + labels.count("events", t.events.size());
  if (!t.events.empty()) {
    out += " · " + write_date(t.events.front().date, dates);
    if (t.events.size() > 1) out += " – " + write_date(t.events.back().date, dates);
  }
  return out;
}

std::string published_text(const SourceInfo& s, const Labels& labels) {
  if (!s.published) return labels.get("unknown");
  std::string basis = "published_" + s.published_basis;
  auto it = labels.templates.find(basis);
  return it == labels.templates.end() ? *s.published : fmt::format("{} ({})", *s.published, it->second);
}

std::string dating_of(const Event& e, const Citation& c, const Labels& labels,
                      const std::function<std::string(std::string_view)>& escape) {
  if (!c.date_text.empty()) return labels.fill("dated_by", {{"text", escape(c.date_text)}});
  for (const auto& k : e.conflicts)
    if (key_of(k.citation) == key_of(c))
      return labels.fill("dated_in_conflict", {{"text", escape(k.citation.date_text)}});
  return labels.get("undated_in_text");
}

std::string one_line(std::string_view text) {
  const std::string visible = visible_controls(text);
  const std::string_view s = visible;
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

std::string html_escape(std::string_view text) {
  const std::string visible = visible_controls(text);  // NUL and ESC are no HTML characters
  const std::string_view s = visible;
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

const Lexicon& require_dates(const RenderOptions& options, std::string_view format) {
  if (!options.dates)
    throw Error(fmt::format("the {} format needs a lexicon to write dates", format), ExitCode::internal);
  return *options.dates;
}

const Labels& require_labels(const RenderOptions& options, std::string_view format) {
  if (!options.labels) throw Error(fmt::format("the {} format needs labels", format), ExitCode::internal);
  return *options.labels;
}

void write_event_members(JsonWriter& w, const Event& e, bool lists) {
  w.key("id").string(e.id).key("date").string(e.date.value).key("precision").string(to_string(e.date.precision));
  w.key("title").string(e.title).key("kind").nonempty_or_null(e.kind);
  w.key("catalog_id").nonempty_or_null(e.catalog_id);
  w.key("source_count").number(std::uint64_t{e.source_count});
  w.key("citations").begin_array();
  if (lists)
    for (const auto& c : e.citations) write_citation(w, c);
  w.end_array().key("merged_because").begin_array();
  if (lists)
    for (const auto& r : e.merged_because) w.string(r);
  w.end_array().key("conflicts").begin_array();
  for (const auto& c : e.conflicts) {
    w.begin_object();
    write_citation_members(w, c.citation);
    w.key("value").string(c.value).end_object();
  }
  w.end_array();
}

void write_event(JsonWriter& w, const Event& e, bool lists) {
  w.begin_object();
  write_event_members(w, e, lists);
  w.end_object();
}

}  // namespace mstl::render
