// TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html):
// load it with `new TL.Timeline('id', data)` or host it for the embed tool.
//
//   {"title": {"text": {"headline", "text"}},
//    "events": [{"unique_id", "start_date", ["end_date"], "display_date",
//                "text": {"headline", "text"}, "group"}]}
//
// start_date holds the parts the precision knows: year for a year, year and
// month for a month, year, month and day for a day; a week, quarter or half
// gives its first day as start_date and its last as end_date. display_date
// is the date written out in the locale. text.text is HTML: each citation as
// a <blockquote> with its source, escaped. group is the event's kind in the
// locale ("new event" for events outside the catalog). unique_id is the
// event id: deterministic, and usable in a URL fragment.
#include <chrono>

#include <fmt/format.h>

#include "render/common.hpp"
#include "render/renderers.hpp"

namespace mstl::render {
namespace {

void date_parts(JsonWriter& w, std::chrono::sys_days day, bool month, bool d) {
  std::chrono::year_month_day ymd(day);
  w.begin_object().key("year").number(std::int64_t{static_cast<int>(ymd.year())});
  if (month) w.key("month").number(std::uint64_t{static_cast<unsigned>(ymd.month())});
  if (d) w.key("day").number(std::uint64_t{static_cast<unsigned>(ymd.day())});
  w.end_object();
}

// Written as nlohmann's dump(2) of the document would write it (JsonWriter),
// and handed on an event at a time.
class TimelineJsRenderer final : public Renderer {
 public:
  explicit TimelineJsRenderer(const RenderOptions& options)
      : m_dates(require_dates(options, "timelinejs")), m_labels(require_labels(options, "timelinejs")) {}

  std::string render(const Timeline& t) const override { return whole(*this, t); }

  void render_to(const Timeline& t, const std::function<void(std::string_view)>& sink) const override {
    Pieces pieces(sink);
    JsonWriter w(pieces.out(), 2);
    w.begin_object().key("title").begin_object().key("text").begin_object();
    w.key("headline").string(html_escape(t.title));
    w.key("text").string(fmt::format("<p>{}</p><p>{}</p>", html_escape(summary_line(t, m_dates, m_labels)),
                                     html_escape(m_labels.get("quote_note"))));
    w.end_object().end_object();
    w.key("events").begin_array();
    for (const auto& e : t.events) {
      event(w, t, e);
      pieces.pieces();
    }
    w.end_array().end_object();
    pieces.out() += '\n';
    pieces.done();
  }

 private:
  void event(JsonWriter& w, const Timeline& t, const Event& e) const {
    w.begin_object().key("unique_id").string(e.id);
    Precision p = e.date.precision;
    bool exact = p == Precision::year || p == Precision::month || p == Precision::day;
    w.key("start_date");
    if (exact) {
      date_parts(w, e.date.period.start, p != Precision::year, p == Precision::day);
    } else {
      date_parts(w, e.date.period.start, true, true);
      w.key("end_date");
      date_parts(w, e.date.period.end - std::chrono::days(1), true, true);
    }
    w.key("display_date").string(write_date(e.date, m_dates));
    std::string text;  // one JSON string: an event's citations are held together here
    for (const auto& c : e.citations) {
      std::string cite =
          fmt::format("{} ({}), {}, {}", publisher_of(t, c.source, m_labels), c.source,
                      m_labels.fill("bytes", {{"start", std::to_string(c.start)}, {"end", std::to_string(c.end)}}),
                      dating_of(e, c, m_labels, [](std::string_view s) { return one_line(s); }));
      text += fmt::format("<blockquote>{}</blockquote><p>— {}</p>", html_escape(one_line(c.quote)), html_escape(cite));
    }
    w.key("text").begin_object().key("headline").string(html_escape(e.title)).key("text").string(text).end_object();
    w.key("group").string(m_labels.kind(e.kind));
    w.end_object();
  }

  const Lexicon& m_dates;
  const Labels& m_labels;
};

}  // namespace

std::unique_ptr<Renderer> make_timelinejs(const RenderOptions& options) {
  return std::make_unique<TimelineJsRenderer>(options);
}

}  // namespace mstl::render
