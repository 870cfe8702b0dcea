// The JSON format, `schema_version` 1: the contract outside tools rely on
// (README, "Output"). Fields are only ever added, never renamed or removed.
#include <nlohmann/json.hpp>

#include "render/renderers.hpp"

namespace mstl::render {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr int k_schema_version = 1;

ordered_json optional_string(const std::optional<std::string>& s) { return s ? ordered_json(*s) : ordered_json(); }

ordered_json source_json(const SourceInfo& s) {
  return ordered_json{{"id", s.id},
                      {"path", s.path},
                      {"sha256", s.sha256},
                      {"encoding", s.encoding},
                      {"language", s.language},
                      {"publisher", optional_string(s.publisher)},
                      {"url", optional_string(s.url)},
                      {"published", optional_string(s.published)},
                      {"published_basis", s.published_basis}};
}

ordered_json citation_json(const Citation& c) {
  return ordered_json{{"source", c.source}, {"start", c.start},          {"end", c.end},
                      {"quote", c.quote},   {"date_text", c.date_text}};
}

ordered_json nullable(const std::string& s) { return s.empty() ? ordered_json() : ordered_json(s); }

ordered_json event_json(const Event& e) {
  ordered_json citations = ordered_json::array();
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
                      {"merged_because", e.merged_because},
                      {"conflicts", std::move(conflicts)}};
}

class JsonRenderer final : public Renderer {
 public:
  std::string render(const Timeline& timeline) const override {
    ordered_json sources = ordered_json::array();
    for (const auto& s : timeline.sources) sources.push_back(source_json(s));
    ordered_json events = ordered_json::array();
    for (const auto& e : timeline.events) events.push_back(event_json(e));
    ordered_json undated = ordered_json::array();
    for (const auto& c : timeline.undated) undated.push_back(citation_json(c));
    ordered_json doc{{"schema_version", k_schema_version},
                     {"title", timeline.title},
                     {"sources", std::move(sources)},
                     {"events", std::move(events)},
                     {"undated", std::move(undated)}};
    // Every string is valid UTF-8 by construction; replacing is the last line of defence.
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  }
};

}  // namespace

std::unique_ptr<Renderer> make_json(const RenderOptions&) { return std::make_unique<JsonRenderer>(); }

}  // namespace mstl::render
