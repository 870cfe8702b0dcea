#include "mstimeline/review.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "mstimeline/decode.hpp"
#include "mstimeline/timeline.hpp"

namespace mstl {

std::string render_review_text(const Timeline& t) {
  std::string out;
  // Article text is shown with its control characters as pictures: an ESC never reaches the terminal.
  out += fmt::format("== Events kept, as build publishes them (events: {})\n", t.events.size());
  for (const Event& e : t.events)
    out += fmt::format("{} {} ({} source{}, {} citation{})\n    {}\n", e.date.value, visible_controls(e.id),
                       e.source_count, e.source_count == 1 ? "" : "s", e.citations.size(),
                       e.citations.size() == 1 ? "" : "s", visible_controls(e.title));
  out += "\n";
  for (ReviewReason reason : k_review_reasons) {
    std::vector<const ReviewItem*> items;
    for (const auto& r : t.review)
      if (r.reason == reason) items.push_back(&r);
    const ReviewReasonText text = review_reason_text(reason);
    out += fmt::format("== {} ({}: {})\n", text.heading, text.name, items.size());
    for (const ReviewItem* r : items) {
      out += fmt::format("{}:{}-{}", visible_controls(r->citation.source), r->citation.start, r->citation.end);
      if (!r->citation.date_text.empty()) out += fmt::format(" [{}]", visible_controls(r->citation.date_text));
      out += fmt::format(" {}\n    {}\n", visible_controls(r->detail), visible_controls(r->citation.quote));
    }
    out += "\n";
  }
  return out;
}

std::string render_review_json(const Timeline& t) {
  using json = nlohmann::ordered_json;
  json items = json::array();
  for (const auto& r : t.review)
    items.push_back({{"reason", review_reason_name(r.reason)},
                     {"detail", r.detail},
                     {"source", r.citation.source},
                     {"start", r.citation.start},
                     {"end", r.citation.end},
                     {"quote", r.citation.quote},
                     {"date_text", r.citation.date_text}});
  json events = json::array();
  for (const Event& e : t.events)
    events.push_back({{"id", e.id},
                      {"date", e.date.value},
                      {"title", e.title},
                      {"kind", e.kind.empty() ? json() : json(e.kind)},
                      {"sources", e.source_count},
                      {"citations", e.citations.size()}});
  return json{{"review", std::move(items)}, {"events", std::move(events)}}.dump(2, ' ', false,
                                                                                json::error_handler_t::replace) +
         "\n";
}

}  // namespace mstl
