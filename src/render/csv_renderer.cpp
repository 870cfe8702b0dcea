// CSV (RFC 4180): one row per citation, for spreadsheets and data frames.
//
// A header row, then one row per (event, citation) in timeline order. Rows
// end in CRLF; a field holding a comma, a double quote, CR or LF is enclosed
// in double quotes with its quotes doubled; every other field is bare.
//
// Cells are the article's text unchanged, so the quote column is exactly the
// cited bytes, but for control characters other than tab, CR and LF, written as
// their pictures (NUL "␀", ESC "␛"; decode.hpp visible_controls).
//
// Article text is untrusted: a cell starting with = + - @, a tab or a CR may
// be read as a formula by a spreadsheet that opens the file directly (CSV
// injection). With --csv-safe (RenderOptions::csv_safe) such a cell is
// written with a ' before it and in double quotes, as OWASP advises and
// spreadsheet exports do; without it cells stay the exact text, for programs.
#include <fmt/format.h>

#include "mstimeline/decode.hpp"
#include "render/common.hpp"
#include "render/renderers.hpp"

namespace mstl::render {
namespace {

constexpr std::string_view k_header[] = {"event_id",   "date",         "precision", "title",     "kind",
                                         "catalog_id", "source_count", "source",    "path",      "publisher",
                                         "url",        "start",        "end",       "date_text", "quote"};

// Whether a spreadsheet could take a cell starting so for a formula.
bool formula_like(std::string_view s) {
  return !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
}

std::string field(std::string_view text, bool safe) {
  std::string visible = visible_controls(text);  // a NUL or an ESC would make the file binary, or act on a terminal
  const bool neutralise = safe && formula_like(visible);
  if (neutralise) visible.insert(0, 1, '\'');
  const std::string_view s = visible;
  if (!neutralise && s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

void row(std::string& out, const std::vector<std::string>& fields, bool safe) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += field(fields[i], safe);
  }
  out += "\r\n";
}

class CsvRenderer final : public Renderer {
 public:
  explicit CsvRenderer(bool safe) : m_safe(safe) {}
  std::string render(const Timeline& t) const override { return whole(*this, t); }

  void render_to(const Timeline& t, const std::function<void(std::string_view)>& sink) const override {
    Pieces pieces(sink);
    std::string& out = pieces.out();
    row(out, {std::begin(k_header), std::end(k_header)}, m_safe);
    for (const auto& e : t.events) {
      for (const auto& c : e.citations) {
        const SourceInfo* s = find_source(t, c.source);
        row(out,
            {e.id, e.date.value, std::string(to_string(e.date.precision)), e.title, e.kind, e.catalog_id,
             std::to_string(e.source_count), c.source, s ? s->path : "", s && s->publisher ? *s->publisher : "",
             s && s->url ? *s->url : "", std::to_string(c.start), std::to_string(c.end), c.date_text, c.quote},
            m_safe);
        pieces.pieces();
      }
    }
    pieces.done();
  }

 private:
  bool m_safe;
};

}  // namespace

std::unique_ptr<Renderer> make_csv(const RenderOptions& options) {
  return std::make_unique<CsvRenderer>(options.csv_safe);
}

}  // namespace mstl::render
