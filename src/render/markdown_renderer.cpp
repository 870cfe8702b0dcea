// The Markdown format (CommonMark): for people and for docs regenerated in CI.
//
//   # <title>
//   <n> sources · <n> events · <first date> – <last date>
//   ## <year>
//   ### <date written out> — <event title>
//   *<kind> · catalog `<id>` · <n> sources*          (kind and catalog for catalog events)
//   - [k] <publisher> (`<source id>`), dated by “<date expression>” | undated in the text
//   - Conflict: [k] says “<date expression>” (<value>)
//   ## Undated                                      (on-topic event sentences with no date)
//   ## Sources
//   ### <source id>  (publisher, file, sha256, language, published)
//   - [k] bytes a–b: “<quote>”
//
// Citation numbers [k] are given to distinct quotes (source and byte range) in
// order of first appearance, so a sentence that dates two events has one
// number and is listed once under its source.
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "mstimeline/error.hpp"
#include "render/renderers.hpp"

namespace mstl::render {
namespace {

// Backslash-escapes the ASCII punctuation CommonMark could read as markup, and
// folds line breaks, so any source text stays literal inline text.
std::string md_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    if (std::string_view("\\`*_[]<>#!|&~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

using QuoteKey = std::tuple<std::string, std::size_t, std::size_t>;

QuoteKey key_of(const Citation& c) { return {c.source, c.start, c.end}; }

class MarkdownRenderer final : public Renderer {
 public:
  explicit MarkdownRenderer(const RenderOptions& options) : m_labels(options.labels) {
    if (!m_labels) throw Error("the md format needs a lexicon to write dates", ExitCode::internal);
  }

  std::string render(const Timeline& t) const override {
    std::map<QuoteKey, int> numbers = number_quotes(t);
    std::string out = fmt::format("# {}\n\n{}\n", md_escape(t.title), summary(t));
    std::string year;
    for (const auto& e : t.events) {
      std::string this_year = e.date.value.substr(0, 4);
      if (this_year != year) out += fmt::format("\n## {}\n", year = this_year);
      out += event_section(t, e, numbers);
    }
    if (!t.undated.empty()) {
      out += "\n## Undated\n\nOn-topic sentences that report an event but hold no date and match no catalog event:\n\n";
      for (const auto& c : t.undated)
        out += fmt::format("- {} (`{}`), bytes {}–{}: “{}”\n", md_escape(publisher_of(t, c.source)), c.source, c.start,
                           c.end, md_escape(c.quote));
    }
    out += "\n## Sources\n";
    for (const auto& s : t.sources) out += source_section(t, s, numbers);
    return out;
  }

 private:
  static std::map<QuoteKey, int> number_quotes(const Timeline& t) {
    std::map<QuoteKey, int> numbers;
    for (const auto& e : t.events)
      for (const auto& c : e.citations) numbers.emplace(key_of(c), static_cast<int>(numbers.size()) + 1);
    return numbers;
  }

  std::string summary(const Timeline& t) const {
    std::string out = fmt::format("{} {} · {} {}", t.sources.size(), t.sources.size() == 1 ? "source" : "sources",
                                  t.events.size(), t.events.size() == 1 ? "event" : "events");
    if (!t.events.empty()) {
      out += fmt::format(" · {}", write_date(t.events.front().date, *m_labels));
      if (t.events.size() > 1) out += fmt::format(" – {}", write_date(t.events.back().date, *m_labels));
    }
    return out;
  }

  static std::string publisher_of(const Timeline& t, const std::string& source_id) {
    for (const auto& s : t.sources)
      if (s.id == source_id && s.publisher) return *s.publisher;
    return "unknown publisher";
  }

  std::string event_section(const Timeline& t, const Event& e, const std::map<QuoteKey, int>& numbers) const {
    std::string out = fmt::format("\n### {} — {}\n\n", write_date(e.date, *m_labels), md_escape(e.title));
    std::string sources = fmt::format("{} {}", e.source_count, e.source_count == 1 ? "source" : "sources");
    out += e.catalog_id.empty() ? fmt::format("*{}*\n\n", sources)
                                : fmt::format("*{} · catalog `{}` · {}*\n\n", e.kind, e.catalog_id, sources);
    for (const auto& c : e.citations) {
      std::string dated = c.date_text.empty() ? std::string("undated in the text")
                                              : fmt::format("dated by “{}”", md_escape(c.date_text));
      out += fmt::format("- [{}] {} (`{}`), {}\n", numbers.at(key_of(c)), md_escape(publisher_of(t, c.source)),
                         c.source, dated);
    }
    for (const auto& k : e.conflicts)
      out += fmt::format("- Conflict: `{}` bytes {}–{} says “{}” ({})\n", k.citation.source, k.citation.start,
                         k.citation.end, md_escape(k.citation.date_text), k.value);
    return out;
  }

  static std::string source_section(const Timeline& t, const SourceInfo& s, const std::map<QuoteKey, int>& numbers) {
    std::string out = fmt::format("\n### {}\n\n", md_escape(s.id));
    out += fmt::format("- Publisher: {}\n", md_escape(s.publisher.value_or("unknown")));
    out += fmt::format("- File: `{}` (sha256 `{}`)\n", s.path, s.sha256);
    out += fmt::format("- Language: {}; published: {}\n", s.language,
                       s.published ? fmt::format("{} ({})", *s.published, s.published_basis) : "unknown");
    if (s.url) out += fmt::format("- URL: <{}>\n", *s.url);
    std::map<int, const Citation*> cited;  // by number, each quote once
    for (const auto& e : t.events)
      for (const auto& c : e.citations)
        if (c.source == s.id) cited.emplace(numbers.at(key_of(c)), &c);
    if (cited.empty()) return out + "\nNo quotes cited.\n";
    out += "\nQuotes cited:\n\n";
    for (const auto& [n, c] : cited)
      out += fmt::format("- [{}] bytes {}–{}: “{}”\n", n, c->start, c->end, md_escape(c->quote));
    return out;
  }

  const Lexicon* m_labels;
};

}  // namespace

std::unique_ptr<Renderer> make_markdown(const RenderOptions& options) {
  return std::make_unique<MarkdownRenderer>(options);
}

}  // namespace mstl::render
