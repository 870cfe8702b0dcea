// HTML: one self-contained page, a vertical timeline for people.
//
// No script, no external asset, no web font: the page works offline, without
// JavaScript, and prints (a print style sheet drops colors and keeps events
// whole on a page). A Content-Security-Policy meta tag forbids every fetch,
// so a browser cannot load anything even if a quote held markup (all text is
// escaped anyway). Structure:
//
//   header: h1 title, summary line, the note that quotes are exact bytes
//   main > section.year#y<year> > h2 year
//        > ol.events > li.event#<event id>
//            time[datetime] (the date written out), h3 title, p.meta (kind,
//            catalog id, sources), ol.citations > li > blockquote + p.cite
//            (the first RenderOptions::quotes, then li.more counting the rest),
//            ul.why (merged_because, in the locale's words), p.conflict
//   section#undated, section#sources (dl per source cited, then p.note counting the others)
//
// Every word comes from the locale's labels, dates from its lexicon.
#include <unordered_set>

#include <fmt/format.h>

#include "mstimeline/merge_reason.hpp"
#include "render/common.hpp"
#include "render/renderers.hpp"

namespace mstl::render {
namespace {

constexpr std::string_view k_style = R"(
:root { color-scheme: light dark; --ink: #1d1f23; --muted: #5b616b; --line: #c4c9d1; --dot: #2b6cb0;
  --paper: #ffffff; --quote: #f4f6f9; }
@media (prefers-color-scheme: dark) { :root { --ink: #e6e8eb; --muted: #a3a9b3; --line: #4a505a; --dot: #63a4ff;
  --paper: #15171a; --quote: #1f2227; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 50rem; padding: 1.5rem 1rem 3rem; background: var(--paper); color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
header h1 { margin: 0 0 .25rem; font-size: 1.8rem; line-height: 1.25; }
.summary, .note, .meta, .cite, .why, dl { color: var(--muted); }
.note { font-size: .9rem; }
h2 { margin: 2rem 0 .5rem; font-size: 1.35rem; }
ol.events { list-style: none; margin: 0; padding: 0 0 0 1.5rem; border-left: 2px solid var(--line); }
li.event { position: relative; margin: 0 0 1.5rem; }
li.event::before { content: ""; position: absolute; left: calc(-1.5rem - 7px); top: .45rem; width: 12px; height: 12px;
  border-radius: 50%; background: var(--dot); border: 2px solid var(--paper); }
li.event time { font-weight: 600; color: var(--dot); }
li.event h3 { margin: .1rem 0 .2rem; font-size: 1.1rem; line-height: 1.35; }
.meta { margin: 0 0 .4rem; font-size: .9rem; }
ol.citations { margin: 0; padding-left: 1.5rem; }
blockquote { margin: .3rem 0 .1rem; padding: .4rem .7rem; background: var(--quote); border-left: 3px solid var(--line); }
.cite { margin: 0 0 .4rem; font-size: .85rem; }
li.more { list-style: none; font-style: italic; font-size: .85rem; }
.why { margin: .2rem 0 0; padding-left: 1.2rem; font-size: .8rem; }
.conflict { margin: .3rem 0 0; font-size: .9rem; color: #b45309; }
code { font-size: .85em; overflow-wrap: anywhere; }
dl { font-size: .9rem; }
dt { font-weight: 600; color: var(--ink); margin-top: .8rem; }
dd { margin-left: 1rem; overflow-wrap: anywhere; }
a { color: var(--dot); }
@media print {
  :root { --ink: #000; --muted: #333; --line: #888; --dot: #000; --paper: #fff; --quote: #fff; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  li.event, blockquote { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
)";

// A `datetime` attribute only where HTML's time element accepts the value.
bool html_time_value(Precision p) {
  return p == Precision::year || p == Precision::month || p == Precision::week || p == Precision::day;
}

class HtmlRenderer final : public Renderer {
 public:
  explicit HtmlRenderer(const RenderOptions& options)
      : m_dates(require_dates(options, "html")), m_labels(require_labels(options, "html")), m_quotes(options.quotes) {}

  std::string render(const Timeline& t) const override { return whole(*this, t); }

  void render_to(const Timeline& t, const std::function<void(std::string_view)>& sink) const override {
    std::map<QuoteKey, int> numbers = number_quotes(t, m_quotes);
    Pieces pieces(sink);
    std::string& out = pieces.out();
    out += fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        "<meta name=\"generator\" content=\"mstimeline\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n"
        "<header>\n<h1>{}</h1>\n<p class=\"summary\">{}</p>\n<p class=\"note\">{}</p>\n</header>\n<main>\n",
        html_escape(m_labels.language), html_escape(t.title), k_style, html_escape(t.title),
        html_escape(summary_line(t, m_dates, m_labels)), html_escape(m_labels.get("quote_note")));
    std::string year;
    for (const auto& e : t.events) {
      std::string this_year = e.date.value.substr(0, 4);
      if (this_year != year) {
        if (!year.empty()) out += "</ol>\n</section>\n";
        year = this_year;
        out += fmt::format("<section class=\"year\" id=\"y{0}\">\n<h2>{0}</h2>\n<ol class=\"events\">\n",
                           html_escape(year));
      }
      event_item(pieces, t, e, numbers);
    }
    if (!year.empty()) out += "</ol>\n</section>\n";
    if (!t.undated.empty()) {
      out += fmt::format("<section id=\"undated\">\n<h2>{}</h2>\n<p>{}</p>\n<ul>\n",
                         html_escape(m_labels.get("undated_heading")), html_escape(m_labels.get("undated_intro")));
      for (const auto& c : t.undated) {
        out += fmt::format("<li><blockquote>{}</blockquote><p class=\"cite\">{}</p></li>\n",
                           html_escape(one_line(c.quote)), cite_line(t, c));
        pieces.pieces();
      }
      out += "</ul>\n</section>\n";
    }
    out += fmt::format("<section id=\"sources\">\n<h2>{}</h2>\n<dl>\n", html_escape(m_labels.get("sources_heading")));
    // The sources cited, as md lists them; the others are counted.
    std::unordered_set<std::string_view> cited = cited_source_ids(t);
    std::size_t listed = 0;
    for (const auto& s : t.sources) {
      if (!cited.contains(s.id)) continue;
      out += source_entry(s);
      ++listed;
      pieces.pieces();
    }
    out += "</dl>\n";
    if (std::size_t uncited = t.sources.size() - listed)
      out += fmt::format("<p class=\"note\">{}</p>\n", html_escape(m_labels.count("uncited", uncited)));
    out += "</section>\n</main>\n</body>\n</html>\n";
    pieces.done();
  }

 private:
  std::string bytes(const Citation& c) const {
    return m_labels.fill("bytes", {{"start", std::to_string(c.start)}, {"end", std::to_string(c.end)}});
  }

  // "— Liputan6.com (<code>000_…</code>), bytes 10–20, dated by “…”"
  // With `e`, a citation of that event (dating_of); without, an undated entry.
  std::string cite_line(const Timeline& t, const Citation& c, const Event* e = nullptr) const {
    std::string out = fmt::format("— {} (<a href=\"#src-{}\"><code>{}</code></a>), {}",
                                  html_escape(publisher_of(t, c.source, m_labels)), html_escape(c.source),
                                  html_escape(c.source), html_escape(bytes(c)));
    auto plain = [](std::string_view s) { return one_line(s); };
    out += ", " + html_escape(e ? dating_of(*e, c, m_labels, plain) : m_labels.get("undated_in_text"));
    return out;
  }

  // "<a><code>src</code></a> at byte 391", HTML.
  std::string place(std::string_view source, std::size_t start) const {
    return fill_html("place",
                     {{"source", fmt::format("<a href=\"#src-{0}\"><code>{0}</code></a>", html_escape(source))},
                      {"start", std::to_string(start)}});
  }

  // A label's template escaped, its placeholders filled with HTML.
  std::string fill_html(std::string_view key, const Labels::Args& html_args) const {
    return fill_template(html_escape(m_labels.get(key)), html_args);
  }

  // A date value written out, or as it is when it is not one.
  std::string date_html(std::string_view value) const {
    auto date = parse_date_value(value);
    return html_escape(date ? write_date(*date, m_dates) : std::string(value));
  }

  // A merged_because reason in the page's words (labels why_*), or the
  // machine string as it is when it is not one the builder writes.
  std::string reason(const std::string& why) const {
    auto r = parse_merge_reason(why);
    if (!r) return html_escape(why);
    std::string here = place(r->source, r->start);
    switch (r->kind) {
      case MergeReason::Kind::trigger:
        return fill_html("why_trigger", {{"place", here},
                                         {"event", fmt::format("<code>{}</code>", html_escape(r->catalog_id))},
                                         {"trigger", html_escape(r->trigger)}});
      case MergeReason::Kind::repeats:
        return fill_html("why_repeats", {{"place", here}, {"other", place(r->other, r->other_start)}});
      case MergeReason::Kind::same_day:
        return fill_html("why_same_day",
                         {{"place", here}, {"other", place(r->other, r->other_start)}, {"day", date_html(r->date)}});
      case MergeReason::Kind::words:
        return fill_html("why_words", {{"place", here},
                                       {"other", place(r->other, r->other_start)},
                                       {"date", date_html(r->date)},
                                       {"other_date", date_html(r->other_date)},
                                       {"words", html_escape(r->words)},
                                       {"score", html_escape(r->score)}});
    }
    return html_escape(why);
  }

  // Appended to `pieces`, handed on a line at a time: an event may cite thousands of sentences.
  void event_item(Pieces& pieces, const Timeline& t, const Event& e, const std::map<QuoteKey, int>& numbers) const {
    std::string& out = pieces.out();
    std::string time = html_time_value(e.date.precision)
                           ? fmt::format("<time datetime=\"{}\">{}</time>", html_escape(e.date.value),
                                         html_escape(write_date(e.date, m_dates)))
                           : fmt::format("<time>{}</time>", html_escape(write_date(e.date, m_dates)));
    std::string meta = html_escape(m_labels.kind(e.kind));
    if (!e.catalog_id.empty())
      meta += fmt::format(" · {} <code>{}</code>", html_escape(m_labels.get("catalog")), html_escape(e.catalog_id));
    meta += " · " + html_escape(m_labels.count("sources", e.source_count));
    out += fmt::format(
        "<li class=\"event\" id=\"{}\">\n{}\n<h3>{}</h3>\n<p class=\"meta\">{}</p>\n<ol class=\"citations\">\n",
        html_escape(e.id), time, html_escape(e.title), meta);
    std::span<const Citation> shown = shown_citations(e, m_quotes);
    for (const auto& c : shown) {
      out += fmt::format("<li value=\"{}\"><blockquote>{}</blockquote><p class=\"cite\">{}</p></li>\n",
                         numbers.at(key_of(c)), html_escape(one_line(c.quote)), cite_line(t, c, &e));
      pieces.pieces();
    }
    if (shown.size() < e.citations.size())
      out += fmt::format("<li class=\"more\">{}</li>\n",
                         html_escape(m_labels.count("more_quotes", e.citations.size() - shown.size())));
    out += "</ol>\n";
    if (!e.merged_because.empty()) {
      out += fmt::format("<ul class=\"why\" title=\"{}\">\n", html_escape(m_labels.get("merged_because")));
      for (const auto& why : e.merged_because) {
        out += fmt::format("<li>{}</li>\n", reason(why));
        pieces.pieces();
      }
      out += "</ul>\n";
    }
    for (const auto& k : e.conflicts)
      out += fmt::format("<p class=\"conflict\">{}: {}</p>\n", html_escape(m_labels.get("conflict")),
                         html_escape(m_labels.fill(
                             "conflict_detail", {{"where", fmt::format("{} {}", k.citation.source, bytes(k.citation))},
                                                 {"text", one_line(k.citation.date_text)},
                                                 {"value", k.value}})));
    out += "</li>\n";
    pieces.pieces();
  }

  std::string source_entry(const SourceInfo& s) const {
    std::string out = fmt::format("<dt id=\"src-{0}\"><code>{0}</code></dt>\n", html_escape(s.id));
    out += fmt::format("<dd>{}: {}</dd>\n", html_escape(m_labels.get("publisher")),
                       html_escape(s.publisher.value_or(m_labels.get("unknown"))));
    out += fmt::format("<dd>{}: <code>{}</code> (sha256 <code>{}</code>)</dd>\n", html_escape(m_labels.get("file")),
                       html_escape(s.path), html_escape(s.sha256));
    out += fmt::format("<dd>{}: {}; {}: {}</dd>\n", html_escape(m_labels.get("language")), html_escape(s.language),
                       html_escape(m_labels.get("published")), html_escape(published_text(s, m_labels)));
    if (s.url) {
      bool web = s.url->rfind("https://", 0) == 0 || s.url->rfind("http://", 0) == 0;
      out += web ? fmt::format("<dd>{}: <a href=\"{}\">{}</a></dd>\n", html_escape(m_labels.get("url")),
                               html_escape(*s.url), html_escape(*s.url))
                 : fmt::format("<dd>{}: {}</dd>\n", html_escape(m_labels.get("url")), html_escape(*s.url));
    }
    return out;
  }

  const Lexicon& m_dates;
  const Labels& m_labels;
  std::size_t m_quotes;  // RenderOptions::quotes
};

}  // namespace

std::unique_ptr<Renderer> make_html(const RenderOptions& options) { return std::make_unique<HtmlRenderer>(options); }

}  // namespace mstl::render
