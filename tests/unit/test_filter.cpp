#include <catch2/catch.hpp>

#include <algorithm>

#include "mstimeline/filter.hpp"

using namespace mstl;

namespace {

Event event(const char* id, const char* date, const char* kind, std::size_t sources, std::size_t citations = 0) {
  Event e;
  e.id = id;
  e.date = *parse_date_value(date);
  e.kind = kind;
  e.source_count = sources;
  e.citations.assign(citations, Citation{"s", 0, 1, "x", ""});
  return e;
}

Timeline sample() {
  Timeline t;
  t.events = {event("a", "2023", "investment", 1), event("b", "2023-W46", "", 2),
              event("c", "2023-11-17", "leadership", 1), event("d", "2024-Q1", "personnel", 3),
              event("e", "2025-01-21", "infrastructure", 1)};
  t.undated = {Citation{"s", 0, 1, "x", ""}};
  return t;
}

std::vector<std::string> ids_of(const Timeline& t) {
  std::vector<std::string> out;
  for (const auto& e : t.events) out.push_back(e.id);
  return out;
}

std::vector<std::string> ids_after(const EventFilter& f, Timeline t = sample()) {
  apply_filter(t, f);
  return ids_of(t);
}

EventFilter top(std::size_t n) {
  EventFilter f;
  f.top = n;
  return f;
}

}  // namespace

TEST_CASE("since and until keep events whose whole period lies between them", "[filter]") {
  EventFilter f;
  f.since = parse_date_option("--since", "2023-11");
  CHECK(ids_after(f) == std::vector<std::string>{"b", "c", "d", "e"});
  f.until = parse_date_option("--until", "2024");
  CHECK(ids_after(f) == std::vector<std::string>{"b", "c", "d"});
  EventFilter g;
  g.until = parse_date_option("--until", "2023-11-17");
  CHECK(ids_after(g) == std::vector<std::string>{"c"});  // 2023 ends after the 17th; W46 ends on the 19th
  EventFilter h;
  h.since = parse_date_option("--since", "2023");
  h.until = parse_date_option("--until", "2023-H2");
  CHECK(ids_after(h) == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("kind and min-sources filters", "[filter]") {
  EventFilter f;
  f.kinds = {"new", "personnel"};
  CHECK(ids_after(f) == std::vector<std::string>{"b", "d"});
  EventFilter g;
  g.min_sources = 2;
  CHECK(ids_after(g) == std::vector<std::string>{"b", "d"});
}

TEST_CASE("no filter keeps everything, including undated entries, and any filter drops them", "[filter]") {
  Timeline t = sample();
  apply_filter(t, {});
  CHECK(t.events.size() == 5);
  CHECK(t.undated.size() == 1);
  EventFilter f;
  f.min_sources = 1;
  apply_filter(t, f);
  CHECK(t.events.size() == 5);
  CHECK(t.undated.empty());
}

TEST_CASE("a date option that is not a calendar TIMEX3 value is a clear error", "[filter]") {
  CHECK(parse_date_option("--since", "2023-W46").precision == Precision::week);
  CHECK_THROWS_WITH(parse_date_option("--since", "2023-13"),
                    "--since: \"2023-13\" is not a date (expected a TIMEX3 date such as 2023, 2023-H2, 2023-Q4, "
                    "2023-11, 2023-W46 or 2023-11-17)");
  CHECK_THROWS_WITH(parse_date_option("--until", "yesterday"),
                    Catch::StartsWith("--until: \"yesterday\" is not a date"));
  CHECK_THROWS_WITH(parse_date_option("--until", "2023-02-30"), Catch::StartsWith("--until: \"2023-02-30\""));
}

TEST_CASE("top keeps the N events with the most sources, in date order", "[filter][top]") {
  // sample(): a 1 source, b 2, c 1, d 3, e 1; no citations.
  CHECK(ids_after(top(1)) == std::vector<std::string>{"d"});
  CHECK(ids_after(top(2)) == std::vector<std::string>{"b", "d"});
  CHECK(ids_after(top(5)) == std::vector<std::string>{"a", "b", "c", "d", "e"});
  CHECK(ids_after(top(6)) == std::vector<std::string>{"a", "b", "c", "d", "e"});
}

TEST_CASE("top breaks ties by more citations, then the earlier date, then the id", "[filter][top]") {
  // a, c and e have one source each and no citations: the earliest, a (2023 starts on 1 January), comes first.
  CHECK(ids_after(top(3)) == std::vector<std::string>{"a", "b", "d"});
  CHECK(ids_after(top(4)) == std::vector<std::string>{"a", "b", "c", "d"});
  // More citations outrank an earlier date, but not one more source.
  Timeline cited = sample();
  cited.events[4] = event("e", "2025-01-21", "infrastructure", 1, 3);  // e: 3 citations
  cited.events[2] = event("c", "2023-11-17", "leadership", 1, 1);      // c: 1 citation
  CHECK(ids_after(top(1), cited) == std::vector<std::string>{"d"});
  CHECK(ids_after(top(3), cited) == std::vector<std::string>{"b", "d", "e"});
  CHECK(ids_after(top(4), cited) == std::vector<std::string>{"b", "c", "d", "e"});
  // The same start: the coarser date is the earlier, as in the timeline's order, whatever the ids.
  Timeline start;
  start.events = {event("a-month", "2023-01", "", 1, 2), event("z-year", "2023", "", 1, 2)};
  CHECK(ids_after(top(1), start) == std::vector<std::string>{"z-year"});
  // The same date, sources and citations: the smaller id.
  Timeline same;
  same.events = {event("y", "2024-06-11", "", 2, 2), event("x", "2024-06-11", "", 2, 2),
                 event("w", "2024-06-11", "", 2, 1)};
  CHECK(ids_after(top(1), same) == std::vector<std::string>{"x"});
  CHECK(ids_after(top(2), same) == std::vector<std::string>{"y", "x"});
}

TEST_CASE("top keeps the same events whatever order they come in", "[filter][top]") {
  Timeline t = sample();
  t.events[4].citations.resize(2);  // e: 2 citations
  t.events[0].citations.resize(2);  // a: 2 citations, earlier than e
  std::sort(t.events.begin(), t.events.end(), [](const Event& x, const Event& y) { return x.id < y.id; });
  std::size_t permutations = 0;
  do {
    for (std::size_t n = 1; n <= 4; ++n) {
      std::vector<std::string> kept = ids_after(top(n), t);
      std::sort(kept.begin(), kept.end());
      const std::vector<std::vector<std::string>> expected = {{"d"}, {"b", "d"}, {"a", "b", "d"}, {"a", "b", "d", "e"}};
      CHECK(kept == expected[n - 1]);
    }
    ++permutations;
  } while (std::next_permutation(t.events.begin(), t.events.end(),
                                 [](const Event& x, const Event& y) { return x.id < y.id; }));
  CHECK(permutations == 120);
}

TEST_CASE("top applies after the other filters, to the events they keep", "[filter][top]") {
  EventFilter since = top(1);
  since.since = parse_date_option("--since", "2023-11");  // b, c, d, e
  CHECK(ids_after(since) == std::vector<std::string>{"d"});
  since.until = parse_date_option("--until", "2023");  // b, c
  CHECK(ids_after(since) == std::vector<std::string>{"b"});
  EventFilter kinds = top(2);
  kinds.kinds = {"leadership", "infrastructure"};  // c, e
  CHECK(ids_after(kinds) == std::vector<std::string>{"c", "e"});
  kinds.top = 1;  // one source each, no citations: c is earlier
  CHECK(ids_after(kinds) == std::vector<std::string>{"c"});
  Timeline cited = sample();
  cited.events[4].citations.resize(1);  // e: 1 citation, c: none
  CHECK(ids_after(kinds, cited) == std::vector<std::string>{"e"});
  EventFilter two = top(3);
  two.min_sources = 2;  // b, d: fewer than 3, all kept
  CHECK(ids_after(two) == std::vector<std::string>{"b", "d"});
  EventFilter none = top(3);
  none.kinds = {"regulation"};
  CHECK(ids_after(none).empty());
}

TEST_CASE("top leaves undated entries and sources as they are, and a condition given with it still drops undated",
          "[filter][top]") {
  Timeline t = sample();
  t.sources.resize(3);
  apply_filter(t, top(1));
  CHECK(ids_of(t) == std::vector<std::string>{"d"});
  CHECK(t.undated.size() == 1);
  CHECK(t.sources.size() == 3);
  Timeline u = sample();
  u.sources.resize(3);
  EventFilter f = top(1);
  f.min_sources = 1;
  apply_filter(u, f);
  CHECK(ids_of(u) == std::vector<std::string>{"d"});
  CHECK(u.undated.empty());
  CHECK(u.sources.size() == 3);
}

TEST_CASE("more_reported ranks by sources, citations, date, then id", "[filter][top]") {
  Event a = event("a", "2023-11-17", "", 2, 1), b = event("b", "2023-11-17", "", 1, 9);
  CHECK(more_reported(a, b));
  CHECK_FALSE(more_reported(b, a));
  Event c = event("c", "2020", "", 1, 9);
  CHECK(more_reported(c, b));  // same sources and citations, earlier
  Event d = event("d", "2020", "", 1, 9);
  CHECK(more_reported(c, d));
  CHECK_FALSE(more_reported(d, c));
  CHECK_FALSE(more_reported(c, c));
}
