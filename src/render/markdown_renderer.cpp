// The Markdown format (CommonMark, as GitHub and cmark render it): for people
// and for docs regenerated in CI.
//
//   # <title>
//   <n> sources · <n> events · <first date> – <last date>
//   <the note on shortened quotes>
//   ## At a glance                                   (a Mermaid `timeline` chart)
//   ## <year>
//   ### <date written out> — <event title>
//   *<kind> · catalog `<id>` · <n> sources*          (kind and catalog for catalog events)
//   - [k](#qk) “<quote, shortened>” — [<publisher>, <published>](#src-<id>), dated by “<date expression>” | undated in
//   the text
//   - *and <n> more quotes (all of them in -f json)*     (past RenderOptions::quotes)
//   - **Conflict:** [`<source>`](#src-<id>) bytes a–b says “<date expression>” (<value>)
//   ## Undated                                      (on-topic event sentences with no date)
//   - “<quote>” — [<publisher>, <published>](#src-<id>), bytes a–b
//   ## Sources                                       (only the sources cited above)
//   ### <a id="src-<id>"></a><source id>  (publisher, file, sha256, language, published)
//   - <a id="qk"></a>[k] bytes a–b: “<whole quote>”
//   <n> more sources are cited only by quotes not shown above.   (past RenderOptions::quotes)
//   <n> more sources were read but not cited.
//
// Every word comes from the locale's labels and every date is written out by
// its lexicon (--locale). Citation numbers [k] are given to distinct quotes
// (source and byte range) in order of first appearance, so a sentence that
// dates two events has one number and is listed once under its source. Under
// an event a quote longer than k_whole bytes is cut at a space and ends in
// "…"; its number links to the whole quote. The anchors are inline `<a id>`
// tags, the only raw HTML written (source text is escaped): GitHub keeps them,
// and cmark does with --unsafe.
#include <cctype>
#include <map>
#include <set>
#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "render/common.hpp"
#include "render/renderers.hpp"

namespace mstl::render {
namespace {

// Backslash-escapes the ASCII punctuation CommonMark could read as markup, and
// folds line breaks, so any source text stays literal inline text.
std::string md_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : one_line(s)) {
    if (std::string_view("\\`*_[]<>#!|&~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// Text for a Mermaid `timeline` line. ':' separates a period from its events
// and cannot be backslash-escaped, '#' starts an entity code and ';' ends
// one (and separates statements), so these, '%' (comments) and '<' '>' (read
// as HTML by the renderer) are written as Mermaid entity codes, "#58;" for ':'.
std::string mermaid_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : one_line(s)) {
    if (std::string_view(":#;%<>").find(c) != std::string_view::npos) {
      out += fmt::format("#{};", static_cast<int>(c));
      continue;
    }
    out += c;
  }
  return out;
}

// Quotes up to this many bytes are shown whole under their events; longer
// ones are cut at the last space before k_cut bytes.
constexpr std::size_t k_whole = 200, k_cut = 160;

// `quote` on one line, shortened at a word boundary with "…" when long.
std::string shorten(std::string_view quote) {
  std::string line = one_line(quote);
  if (line.size() <= k_whole) return line;
  std::size_t cut = line.rfind(' ', k_cut);
  if (cut == std::string::npos || cut < k_cut / 4) {  // no space near: cut between UTF-8 characters
    cut = k_cut;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  }
  line.resize(cut);
  while (!line.empty() && std::string_view(" ,;:-").find(line.back()) != std::string_view::npos) line.pop_back();
  return line + "…";
}

// An anchor name for a source id: letters, digits, '-', '_' and '.' as they
// are, every other byte as %XX, so that `<a id>` and `](#…)` name it alike.
std::string source_anchor(std::string_view id) {
  std::string out = "src-";
  for (char c : id) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.')
      out += c;
    else
      out += fmt::format("%{:02X}", u);
  }
  return out;
}

class MarkdownRenderer final : public Renderer {
 public:
  explicit MarkdownRenderer(const RenderOptions& options)
      : m_dates(require_dates(options, "md")), m_labels(require_labels(options, "md")), m_quotes(options.quotes) {}

  std::string render(const Timeline& t) const override { return whole(*this, t); }

  void render_to(const Timeline& t, const std::function<void(std::string_view)>& sink) const override {
    std::map<QuoteKey, int> numbers = number_quotes(t, m_quotes);
    Pieces pieces(sink);
    std::string& out = pieces.out();
    out += fmt::format("# {}\n\n{}\n", md_escape(t.title), summary_line(t, m_dates, m_labels));
    if (!t.events.empty()) {
      out += fmt::format("\n{}\n", m_labels.get("shortened_note"));
      chart(pieces, t);
    }
    std::string year;
    for (const auto& e : t.events) {
      std::string this_year = e.date.value.substr(0, 4);
      if (this_year != year) out += fmt::format("\n## {}\n", year = this_year);
      event_section(pieces, t, e, numbers);
    }
    if (!t.undated.empty()) {
      out += fmt::format("\n## {}\n\n{}\n\n", m_labels.get("undated_heading"), m_labels.get("undated_intro"));
      for (const auto& c : t.undated) {
        out += fmt::format("- “{}” — {}, {}\n", md_escape(c.quote), source_link(t, c.source), bytes(c));
        pieces.pieces();
      }
    }
    out += fmt::format("\n## {}\n", m_labels.get("sources_heading"));
    // Each source's quotes, by number, each quote once (its first citation):
    // gathered in one pass, not one pass over every citation per source.
    // A source cited only by a conflict or an undated sentence is listed
    // too (the links above lead to it), without quotes.
    // A source cited only by quotes not shown is counted, not listed.
    std::unordered_map<std::string_view, std::map<int, const Citation*>> cited;
    std::unordered_set<std::string_view> unshown;
    for (const auto& e : t.events) {
      std::span<const Citation> shown = shown_citations(e, m_quotes);
      for (const auto& c : shown) cited[c.source].emplace(numbers.at(key_of(c)), &c);
      for (const auto& c : std::span(e.citations).subspan(shown.size())) unshown.insert(c.source);
      for (const auto& k : e.conflicts) cited[k.citation.source];
    }
    for (const auto& c : t.undated) cited[c.source];
    std::size_t listed = 0, left_out = 0;
    for (const auto& s : t.sources) {
      auto it = cited.find(s.id);
      if (it == cited.end()) {
        left_out += unshown.contains(s.id);
        continue;
      }
      source_section(pieces, s, it->second);
      ++listed;
    }
    if (left_out) out += fmt::format("\n{}\n", m_labels.count("unshown", left_out));
    if (listed + left_out < t.sources.size())
      out += fmt::format("\n{}\n", m_labels.count("uncited", t.sources.size() - listed - left_out));
    pieces.done();
  }

 private:
  std::string bytes(const Citation& c) const {
    return m_labels.fill("bytes", {{"start", std::to_string(c.start)}, {"end", std::to_string(c.end)}});
  }

  // The sections below append to `pieces` and hand it on a line at a time:
  // an event or a source may cite thousands of quotes.

  // A fenced Mermaid `timeline`: one section per year, one line per event.
  void chart(Pieces& pieces, const Timeline& t) const {
    std::string& out = pieces.out();
    out += fmt::format("\n## {}\n\n```mermaid\ntimeline\n    title {}\n", m_labels.get("at_a_glance"),
                       mermaid_escape(t.title));
    std::string year;
    for (const auto& e : t.events) {
      std::string this_year = e.date.value.substr(0, 4);
      if (this_year != year) out += fmt::format("    section {}\n", year = this_year);
      out += fmt::format("        {} : {}\n", mermaid_escape(write_date(e.date, m_dates)), mermaid_escape(e.title));
      pieces.pieces();
    }
    out += "```\n";
  }

  // "[Publisher, January 25, 2023](#src-<id>)": the source's section under
  // Sources; the publication date tells apart the articles of one publisher.
  std::string source_link(const Timeline& t, std::string_view source) const {
    std::string text = publisher_of(t, source, m_labels);
    const SourceInfo* s = find_source(t, source);
    if (s && s->published)
      if (auto date = parse_date_value(*s->published)) text += ", " + write_date(*date, m_dates);
    return fmt::format("[{}](#{})", md_escape(text), source_anchor(source));
  }

  void event_section(Pieces& pieces, const Timeline& t, const Event& e, const std::map<QuoteKey, int>& numbers) const {
    std::string& out = pieces.out();
    out += fmt::format("\n### {} — {}\n\n", write_date(e.date, m_dates), md_escape(e.title));
    std::string sources = m_labels.count("sources", e.source_count);
    out += e.catalog_id.empty() ? fmt::format("*{}*\n\n", sources)
                                : fmt::format("*{} · {} `{}` · {}*\n\n", m_labels.kind(e.kind), m_labels.get("catalog"),
                                              e.catalog_id, sources);
    std::span<const Citation> shown = shown_citations(e, m_quotes);
    for (const auto& c : shown) {
      std::string dated = dating_of(e, c, m_labels, [](std::string_view s) { return md_escape(s); });
      int n = numbers.at(key_of(c));
      out += fmt::format("- [\\[{0}\\]](#q{0}) “{1}” — {2}, {3}\n", n, md_escape(shorten(c.quote)),
                         source_link(t, c.source), dated);
      pieces.pieces();
    }
    if (shown.size() < e.citations.size())
      out += fmt::format("- *{}*\n", m_labels.count("more_quotes", e.citations.size() - shown.size()));
    for (const auto& k : e.conflicts) {
      std::string where =
          fmt::format("[`{}`](#{}) {}", k.citation.source, source_anchor(k.citation.source), bytes(k.citation));
      out +=
          fmt::format("- **{}:** {}\n", m_labels.get("conflict"),
                      m_labels.fill("conflict_detail",
                                    {{"where", where}, {"text", md_escape(k.citation.date_text)}, {"value", k.value}}));
      pieces.pieces();
    }
  }

  void source_section(Pieces& pieces, const SourceInfo& s, const std::map<int, const Citation*>& cited) const {
    std::string& out = pieces.out();
    out += fmt::format("\n### <a id=\"{}\"></a>{}\n\n", source_anchor(s.id), md_escape(s.id));
    out +=
        fmt::format("- {}: {}\n", m_labels.get("publisher"), md_escape(s.publisher.value_or(m_labels.get("unknown"))));
    out += fmt::format("- {}: `{}` (sha256 `{}`)\n", m_labels.get("file"), s.path, s.sha256);
    out += fmt::format("- {}: {}; {}: {}\n", m_labels.get("language"), s.language, m_labels.get("published"),
                       published_text(s, m_labels));
    if (s.url) out += fmt::format("- {}: <{}>\n", m_labels.get("url"), *s.url);
    pieces.pieces();
    if (cited.empty()) return;
    out += fmt::format("\n{}\n\n", m_labels.get("quotes_cited"));
    for (const auto& [n, c] : cited) {
      out += fmt::format("- <a id=\"q{0}\"></a>\\[{0}\\] {1}: “{2}”\n", n, bytes(*c), md_escape(c->quote));
      pieces.pieces();
    }
  }

  const Lexicon& m_dates;
  const Labels& m_labels;
  std::size_t m_quotes;  // RenderOptions::quotes
};

}  // namespace

std::unique_ptr<Renderer> make_markdown(const RenderOptions& options) {
  return std::make_unique<MarkdownRenderer>(options);
}

}  // namespace mstl::render
