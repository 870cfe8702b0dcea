#include "targets.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "mstimeline/catalog.hpp"
#include "mstimeline/decode.hpp"
#include "mstimeline/json_doc.hpp"
#include "mstimeline/knowledge.hpp"
#include "mstimeline/lexicon.hpp"
#include "mstimeline/manifest.hpp"
#include "mstimeline/path_dates.hpp"
#include "mstimeline/record.hpp"
#include "mstimeline/source.hpp"
#include "mstimeline/tagger.hpp"
#include "mstimeline/timeline.hpp"
#include "mstimeline/topic.hpp"

namespace mstl::fuzz {
namespace {

std::filesystem::path g_data_dir;

struct Loaded {
  Knowledge knowledge;
  Catalog catalog;
  TopicProfile topic;
};

const Loaded& loaded() {
  static const Loaded l = [] {
    Knowledge k = load_knowledge(g_data_dir);
    Catalog c = parse_catalog(read_json_file((g_data_dir / "catalog.json").string()).take()).take();
    TopicProfile t = parse_topic(read_json_file((g_data_dir / "topic.json").string()).take()).take();
    return Loaded{std::move(k), std::move(c), std::move(t)};
  }();
  return l;
}

void check_citation(const Article& a, const Citation& c) {
  if (c.start > c.end || c.end > a.bytes.size()) violated("citation outside the file");
  if (c.quote.empty()) violated("empty quote");
  if (find_invalid_utf8(c.quote) != std::string::npos) violated("quote is not UTF-8");
  // The quote is the file's bytes [start, end) decoded: for UTF-8 files, the bytes themselves.
  if (!a.decoding.transcoded() && std::string_view(a.bytes).substr(c.start, c.end - c.start) != c.quote)
    violated("quote differs from the file's bytes");
}

}  // namespace

void violated(const char* what) {
  std::fprintf(stderr, "invariant violated: %s\n", what);
  std::abort();
}

void set_data_dir(const std::filesystem::path& dir) { g_data_dir = dir; }

namespace {

// Renders a diagnostic as the user would see it, checking that it is printable.
void show(const Diagnostic& d) {
  std::string shown = d.to_string("error");
  if (find_invalid_utf8(shown) != std::string::npos) violated("a diagnostic is not UTF-8");
  for (char c : shown)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7F)
      violated("a diagnostic holds a control character");
}

}  // namespace

void decode(std::string_view bytes) {
  auto d = decode_article("fuzz.txt", bytes);
  if (!d) return show(d.error());
  for (const auto& w : d.value().warnings) show(w);
  Article a;
  a.bytes = std::string(bytes);
  a.decoding = std::move(d.value());
  std::string_view text = a.text();
  if (find_invalid_utf8(text) != std::string::npos) violated("decoded text is not UTF-8");
  if (a.file_offset(text.size()) != bytes.size()) violated("text end does not map to the file end");
  for (std::size_t i = 1; i <= text.size(); ++i)
    if (a.file_offset(i) < a.file_offset(i - 1)) violated("offset map goes backwards");
  a.info.id = "fuzz";
  a.info.path = "fuzz.txt";
  a.display_path = "fuzz.txt";
  EventKnowledge events;
  events.topic = &loaded().topic;
  events.catalog = &loaded().catalog;
  DocumentRecord r = extract_document(a, loaded().knowledge, events);
  for (const auto& m : r.mentions) check_citation(a, m.citation);
  for (const auto& c : r.undated) check_citation(a, c);
  for (const auto& x : r.dropped) check_citation(a, x.citation);
}

void tagger(std::string_view bytes) {
  if (find_invalid_utf8(bytes) != std::string::npos) return;  // the tagger reads decoded text only
  static const Tagger id(loaded().knowledge.lexicon("id"));
  static const Tagger en(loaded().knowledge.lexicon("en"));
  TagContext context;
  context.document_date = parse_date_value("2023-11-17");
  for (const Tagger* t : {&id, &en}) {
    std::size_t last = 0;
    for (const Timex& x : t->tag(bytes, context)) {
      if (x.begin >= x.end || x.end > bytes.size()) violated("expression outside the text");
      if (x.begin < last) violated("expressions out of order or overlapping");
      last = x.end;
      if (x.value.empty()) violated("expression without a value");
    }
  }
}

void catalog(std::string_view bytes) {
  auto doc = parse_json("fuzz.json", std::string(bytes));
  if (!doc) {
    const Diagnostic& e = doc.error();
    if (e.line == 0 || e.column == 0) violated("JSON error without a position");
    return show(e);
  }
  if (auto c = parse_catalog(doc.value()); !c) show(c.error());
  if (auto t = parse_topic(doc.value()); !t) show(t.error());
  if (auto m = parse_manifest(doc.value(), {"en", "id"}); !m) show(m.error());
  if (auto l = parse_lexicon(doc.value(), "id"); !l) show(l.error());
  PathDates path_dates;
  if (auto e = parse_path_dates(doc.value(), path_dates)) return show(*e);
  // The document's own text as a path, through its patterns and the shipped ones.
  for (const PathDates* rules : {static_cast<const PathDates*>(&path_dates), &loaded().knowledge.path_dates}) {
    auto date = date_from_path(bytes, *rules);
    if (date && (date->size() != 10 || !parse_date_value(*date))) violated("a path date that is not a calendar day");
  }
}

void record(std::string_view bytes) {
  auto part = parse_part("fuzz.jsonl", bytes);
  // The direct reader of document lines must read what the full reader reads, and decline the rest.
  auto full = parse_part("fuzz.jsonl", bytes, 1, LineReader::full);
  if (part.ok() != full.ok()) violated("the direct and the full reader disagree on whether a part parses");
  if (!part && part.error().to_string() != full.error().to_string())
    violated("the direct and the full reader name different errors");
  if (part) {
    const auto& a = part.value().documents;
    const auto& b = full.value().documents;
    if (a.size() != b.size()) violated("the direct and the full reader read different numbers of documents");
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
      if (document_line(a[i]) != document_line(b[i])) violated("the direct and the full reader read different records");
  }
  if (!part) return show(part.error());
  // What parses must write back to lines that parse to the same records.
  std::string again;
  for (const auto& h : part.value().headers) again += header_line(h);
  for (const auto& d : part.value().documents) again += document_line(d);
  auto reparsed = parse_part("again.jsonl", again);
  if (!reparsed) violated("a parsed part does not parse once written again");
  if (reparsed.value().documents.size() != part.value().documents.size()) violated("documents lost on a round trip");
}

Target target_named(std::string_view name) {
  if (name == "decode") return &decode;
  if (name == "tagger") return &tagger;
  if (name == "catalog") return &catalog;
  if (name == "record") return &record;
  return nullptr;
}

}  // namespace mstl::fuzz
