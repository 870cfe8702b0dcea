// JSON Lines: one event per line, each standing alone: the schema_version,
// the event's fields as in the json format, the timeline's title, and the
// full records of the sources it cites (docs/timeline.schema.json,
// $defs/jsonl_event). For streaming into tools that read a line at a time.
#include <algorithm>

#include "render/common.hpp"
#include "render/renderers.hpp"

namespace mstl::render {
namespace {

class JsonLinesRenderer final : public Renderer {
 public:
  std::string render(const Timeline& timeline) const override { return whole(*this, timeline); }

  void render_to(const Timeline& timeline, const std::function<void(std::string_view)>& sink) const override {
    Pieces pieces(sink);
    std::string& out = pieces.out();
    for (const auto& e : timeline.events) {
      JsonWriter w(out);
      w.begin_object().key("schema_version").number(std::int64_t{k_schema_version});
      write_event_members(w, e);
      w.key("timeline").string(timeline.title).key("sources").begin_array();
      std::vector<std::string> ids;
      for (const auto& c : e.citations) ids.push_back(c.source);
      for (const auto& k : e.conflicts) ids.push_back(k.citation.source);
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      for (const auto& id : ids)
        if (const SourceInfo* s = find_source(timeline, id)) write_source(w, *s);
      w.end_array().end_object();
      out += '\n';
      pieces.pieces();
    }
    pieces.done();
  }
};

}  // namespace

std::unique_ptr<Renderer> make_jsonl(const RenderOptions&) { return std::make_unique<JsonLinesRenderer>(); }

}  // namespace mstl::render
