#include "targets.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "mstimeline/boilerplate.hpp"
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
  // Read with the knowledge and a topic, as build reads it: every problem at a position.
  std::vector<Diagnostic> problems;
  check_catalog(doc.value(), CatalogContext{&loaded().knowledge, &loaded().topic}, problems);
  for (const auto& p : problems)
    if (p.line == 0 || p.column == 0) violated("a catalog problem without a position");
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

namespace {

// The next piece of `bytes` up to a NUL byte (or the rest), which it drops.
std::string_view take_piece(std::string_view& bytes) {
  std::size_t nul = bytes.find('\0');
  std::string_view piece = bytes.substr(0, nul);
  bytes = nul == std::string_view::npos ? std::string_view() : bytes.substr(nul + 1);
  return piece;
}

// A line without the white space and no-break spaces at its ends, as boilerplate rules see it.
std::string_view trimmed(std::string_view s) {
  const std::string_view space = " \t\r\n\f\v", nbsp = "\xC2\xA0";
  for (bool more = true; more;) {
    more = false;
    while (!s.empty() && space.find(s.front()) != std::string_view::npos) s.remove_prefix(1), more = true;
    while (!s.empty() && space.find(s.back()) != std::string_view::npos) s.remove_suffix(1), more = true;
    if (s.starts_with(nbsp)) s.remove_prefix(2), more = true;
    if (s.ends_with(nbsp)) s.remove_suffix(2), more = true;
  }
  return s;
}

// Whether a dropped line over the length limit is one a rule may drop: named
// whole by a `lines` rule, or a repeat of a line kept before it.
bool may_drop(std::string_view text, const std::vector<text::Span>& kept, std::string_view line,
              const Boilerplate& rules) {
  auto rule = rules.rule_matching(line);
  if (rule && rule->kind == BoilerplateRule::Kind::line) return true;
  for (const auto& s : kept) {
    if (s.begin >= static_cast<std::size_t>(line.data() - text.data())) break;
    std::string_view earlier = text.substr(s.begin, s.end - s.begin);
    if (text::same_folding_spaces(earlier, line) ||
        (line.ends_with('\r') && text::same_folding_spaces(earlier, line.substr(0, line.size() - 1))))
      return true;
  }
  return false;
}

}  // namespace

void boilerplate(std::string_view bytes) {
  std::string_view rules_json = take_piece(bytes), catalog_json = take_piece(bytes), article = bytes;
  static Knowledge knowledge = load_knowledge(g_data_dir);  // its boilerplate replaced by each input's
  knowledge.boilerplate = Boilerplate();
  auto rules_doc = parse_json("fuzz-boilerplate.json", std::string(rules_json));
  if (!rules_doc) {
    if (rules_doc.error().line == 0) violated("JSON error without a position");
    return show(rules_doc.error());
  }
  if (auto e = parse_boilerplate(rules_doc.value(), knowledge.boilerplate)) return show(*e);
  std::optional<Catalog> catalog;
  if (auto doc = parse_json("fuzz-catalog.json", std::string(catalog_json)); !doc) {
    show(doc.error());
  } else if (auto c = parse_catalog(doc.value()); !c) {
    show(c.error());
  } else {
    catalog = std::move(c.value());
  }
  auto d = decode_article("fuzz.txt", article);
  if (!d) return show(d.error());
  Article a;
  a.bytes = std::string(article);
  a.decoding = std::move(d.value());
  std::string_view text = a.text();
  // Lines are dropped only as the contract says: a line longer than the limit stays unless a `lines` rule
  // names it whole or it repeats an earlier one.
  const Boilerplate& rules = knowledge.boilerplate;
  std::vector<text::Span> kept = content_lines(text, rules);
  std::size_t last = 0, k = 0;
  for (const auto& s : kept) {
    if (s.begin < last || s.begin >= s.end || s.end > text.size())
      violated("content lines out of order or outside the text");
    last = s.end;
  }
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = std::min(text.find('\n', begin), text.size());
    std::string_view line = text.substr(begin, end - begin);
    while (k < kept.size() && kept[k].begin < begin) ++k;
    bool is_kept = k < kept.size() && kept[k].begin == begin;
    if (!is_kept && trimmed(line).size() > k_max_boilerplate_line && !may_drop(text, kept, line, rules))
      violated("a line over the boilerplate limit was dropped");
    begin = end + 1;
  }
  if (auto w = long_boilerplate_lines("fuzz.txt", text, rules)) show(*w);
  a.info.id = "fuzz";
  a.info.path = "fuzz.txt";
  a.display_path = "fuzz.txt";
  EventKnowledge events;
  events.topic = &loaded().topic;
  events.catalog = catalog ? &*catalog : nullptr;
  DocumentRecord r = extract_document(a, knowledge, events);
  for (const auto& m : r.mentions) check_citation(a, m.citation);
  for (const auto& c : r.undated) check_citation(a, c);
  for (const auto& x : r.dropped) check_citation(a, x.citation);
}

Target target_named(std::string_view name) {
  if (name == "boilerplate") return &boilerplate;
  if (name == "decode") return &decode;
  if (name == "tagger") return &tagger;
  if (name == "catalog") return &catalog;
  if (name == "record") return &record;
  return nullptr;
}

}  // namespace mstl::fuzz
