// The JSON format, `schema_version` 1: the contract outside tools rely on
// (docs/timeline.schema.json). Fields are only ever added, never renamed or
// removed.
#include "render/common.hpp"
#include "render/renderers.hpp"

namespace mstl::render {
namespace {

// Written piece by piece (pieces of about k_piece bytes to the sink), exactly as dumping the whole document with an
// indent of 2 would write it, without ever holding the whole document as a
// JSON tree: one event's tree at a time.
void append_member(std::string& out, std::string_view key, const ordered_json& value, bool last = false) {
  out += "  ";
  out += dump_json(ordered_json(key), -1);
  out += ": ";
  out += dump_json(value, -1);
  out += last ? "\n" : ",\n";
}

// Pieces of about this size go to the sink.
constexpr std::size_t k_piece = 1 << 20;

template <class Items, class ToJson>
void append_array(std::string& out, std::string_view key, const Items& items, ToJson to_json, bool last,
                  const std::function<void(std::string_view)>& flush) {
  out += "  ";
  out += dump_json(ordered_json(key), -1);
  out += ": [";
  bool first = true;
  for (const auto& item : items) {
    out += first ? "\n    " : ",\n    ";
    first = false;
    // An item dumped alone, indented two levels deeper; a raw line break
    // never occurs inside a JSON string, so every one is indentation.
    for (char c : dump_json(to_json(item), 2)) {
      out += c;
      if (c == '\n') out += "    ";
    }
    if (out.size() >= k_piece) {
      flush(out);
      out.clear();
    }
  }
  out += first ? "]" : "\n  ]";
  out += last ? "\n" : ",\n";
}

class JsonRenderer final : public Renderer {
 public:
  std::string render(const Timeline& timeline) const override {
    std::string whole;
    render_to(timeline, [&](std::string_view piece) { whole += piece; });
    return whole;
  }

  void render_to(const Timeline& timeline, const std::function<void(std::string_view)>& sink) const override {
    std::string out = "{\n";
    append_member(out, "schema_version", k_schema_version);
    append_member(out, "title", timeline.title);
    append_array(out, "sources", timeline.sources, source_json, false, sink);
    append_array(out, "events", timeline.events, event_json, false, sink);
    append_array(out, "undated", timeline.undated, citation_json, true, sink);
    out += "}\n";
    sink(out);
  }
};

}  // namespace

std::unique_ptr<Renderer> make_json(const RenderOptions&) { return std::make_unique<JsonRenderer>(); }

}  // namespace mstl::render
