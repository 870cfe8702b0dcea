// Review reasons: why a sentence or a date is something a curator should look
// at (`mstimeline review`), and the review's two formats.
//
// One table, review_reason_text(), gives each reason its stable machine name
// (the review JSON's "reason", the parts' "dropped" items) and the heading of
// its section in the text format. It is a switch without a default: a reason
// added without its name and heading does not compile (-Wswitch), and the
// list of all reasons is read from it. The text format has a section for
// every reason, in the table's order, each with its count (0 too).
//
//   review_reason_name(ReviewReason::future) == "future"
//   parse_review_reason("weak-merge") == ReviewReason::weak_merge
//   parse_review_reason("plan") == std::nullopt
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mstl {

struct Timeline;

enum class ReviewReason : std::uint8_t {
  undated,     // on topic, reports an event, no date and no catalog link (the builder)
  conflict,    // a text date that contradicts its catalog event (the linker)
  weak_merge,  // two mentions merged on words scoring below merge_rule::k_strong (the builder)
  off_topic,   // the rest from the linker: dated mentions it leaves out
  not_an_event,
  after_publication,
  future,  // DateRole::plan
  limit,   // DateRole::bound
  condition,
  statement,
  restatement,
  comparison,
  reference,
  misprint,
  current_period,
  list,
};

struct ReviewReasonText {
  std::string_view name;     // machine name, stable: JSON and parts
  std::string_view heading;  // the text format's section heading
};

constexpr ReviewReasonText review_reason_text(ReviewReason reason) {
  switch (reason) {
    case ReviewReason::undated:
      return {"undated", "On-topic sentences reporting an event, with no date and no catalog event"};
    case ReviewReason::conflict:
      return {"conflict", "Text dates that contradict their catalog event"};
    case ReviewReason::weak_merge:
      return {"weak-merge", "Mentions merged on weak evidence"};
    case ReviewReason::off_topic:
      return {"off-topic", "Dated sentences left out as off topic"};
    case ReviewReason::not_an_event:
      return {"not-an-event", "Dated on-topic sentences with no verb or event word"};
    case ReviewReason::after_publication:
      return {"after-publication", "Dates after the source's publication date (plans, deadlines)"};
    case ReviewReason::future:
      return {"future", "Plans: dates after a future cue (\"akan\", \"will\")"};
    case ReviewReason::limit:
      return {"limit", "Dates that bound something (\"hingga 2030\")"};
    case ReviewReason::condition:
      return {"condition", "Hypotheticals: dates after a condition cue (\"jika\", \"if\")"};
    case ReviewReason::statement:
      return {"statement", "Days something was said, in sentences another date dates (\"kata X, Selasa\")"};
    case ReviewReason::restatement:
      return {"restatement", "The same instant told again in local time (\"(Rabu pagi WIB)\")"};
    case ReviewReason::comparison:
      return {"comparison", "Points of comparison (\"terendah sejak Juli 2009\")"};
    case ReviewReason::reference:
      return {"reference", "Dates that name a thing or a period (\"pengiriman Januari\", \"selama November\")"};
    case ReviewReason::misprint:
      return {"misprint", "Dates whose weekday is not theirs (\"Rabu (14/12/2014)\", a Sunday): not trusted"};
    case ReviewReason::current_period:
      return {"current-period", "The period a source is written in (\"tahun ini\", \"2014\" in a 2014 article)"};
    case ReviewReason::list:
      return {"list", "Lists, tables and text without sentence ends: too many dates or bytes for one sentence"};
  }
  return {};  // a value that is no reason
}

namespace detail {
constexpr std::size_t review_reason_count() {
  std::size_t n = 0;
  while (n < 256 && !review_reason_text(static_cast<ReviewReason>(n)).name.empty()) ++n;
  return n;
}
}  // namespace detail

// Every reason, in the table's order.
inline constexpr auto k_review_reasons = [] {
  std::array<ReviewReason, detail::review_reason_count()> all{};
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<ReviewReason>(i);
  return all;
}();
static_assert(
    [] {
      for (std::size_t i = 0; i < k_review_reasons.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
          if (review_reason_text(k_review_reasons[i]).name == review_reason_text(k_review_reasons[j]).name)
            return false;
      return true;
    }(),
    "two review reasons with one name");

constexpr std::string_view review_reason_name(ReviewReason reason) { return review_reason_text(reason).name; }

constexpr std::optional<ReviewReason> parse_review_reason(std::string_view name) {
  for (ReviewReason r : k_review_reasons)
    if (review_reason_text(r).name == name) return r;
  return std::nullopt;
}

// `mstimeline review -f text`: the events kept (what `build` publishes with the same input), then one section
// per reason, "== <heading> (<name>: <count>)", each item as "<source>:<start>-<end> [<date text>] <detail>"
// and its quote indented on the next line; article text with control characters as their pictures.
std::string render_review_text(const Timeline& timeline);
// `mstimeline review -f json`: {"review": [{"reason", "detail", "source", "start", "end", "quote",
// "date_text"}...], "events": [{"id", "date", "title", "kind", "sources", "citations"}...]}.
std::string render_review_json(const Timeline& timeline);

}  // namespace mstl
