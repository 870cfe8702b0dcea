// The JSON format, `schema_version` 1: the contract outside tools rely on
// (docs/timeline.schema.json). Fields are only ever added, never renamed or
// removed.
#include "render/common.hpp"
#include "render/renderers.hpp"

namespace mstl::render {
namespace {

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
    return dump_json(doc, 2) + "\n";
  }
};

}  // namespace

std::unique_ptr<Renderer> make_json(const RenderOptions&) { return std::make_unique<JsonRenderer>(); }

}  // namespace mstl::render
