// Choosing events: `build --since --until --kind --min-sources --top`.
//
// An event is kept when all the given conditions hold:
//   since  its whole period starts on or after the start of `since`;
//   until  its whole period ends on or before the end of `until`;
//   kinds  its kind is one of them ("new" names events outside the catalog);
//   min_sources  it has at least that many independent sources.
// Bounds take any TIMEX3 precision and compare periods, so `--since 2023-11`
// keeps 2023-W46 (13–19 November) and 2023-11-17 but not "2023", which may
// have been January. Undated entries have no date, kind or second source:
// they are kept only when no condition is given. Sources are kept as they
// are: they were all read.
//
// Then `top`, when not 0, keeps the `top` events that pass the conditions
// and rank first by more_reported(): the most independent sources, then the
// most citations, then the earlier date (timeline order), then the id. The
// kept events stay in date order. It ranks events only: undated entries and
// sources are left as they are (`--top 3` alone keeps every undated entry;
// with a condition they go, because of the condition). Example: of
// a (2 sources), b (1 source, 4 citations), c (1, 2) and d (1, 2, later than
// c), `top = 3` keeps a, b and c.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/timeline.hpp"
#include "mstimeline/timex.hpp"

namespace mstl {

struct EventFilter {
  std::optional<DateValue> since;
  std::optional<DateValue> until;
  std::vector<std::string> kinds;
  std::size_t min_sources = 0;
  std::size_t top = 0;  // 0: every event that passes the conditions

  // Whether a condition on each event is given (`top` is not one).
  bool any() const { return since || until || !kinds.empty() || min_sources > 0; }
  bool keeps(const Event& e) const;
};

// The ranking of `top`, a strict weak order that is total for distinct ids:
// whether `a` is more reported than `b` (more sources, then more citations,
// then date_value_before, then the smaller id).
bool more_reported(const Event& a, const Event& b);

// The value of a date option; throws mstl::Error (exit code 2), naming the
// option and the accepted forms, for anything that is not a calendar TIMEX3
// date ("2023-13", "yesterday").
DateValue parse_date_option(std::string_view option, std::string_view value);

// The kinds --kind accepts: the catalog's kinds, and "new".
std::vector<std::string> filter_kinds();

// The conditions, then `top`; the events keep their order.
void apply_filter(Timeline& timeline, const EventFilter& filter);

}  // namespace mstl
