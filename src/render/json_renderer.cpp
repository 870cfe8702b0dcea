// The JSON format, `schema_version` 1: the contract outside tools rely on
// (docs/timeline.schema.json). Fields are only ever added, never renamed or
// removed.
#include "render/common.hpp"
#include "render/renderers.hpp"

#include "mstimeline/parallel.hpp"

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
// Items are formatted a block at a time, on every thread, then written in
// order. A block ends after this many items or this many lines of citations
// and reasons (some 200 bytes each), so that it stays a few megabytes even
// when single events cite thousands of sentences.
constexpr std::size_t k_block = 256;
constexpr std::size_t k_block_lines = 8192;

std::size_t lines(const Event& e) { return 1 + e.citations.size() + e.merged_because.size(); }
template <class Item>
std::size_t lines(const Item&) {
  return 1;
}

template <class Items, class ToJson>
void append_array(std::string& out, std::string_view key, const Items& items, ToJson to_json, bool last,
                  const std::function<void(std::string_view)>& flush, std::size_t jobs) {
  out += "  ";
  out += dump_json(ordered_json(key), -1);
  out += ": [";
  std::vector<std::string> texts;
  for (std::size_t begin = 0, end = 0; begin < items.size(); begin = end) {
    for (std::size_t weight = 0; end < items.size() && end - begin < k_block && weight < k_block_lines;)
      weight += lines(items[end++]);
    std::size_t n = end - begin;
    texts.assign(n, std::string());
    parallel_for(n, jobs, [&](std::size_t k, NoScratch&) {
      std::string& text = texts[k];
      text = begin + k == 0 ? "\n    " : ",\n    ";
      // An item dumped alone, indented two levels deeper; a raw line break
      // never occurs inside a JSON string, so every one is indentation.
      for (char c : dump_json(to_json(items[begin + k]), 2)) {
        text += c;
        if (c == '\n') text += "    ";
      }
    }, 1);
    for (const auto& text : texts) {
      out += text;
      if (out.size() >= k_piece) {
        flush(out);
        out.clear();
      }
    }
  }
  out += items.empty() ? "]" : "\n  ]";
  out += last ? "\n" : ",\n";
}

class JsonRenderer final : public Renderer {
 public:
  std::string render(const Timeline& timeline) const override {
    std::string whole;
    render_to(timeline, [&](std::string_view piece) { whole += piece; });
    return whole;
  }

  explicit JsonRenderer(std::size_t jobs) : m_jobs(jobs) {}

  void render_to(const Timeline& timeline, const std::function<void(std::string_view)>& sink) const override {
    std::string out = "{\n";
    append_member(out, "schema_version", k_schema_version);
    append_member(out, "title", timeline.title);
    append_array(out, "sources", timeline.sources, source_json, false, sink, m_jobs);
    append_array(out, "events", timeline.events, event_json, false, sink, m_jobs);
    append_array(out, "undated", timeline.undated, citation_json, true, sink, m_jobs);
    out += "}\n";
    sink(out);
  }

 private:
  std::size_t m_jobs;
};

}  // namespace

std::unique_ptr<Renderer> make_json(const RenderOptions& options) {
  return std::make_unique<JsonRenderer>(jobs_or_cores(options.jobs));
}

}  // namespace mstl::render
