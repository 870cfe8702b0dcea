#include "mstimeline/filter.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "mstimeline/catalog.hpp"
#include "mstimeline/error.hpp"

namespace mstl {

bool EventFilter::keeps(const Event& e) const {
  if (since && e.date.period.start < since->period.start) return false;
  if (until && e.date.period.end > until->period.end) return false;
  if (!kinds.empty()) {
    std::string kind = e.kind.empty() ? "new" : e.kind;
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) return false;
  }
  return e.source_count >= min_sources;
}

DateValue parse_date_option(std::string_view option, std::string_view value) {
  if (auto d = parse_date_value(value)) return *d;
  throw Error(fmt::format("{}: \"{}\" is not a date (expected a TIMEX3 date such as 2023, 2023-H2, 2023-Q4, "
                          "2023-11, 2023-W46 or 2023-11-17)",
                          option, value));
}

std::vector<std::string> filter_kinds() {
  std::vector<std::string> out(std::begin(k_event_kinds), std::end(k_event_kinds));
  out.emplace_back("new");
  return out;
}

void apply_filter(Timeline& timeline, const EventFilter& filter) {
  if (!filter.any()) return;
  std::erase_if(timeline.events, [&](const Event& e) { return !filter.keeps(e); });
  timeline.undated.clear();
}

}  // namespace mstl
