// The rule that makes mentions one event (docs/events.md, "From mentions to
// events"), in one place. build_timeline's index (MergeIndex) only proposes
// candidates; this decides. The test oracle (test_timeline_builder.cpp)
// applies the same functions to every pair.
//
// Two new-event mentions are one event when
//   - their dates are compatible (one period inside the other) and they
//     repeat one sentence, or their words agree: the rarity-weighted share of
//     the lighter mention's salient words that both hold reaches
//     threshold(same_date), lower when the dates are the same value; or
//   - they come from one source, name the same day and share a word
//     (same_source_day): an article telling of one day in several sentences
//     tells of one event.
// Example: 2014-11-27 and 2014-11-27 with a score of 0.3 merge; 2014-11 and
// 2014-11-27 with the same score do not.
#pragma once

#include "mstimeline/timex.hpp"

namespace mstl::merge_rule {

inline constexpr double k_threshold = 0.5;             // words agree, dates compatible
inline constexpr double k_same_date_threshold = 0.25;  // words agree, the same date
// The lowest of the two: the index proposes every mention that could reach it.
inline constexpr double k_candidate_threshold =
    k_same_date_threshold < k_threshold ? k_same_date_threshold : k_threshold;
// A merge on words scoring below this is listed by review as weak.
inline constexpr double k_strong = 0.7;

inline bool dates_compatible(const Period& a, const Period& b) {
  return period_contains(a, b) || period_contains(b, a);
}

inline double threshold(bool same_date) { return same_date ? k_same_date_threshold : k_threshold; }

inline bool words_agree(double score, bool same_date) { return score >= threshold(same_date); }

inline bool same_source_day(bool same_source, const DateValue& a, const DateValue& b, double score) {
  return same_source && a.value == b.value && a.precision >= Precision::day && score > 0;
}

// A mention joins an event only when its date is compatible with every date
// the event holds, so no chain runs through a coarse date (2009-05 and
// 2009-09 both inside 2009 stay apart). The dates of an event nest, so its
// finest and its coarsest date stand for all of them.
inline bool fits_event(const DateValue& finest, const DateValue& coarsest, const DateValue& mention) {
  return dates_compatible(finest.period, mention.period) && dates_compatible(coarsest.period, mention.period);
}

// Whether `a` is finer than `b` (a day than a month), for an event's finest and coarsest dates.
inline bool finer(const DateValue& a, const DateValue& b) { return a.precision > b.precision; }

}  // namespace mstl::merge_rule
