#include <catch2/catch.hpp>

#include "mstimeline/timex.hpp"

using namespace mstl;
namespace chr = std::chrono;

namespace {
chr::sys_days day(int y, unsigned m, unsigned d) { return chr::sys_days(chr::year(y) / chr::month(m) / chr::day(d)); }
}  // namespace

TEST_CASE("TIMEX3 calendar values parse with their precision and period", "[timex]") {
  struct Row {
    const char* value;
    Precision precision;
    chr::sys_days start, end;
  };
  for (const Row& r : {
           Row{"2019", Precision::year, day(2019, 1, 1), day(2020, 1, 1)},
           Row{"2023-H2", Precision::half, day(2023, 7, 1), day(2024, 1, 1)},
           Row{"2024-Q1", Precision::quarter, day(2024, 1, 1), day(2024, 4, 1)},
           Row{"2023-12", Precision::month, day(2023, 12, 1), day(2024, 1, 1)},
           Row{"2023-W46", Precision::week, day(2023, 11, 13), day(2023, 11, 20)},
           Row{"2021-W01", Precision::week, day(2021, 1, 4), day(2021, 1, 11)},  // 1 Jan 2021 was a Friday
           Row{"2020-W53", Precision::week, day(2020, 12, 28), day(2021, 1, 4)},
           Row{"2024-02-29", Precision::day, day(2024, 2, 29), day(2024, 3, 1)},
       }) {
    INFO(r.value);
    auto v = parse_date_value(r.value);
    REQUIRE(v);
    CHECK(v->value == r.value);
    CHECK(v->precision == r.precision);
    CHECK(v->period.start == r.start);
    CHECK(v->period.end == r.end);
  }
}

TEST_CASE("impossible or unknown values do not parse", "[timex]") {
  for (const char* bad : {"2023-02-30", "2023-13", "2023-00", "2021-W53", "2023-Q5", "2023-H3", "XXXX-06", "202",
                          "2023-1-5", "23-01-2023", "PRESENT_REF", "", "2023-01-25T10:00"}) {
    INFO(bad);
    CHECK_FALSE(parse_date_value(bad));
  }
}

TEST_CASE("timeline order: period start, then coarser before finer", "[timex]") {
  auto v = [](const char* s) { return *parse_date_value(s); };
  CHECK(date_value_before(v("2023"), v("2023-01")));
  CHECK(date_value_before(v("2023-01"), v("2023-01-01")));
  CHECK(date_value_before(v("2023-Q1"), v("2023-01")));
  CHECK(date_value_before(v("2022-12-31"), v("2023")));
  CHECK_FALSE(date_value_before(v("2023-01-25"), v("2023-01")));
  CHECK(period_contains(v("2023").period, v("2023-01-25").period));
  CHECK_FALSE(period_contains(v("2023-01-25").period, v("2023").period));
}
