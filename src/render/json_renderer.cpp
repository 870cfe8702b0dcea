// The JSON format, `schema_version` 2: the contract outside tools rely on
// (docs/timeline.schema.json). Version 2 lists only the sources cited (by an
// event's citations or conflicts, or an undated entry; all of them with
// RenderOptions::all_sources) and counts every document read in
// "documents_read"; version 1 listed them all.
#include "render/common.hpp"
#include "render/renderers.hpp"

#include <unordered_set>

#include "mstimeline/parallel.hpp"

namespace mstl::render {
namespace {

// The document is written piece by piece (pieces of about k_piece bytes to the sink), exactly as nlohmann's
// dump of the whole document with an indent of 2 would write it, with no JSON tree: JsonWriter writes each
// item straight into the text at its depth (a large event's parts at depth 0, then indented: append_part).

// `  "key": ` of a member of the document.
void append_key(std::string& out, std::string_view key) {
  out += "  ";
  append_json_string(out, key);
  out += ": ";
}

// Items are formatted a block at a time, on every thread, and written in
// order (parallel_ordered) while the next blocks are formatted. A block ends
// after this many parts or this many lines of citations and reasons (some 200
// bytes each), so that it stays a few megabytes.
constexpr std::size_t k_block = 256;
constexpr std::size_t k_block_lines = 8192;
// An event with more citations and reasons than this is formatted in parts
// of this many, so that one event citing tens of thousands of sentences is
// not one thread's work (or one tree of them all in memory).
constexpr std::size_t k_chunk = 1024;

std::size_t chunks(std::size_t n) { return (n + k_chunk - 1) / k_chunk; }

// Parts of an item; its text before the extra indentation is theirs in order.
template <class Item>
std::size_t parts(const Item&) {
  return 1;
}
std::size_t parts(const Event& e) {
  if (e.citations.size() + e.merged_because.size() <= k_chunk) return 1;
  return 3 + chunks(e.citations.size()) + chunks(e.merged_because.size());  // head, lists, middle, tail
}

template <class Item>
std::size_t lines(const Item&, std::size_t) {
  return 1;
}
std::size_t lines(const Event& e, std::size_t) {
  if (parts(e) == 1) return 1 + e.citations.size() + e.merged_because.size();
  return 1 + k_chunk;  // at most
}

// Appends `text` indented two levels deeper: a raw line break never occurs
// inside a JSON string, so every one is indentation.
void append_indented(std::string& out, std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    std::size_t line_end = text.find('\n', at);
    if (line_end == std::string_view::npos) {
      out.append(text, at);
      return;
    }
    out.append(text, at, line_end + 1 - at);
    out += "    ";
    at = line_end + 1;
  }
}

// The text an array `[...]` at depth 1 (indent 2) gets for items [begin, end)
// of `n`, each written by `item` at depth 0: "[\n" before the first, ",\n"
// between, "\n  ]" after the last, every line indented by 4.
template <class Item>
void append_items(std::string& text, std::size_t begin, std::size_t end, std::size_t n, Item item) {
  for (std::size_t i = begin; i < end; ++i) {
    text += i == 0 ? "[\n    " : ",\n    ";
    append_indented(text, item(i));
  }
  if (end == n) text += "\n  ]";
}

// One item as an indented JSON value at depth 0.
template <class Write>
std::string written(Write write) {
  std::string text;
  JsonWriter w(text, 2);
  write(w);
  return text;
}

// Part `part` of an item appended to `text`, two levels deep (the array's items).
template <class Item, class Write>
void append_part(std::string& text, const Item& item, std::size_t, Write write) {
  JsonWriter w(text, 2, 2);
  write(w, item);
}

// A large event in parts (at depth 0; append_part indents it): the object
// without its lists, cut where they go, and the lists in chunks between.
std::string part_text(const Event& e, std::size_t part) {
  std::size_t nc = chunks(e.citations.size()), nr = chunks(e.merged_because.size());
  std::string text;
  if (part > 0 && part <= nc) {
    std::size_t begin = (part - 1) * k_chunk, end = std::min(begin + k_chunk, e.citations.size());
    append_items(text, begin, end, e.citations.size(),
                 [&](std::size_t i) { return written([&](JsonWriter& w) { write_citation(w, e.citations[i]); }); });
    return text;
  }
  if (part > nc + 1 && part <= nc + 1 + nr) {
    std::size_t begin = (part - nc - 2) * k_chunk, end = std::min(begin + k_chunk, e.merged_because.size());
    append_items(text, begin, end, e.merged_because.size(),
                 [&](std::size_t i) { return written([&](JsonWriter& w) { w.string(e.merged_because[i]); }); });
    return text;
  }
  // The head, the middle and the tail: cut from the object written without its
  // two long lists, which only these three parts do.
  std::string shell = written([&](JsonWriter& w) { write_event(w, e, false); });
  static constexpr std::string_view citations_key = "\n  \"citations\": ", reasons_key = "\n  \"merged_because\": ";
  std::size_t at_citations = shell.find(citations_key) + citations_key.size();  // "[]" follows
  std::size_t at_reasons = shell.find(reasons_key) + reasons_key.size();
  if (part == 0) return shell.substr(0, at_citations);
  if (part == nc + 1) {
    if (nc == 0) text = "[]";
    text.append(shell, at_citations + 2, at_reasons - at_citations - 2);
    return text;
  }
  if (nr == 0) text = "[]";
  text.append(shell, at_reasons + 2);
  return text;
}

// An event is always written by write_event (the `Write` given is not used):
// the parts of a large one are cut from what write_event writes.
template <class Write>
void append_part(std::string& text, const Event& e, std::size_t part, Write) {
  if (parts(e) == 1) {
    JsonWriter w(text, 2, 2);
    write_event(w, e);
  } else {
    append_indented(text, part_text(e, part));
  }
}

template <class Items, class Write>
void append_array(std::string& out, std::string_view key, const Items& items, Write write, bool last,
                  const std::function<void(std::string_view)>& flush, std::size_t jobs) {
  append_key(out, key);
  out += "[";
  struct Block {
    std::size_t item = 0, part = 0;  // where it starts
    std::size_t count = 0;           // parts in it
  };
  // The part after (item, part): the next part of the item, or the next item's first.
  auto step = [&](std::size_t& item, std::size_t& part) {
    if (++part == parts(items[item])) {
      ++item;
      part = 0;
    }
  };
  std::vector<Block> blocks;
  for (std::size_t item = 0, part = 0; item < items.size();) {
    Block& block = blocks.emplace_back(Block{item, part, 0});
    for (std::size_t weight = 0; item < items.size() && block.count < k_block && weight < k_block_lines;
         step(item, part)) {
      ++block.count;
      weight += lines(items[item], part);
    }
  }
  // Blocks are formatted on the threads while the ones before them are written.
  auto format = [&](std::size_t b) {
    std::string text;
    for (std::size_t k = 0, i = blocks[b].item, p = blocks[b].part; k < blocks[b].count; ++k, step(i, p)) {
      if (p == 0) text += i == 0 ? "\n    " : ",\n    ";
      append_part(text, items[i], p, write);
    }
    return text;
  };
  parallel_ordered(blocks.size(), jobs, format, [&](std::size_t, std::string text) {
    out += text;
    if (out.size() >= k_piece) {
      flush(out);
      out.clear();
    }
  });
  out += items.empty() ? "]" : "\n  ]";
  out += last ? "\n" : ",\n";
}

class JsonRenderer final : public Renderer {
 public:
  std::string render(const Timeline& timeline) const override { return whole(*this, timeline); }

  JsonRenderer(std::size_t jobs, bool all_sources) : m_jobs(jobs), m_all_sources(all_sources) {}

  void render_to(const Timeline& timeline, const std::function<void(std::string_view)>& sink) const override {
    std::string out = "{\n";
    append_key(out, "schema_version");
    out += std::to_string(k_schema_version) + ",\n";
    append_key(out, "title");
    append_json_string(out, timeline.title);
    out += ",\n";
    append_key(out, "documents_read");
    out += std::to_string(timeline.sources.size()) + ",\n";
    if (m_all_sources) {
      append_array(out, "sources", timeline.sources, write_source, false, sink, m_jobs);
    } else {
      std::unordered_set<std::string_view> cited = cited_source_ids(timeline);
      std::vector<SourceInfo> sources;
      for (const auto& s : timeline.sources)
        if (cited.contains(s.id)) sources.push_back(s);
      append_array(out, "sources", sources, write_source, false, sink, m_jobs);
    }
    append_array(out, "events", timeline.events, nullptr, false, sink, m_jobs);  // append_part: write_event
    append_array(out, "undated", timeline.undated, write_citation, true, sink, m_jobs);
    out += "}\n";
    sink(out);
  }

 private:
  std::size_t m_jobs;
  bool m_all_sources;
};

}  // namespace

std::unique_ptr<Renderer> make_json(const RenderOptions& options) {
  return std::make_unique<JsonRenderer>(jobs_or_cores(options.jobs), options.all_sources);
}

}  // namespace mstl::render
