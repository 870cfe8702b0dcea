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

ordered_json date_parts(std::chrono::sys_days day, bool month, bool d) {
  std::chrono::year_month_day ymd(day);
  ordered_json j{{"year", static_cast<int>(ymd.year())}};
  if (month) j["month"] = static_cast<unsigned>(ymd.month());
  if (d) j["day"] = static_cast<unsigned>(ymd.day());
  return j;
}

class TimelineJsRenderer final : public Renderer {
 public:
  explicit TimelineJsRenderer(const RenderOptions& options)
      : m_dates(require_dates(options, "timelinejs")), m_labels(require_labels(options, "timelinejs")) {}

  std::string render(const Timeline& t) const override {
    ordered_json events = ordered_json::array();
    for (const auto& e : t.events) events.push_back(event(t, e));
    ordered_json doc{
        {"title", {{"text", {{"headline", html_escape(t.title)},
                             {"text", fmt::format("<p>{}</p><p>{}</p>", html_escape(summary_line(t, m_dates, m_labels)),
                                                  html_escape(m_labels.get("quote_note")))}}}}},
        {"events", std::move(events)}};
    return dump_json(doc, 2) + "\n";
  }

 private:
  ordered_json event(const Timeline& t, const Event& e) const {
    ordered_json j{{"unique_id", e.id}};
    Precision p = e.date.precision;
    bool exact = p == Precision::year || p == Precision::month || p == Precision::day;
    if (exact) {
      j["start_date"] = date_parts(e.date.period.start, p != Precision::year, p == Precision::day);
    } else {
      j["start_date"] = date_parts(e.date.period.start, true, true);
      j["end_date"] = date_parts(e.date.period.end - std::chrono::days(1), true, true);
    }
    j["display_date"] = write_date(e.date, m_dates);
    std::string text;
    for (const auto& c : e.citations) {
      std::string cite = fmt::format("{} ({}), {}, {}", publisher_of(t, c.source, m_labels), c.source,
                                     m_labels.fill("bytes", {{"start", std::to_string(c.start)},
                                                             {"end", std::to_string(c.end)}}),
                                     c.date_text.empty() ? m_labels.get("undated_in_text")
                                                         : m_labels.fill("dated_by", {{"text", one_line(c.date_text)}}));
      text += fmt::format("<blockquote>{}</blockquote><p>— {}</p>", html_escape(one_line(c.quote)), html_escape(cite));
    }
    j["text"] = {{"headline", html_escape(e.title)}, {"text", std::move(text)}};
    j["group"] = m_labels.kind(e.kind);
    return j;
  }

  const Lexicon& m_dates;
  const Labels& m_labels;
};

}  // namespace

std::unique_ptr<Renderer> make_timelinejs(const RenderOptions& options) {
  return std::make_unique<TimelineJsRenderer>(options);
}

}  // namespace mstl::render
