// TIMEX3 date values: parsing, precision and the period a value denotes.
//
// The timeline speaks in TimeML TIMEX3 values of type DATE. The calendar ones
// this module understands, with the precision each has:
//
//   "2019"        year       "2023-H2"   half      "2024-Q1"  quarter
//   "2023-03"     month      "2023-W46"  week      "2023-03-10" day
//
// A value denotes a half-open period of days [start, end); timeline entries
// sort by start, then coarser before finer, then id. Values with unknown parts
// ("XXXX-06") or of other types parse to nullopt: they are kept by the tagger
// but cannot be placed on a timeline.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace mstl {

enum class Precision { year = 0, half, quarter, month, week, day };

std::string_view to_string(Precision p);
std::optional<Precision> precision_from_string(std::string_view s);

struct Period {
  std::chrono::sys_days start;
  std::chrono::sys_days end;  // exclusive
};

struct DateValue {
  std::string value;  // canonical TIMEX3 text
  Precision precision = Precision::year;
  Period period;
};

// Parses a calendar TIMEX3 value; nullopt for anything else or an impossible
// date ("2023-02-30", "2023-13", "2023-W54").
std::optional<DateValue> parse_date_value(std::string_view value);

// Builders for tagger output; they validate like parse_date_value.
std::optional<DateValue> make_day(int year, int month, int day);
std::optional<DateValue> make_month(int year, int month);
std::optional<DateValue> make_year(int year);

// Values of the period of each grain that contains `day`:
// 2023-01-25 -> "2023-01-25", "2023-W04", "2023-01", "2023-Q1", "2023-H1", "2023", "202" (decade), "20" (century).
// Week values use the ISO week-numbering year ("2021-01-01" is in "2020-W53").
std::string day_value(std::chrono::sys_days day);
std::string week_value(std::chrono::sys_days day);
std::string month_value(std::chrono::sys_days day);
std::string quarter_value(std::chrono::sys_days day);
std::string half_value(std::chrono::sys_days day);
std::string year_value(std::chrono::sys_days day);
std::string decade_value(std::chrono::sys_days day);
std::string century_value(std::chrono::sys_days day);

// Calendar arithmetic that clamps the day of month: 2024-01-31 + 1 month = 2024-02-29.
std::chrono::sys_days add_months(std::chrono::sys_days day, int months);

// Ordering used by the timeline: start of the period, then coarser first.
bool date_value_before(const DateValue& a, const DateValue& b);

// Whether `inner`'s period lies within `outer`'s.
bool period_contains(const Period& outer, const Period& inner);

}  // namespace mstl
