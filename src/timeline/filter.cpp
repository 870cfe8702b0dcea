#include "mstimeline/filter.hpp"

#include <algorithm>
#include <numeric>

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

bool more_reported(const Event& a, const Event& b) {
  if (a.source_count != b.source_count) return a.source_count > b.source_count;
  if (a.citations.size() != b.citations.size()) return a.citations.size() > b.citations.size();
  if (date_value_before(a.date, b.date)) return true;
  if (date_value_before(b.date, a.date)) return false;
  return a.id < b.id;
}

namespace {

// Keeps the `n` most reported events, in their order. Events that rank
// equal (the same id, sources, citations and date) fall back to their
// position, so the same events always give the same result.
void keep_most_reported(std::vector<Event>& events, std::size_t n) {
  if (n == 0 || events.size() <= n) return;
  std::vector<std::size_t> rank(events.size());
  std::iota(rank.begin(), rank.end(), std::size_t{0});
  std::nth_element(rank.begin(), rank.begin() + static_cast<std::ptrdiff_t>(n), rank.end(),
                   [&](std::size_t x, std::size_t y) {
                     if (more_reported(events[x], events[y])) return true;
                     if (more_reported(events[y], events[x])) return false;
                     return x < y;
                   });
  std::vector<bool> kept(events.size(), false);
  for (std::size_t i = 0; i < n; ++i) kept[rank[i]] = true;
  std::size_t out = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (!kept[i]) continue;
    if (out != i) events[out] = std::move(events[i]);  // never onto itself: a self-moved vector may be emptied
    ++out;
  }
  events.erase(events.begin() + static_cast<std::ptrdiff_t>(out), events.end());
}

}  // namespace

DateValue parse_date_option(std::string_view option, std::string_view value) {
  if (auto d = parse_date_value(value)) return *d;
  throw Error(
      fmt::format("{}: \"{}\" is not a date (expected a TIMEX3 date such as 2023, 2023-H2, 2023-Q4, "
                  "2023-11, 2023-W46 or 2023-11-17)",
                  option, value));
}

std::vector<std::string> filter_kinds() {
  std::vector<std::string> out(std::begin(k_event_kinds), std::end(k_event_kinds));
  out.emplace_back("new");
  return out;
}

void apply_filter(Timeline& timeline, const EventFilter& filter) {
  if (filter.any()) {
    std::erase_if(timeline.events, [&](const Event& e) { return !filter.keeps(e); });
    timeline.undated.clear();
  }
  keep_most_reported(timeline.events, filter.top);
}

}  // namespace mstl
