// Choosing events: `build --since --until --kind --min-sources`.
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

  bool any() const { return since || until || !kinds.empty() || min_sources > 0; }
  bool keeps(const Event& e) const;
};

// The value of a date option; throws mstl::Error (exit code 2), naming the
// option and the accepted forms, for anything that is not a calendar TIMEX3
// date ("2023-13", "yesterday").
DateValue parse_date_option(std::string_view option, std::string_view value);

// The kinds --kind accepts: the catalog's kinds, and "new".
std::vector<std::string> filter_kinds();

void apply_filter(Timeline& timeline, const EventFilter& filter);

}  // namespace mstl
