#include <catch2/catch.hpp>

#include "mstimeline/filter.hpp"

using namespace mstl;

namespace {

Event event(const char* id, const char* date, const char* kind, std::size_t sources) {
  Event e;
  e.id = id;
  e.date = *parse_date_value(date);
  e.kind = kind;
  e.source_count = sources;
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

std::vector<std::string> ids_after(const EventFilter& f) {
  Timeline t = sample();
  apply_filter(t, f);
  std::vector<std::string> out;
  for (const auto& e : t.events) out.push_back(e.id);
  return out;
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
  CHECK_THROWS_WITH(parse_date_option("--until", "yesterday"), Catch::StartsWith("--until: \"yesterday\" is not a date"));
  CHECK_THROWS_WITH(parse_date_option("--until", "2023-02-30"), Catch::StartsWith("--until: \"2023-02-30\""));
}
