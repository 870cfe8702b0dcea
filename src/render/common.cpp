#include "render/common.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mstimeline/error.hpp"
#include "mstimeline/record.hpp"

namespace mstl::render {

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

std::map<QuoteKey, int> number_quotes(const Timeline& t) {
  std::map<QuoteKey, int> numbers;
  for (const auto& e : t.events)
    for (const auto& c : e.citations) numbers.emplace(key_of(c), static_cast<int>(numbers.size()) + 1);
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

std::string one_line(std::string_view s) {
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

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

const Lexicon& require_dates(const RenderOptions& options, std::string_view format) {
  if (!options.dates) throw Error(fmt::format("the {} format needs a lexicon to write dates", format), ExitCode::internal);
  return *options.dates;
}

const Labels& require_labels(const RenderOptions& options, std::string_view format) {
  if (!options.labels) throw Error(fmt::format("the {} format needs labels", format), ExitCode::internal);
  return *options.labels;
}

namespace {

ordered_json nullable(const std::string& s) { return s.empty() ? ordered_json() : ordered_json(s); }

}  // namespace

ordered_json source_json(const SourceInfo& s) { return source_record(s); }

ordered_json citation_json(const Citation& c) { return citation_record(c); }

namespace {

ordered_json event_json(const Event& e, bool lists) {
  ordered_json citations = ordered_json::array();
  if (lists)
    for (const auto& c : e.citations) citations.push_back(citation_json(c));
  ordered_json conflicts = ordered_json::array();
  for (const auto& c : e.conflicts) {
    ordered_json j = citation_json(c.citation);
    j["value"] = c.value;
    conflicts.push_back(std::move(j));
  }
  return ordered_json{{"id", e.id},
                      {"date", e.date.value},
                      {"precision", std::string(to_string(e.date.precision))},
                      {"title", e.title},
                      {"kind", nullable(e.kind)},
                      {"catalog_id", nullable(e.catalog_id)},
                      {"source_count", e.source_count},
                      {"citations", std::move(citations)},
                      {"merged_because", lists ? ordered_json(e.merged_because) : ordered_json::array()},
                      {"conflicts", std::move(conflicts)}};
}

}  // namespace

ordered_json event_json(const Event& e) { return event_json(e, true); }
ordered_json event_shell_json(const Event& e) { return event_json(e, false); }

std::string dump_json(const ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace mstl::render
