#include "mstimeline/timex.hpp"

#include <array>
#include <charconv>

#include <fmt/format.h>

namespace mstl {
namespace chr = std::chrono;
namespace {

constexpr std::array<std::string_view, 6> k_precision_names = {"year", "half", "quarter", "month", "week", "day"};

// Reads exactly `width` ASCII digits from `s` at `pos`.
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t width) {
  if (pos + width > s.size()) return std::nullopt;
  int v = 0;
  auto r = std::from_chars(s.data() + pos, s.data() + pos + width, v);
  if (r.ec != std::errc() || r.ptr != s.data() + pos + width) return std::nullopt;
  return v;
}

// Zero-padded decimal, without fmt: values are built for every rule tried, so
// this is on the tagger's hot path.
std::string padded(long value, int width) {
  std::string out(static_cast<std::size_t>(width), '0');
  for (int i = width - 1; i >= 0 && value > 0; --i, value /= 10)
    out[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  return out;
}

std::string ymd_text(int y, long m, long d) { return padded(y, 4) + "-" + padded(m, 2) + "-" + padded(d, 2); }

chr::sys_days ymd(int y, unsigned m, unsigned d) { return chr::sys_days(chr::year(y) / chr::month(m) / chr::day(d)); }

// Monday of ISO week 1: the week with the year's first Thursday.
chr::sys_days iso_week_one(int year) {
  chr::sys_days jan4 = ymd(year, 1, 4);
  chr::weekday wd(jan4);
  return jan4 - chr::days((wd.iso_encoding() - 1));
}

std::optional<DateValue> make_period(std::string value, Precision p, chr::sys_days start, chr::sys_days end) {
  return DateValue{std::move(value), p, Period{start, end}};
}

std::optional<DateValue> parse_week(int year, std::string_view s) {
  auto w = digits(s, 6, 2);
  if (!w || s.size() != 8 || *w < 1) return std::nullopt;
  chr::sys_days start = iso_week_one(year) + chr::weeks(*w - 1);
  if (start >= iso_week_one(year + 1)) return std::nullopt;
  return make_period(std::string(s), Precision::week, start, start + chr::weeks(1));
}

std::optional<DateValue> parse_part(int year, std::string_view s, int parts) {
  auto n = digits(s, 6, 1);
  if (!n || s.size() != 7 || *n < 1 || *n > parts) return std::nullopt;
  unsigned months = 12u / static_cast<unsigned>(parts);
  unsigned first = static_cast<unsigned>(*n - 1) * months + 1;
  chr::year_month start = chr::year(year) / chr::month(first);
  chr::year_month end = start + chr::months(months);
  return make_period(std::string(s), parts == 2 ? Precision::half : Precision::quarter,
                     chr::sys_days(start / chr::day(1)), chr::sys_days(end / chr::day(1)));
}

}  // namespace

std::string_view to_string(Precision p) { return k_precision_names[static_cast<std::size_t>(p)]; }

std::optional<Precision> precision_from_string(std::string_view s) {
  for (std::size_t i = 0; i < k_precision_names.size(); ++i)
    if (k_precision_names[i] == s) return static_cast<Precision>(i);
  return std::nullopt;
}

std::optional<DateValue> make_year(int year) {
  if (year < 1 || year > 9999) return std::nullopt;
  return make_period(padded(year, 4), Precision::year, ymd(year, 1, 1), ymd(year + 1, 1, 1));
}

std::optional<DateValue> make_month(int year, int month) {
  if (year < 1 || year > 9999 || month < 1 || month > 12) return std::nullopt;
  chr::year_month start = chr::year(year) / chr::month(static_cast<unsigned>(month));
  chr::year_month end = start + chr::months(1);
  return make_period(padded(year, 4) + "-" + padded(month, 2), Precision::month, chr::sys_days(start / chr::day(1)),
                     chr::sys_days(end / chr::day(1)));
}

std::optional<DateValue> make_day(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return std::nullopt;
  chr::year_month_day date =
      chr::year(year) / chr::month(static_cast<unsigned>(month)) / chr::day(static_cast<unsigned>(day));
  if (!date.ok()) return std::nullopt;
  chr::sys_days start(date);
  return make_period(ymd_text(year, month, day), Precision::day, start, start + chr::days(1));
}

std::optional<DateValue> parse_date_value(std::string_view s) {
  auto year = digits(s, 0, 4);
  if (!year || *year < 1) return std::nullopt;
  if (s.size() == 4) return make_year(*year);
  if (s.size() < 7 || s[4] != '-') return std::nullopt;
  switch (s[5]) {
    case 'W':
      return parse_week(*year, s);
    case 'Q':
      return parse_part(*year, s, 4);
    case 'H':
      return parse_part(*year, s, 2);
    default:
      break;
  }
  auto month = digits(s, 5, 2);
  if (!month) return std::nullopt;
  if (s.size() == 7) return make_month(*year, *month);
  auto day = digits(s, 8, 2);
  if (s.size() != 10 || s[7] != '-' || !day) return std::nullopt;
  return make_day(*year, *month, *day);
}

namespace {
chr::year_month_day civil(chr::sys_days d) { return chr::year_month_day(d); }
int year_of(chr::sys_days d) { return static_cast<int>(civil(d).year()); }
unsigned month_of(chr::sys_days d) { return static_cast<unsigned>(civil(d).month()); }
}  // namespace

std::string day_value(chr::sys_days d) {
  auto c = civil(d);
  return ymd_text(static_cast<int>(c.year()), static_cast<unsigned>(c.month()), static_cast<unsigned>(c.day()));
}

std::string week_value(chr::sys_days d) {
  chr::sys_days thursday = d + chr::days(4 - static_cast<int>(chr::weekday(d).iso_encoding()));
  int week_year = year_of(thursday);
  auto week = (thursday - ymd(week_year, 1, 1)).count() / 7 + 1;
  return padded(week_year, 4) + "-W" + padded(week, 2);
}

std::string month_value(chr::sys_days d) { return padded(year_of(d), 4) + "-" + padded(month_of(d), 2); }
std::string quarter_value(chr::sys_days d) {
  return padded(year_of(d), 4) + "-Q" + padded((month_of(d) - 1) / 3 + 1, 1);
}
std::string half_value(chr::sys_days d) { return padded(year_of(d), 4) + "-H" + padded((month_of(d) - 1) / 6 + 1, 1); }
std::string year_value(chr::sys_days d) { return padded(year_of(d), 4); }
std::string decade_value(chr::sys_days d) { return padded(year_of(d) / 10, 3); }
std::string century_value(chr::sys_days d) { return padded(year_of(d) / 100, 2); }

chr::sys_days add_months(chr::sys_days day, int months) {
  auto c = civil(day);
  chr::year_month ym = chr::year_month(c.year(), c.month()) + chr::months(months);
  chr::day last = chr::year_month_day_last(ym.year(), chr::month_day_last(ym.month())).day();
  return chr::sys_days(ym / (c.day() > last ? last : c.day()));
}

bool date_value_before(const DateValue& a, const DateValue& b) {
  if (a.period.start != b.period.start) return a.period.start < b.period.start;
  return a.precision < b.precision;
}

bool period_contains(const Period& outer, const Period& inner) {
  return outer.start <= inner.start && inner.end <= outer.end;
}

}  // namespace mstl
