#include "mstimeline/tagger.hpp"

#include <array>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "temporal/prescan.hpp"

namespace mstl {
namespace chr = std::chrono;
namespace {

using text::Token;
using text::TokenKind;

// Years the tagger accepts after a cue: wide enough for history, narrow
// enough to keep counts ("pada 3000 hari") out.
constexpr int k_min_year = 1000;
constexpr int k_max_year = 2999;
// The longest list or range of days or months read as one ("5, 6 dan 7 Desember").
constexpr std::size_t k_max_list = 12;
// How far before an expression a future cue ("akan", "dijadwalkan") may stand, in tokens.
constexpr std::size_t k_cue_reach = 12;

struct Number {
  int value = 0;
  std::size_t digits = 0;
};

std::optional<Number> parse_digits(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  Number n;
  auto r = std::from_chars(s.data(), s.data() + s.size(), n.value);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  n.digits = s.size();
  return n;
}

bool is_year_number(const Number& n) { return n.digits == 4 && n.value >= k_min_year && n.value <= k_max_year; }
bool is_day_number(const Number& n) { return n.digits <= 2 && n.value >= 1 && n.value <= 31; }
bool is_month_number(const Number& n) { return n.digits <= 2 && n.value >= 1 && n.value <= 12; }

int roman_value(std::string_view s) {
  static constexpr std::array<std::string_view, 4> k_roman = {"i", "ii", "iii", "iv"};
  for (std::size_t k = 0; k < k_roman.size(); ++k)
    if (s == k_roman[k]) return static_cast<int>(k + 1);
  return 0;
}

std::string unknown_value(Unit u) {
  switch (u) {
    case Unit::week:
      return "XXXX-WXX";
    case Unit::month:
      return "XXXX-XX";
    case Unit::quarter:
      return "XXXX-QX";
    case Unit::half:
      return "XXXX-HX";
    case Unit::year:
      return "XXXX";
    case Unit::decade:
      return "XXX";
    case Unit::century:
      return "XX";
    default:
      return "XXXX-XX-XX";
  }
}

std::string value_at(Unit u, chr::sys_days d) {
  switch (u) {
    case Unit::week:
      return week_value(d);
    case Unit::month:
      return month_value(d);
    case Unit::quarter:
      return quarter_value(d);
    case Unit::half:
      return half_value(d);
    case Unit::year:
      return year_value(d);
    case Unit::decade:
      return decade_value(d);
    case Unit::century:
      return century_value(d);
    default:
      return day_value(d);
  }
}

chr::sys_days shift(chr::sys_days d, Unit u, int n) {
  switch (u) {
    case Unit::day:
      return d + chr::days(n);
    case Unit::week:
      return d + chr::weeks(n);
    case Unit::month:
      return add_months(d, n);
    case Unit::quarter:
      return add_months(d, 3 * n);
    case Unit::half:
      return add_months(d, 6 * n);
    case Unit::year:
      return add_months(d, 12 * n);
    case Unit::decade:
      return add_months(d, 120 * n);
    case Unit::century:
      return add_months(d, 1200 * n);
    default:
      return d;  // hours and less: the day itself
  }
}

// Whether d shifted by n units stays within the years TIMEX3 can write (1-9999):
// "100 tahun lagi" from 9999-12-31 has no four-digit year.
bool shift_in_range(chr::sys_days d, Unit u, long long n) {
  long long months = 0;
  switch (u) {
    case Unit::month:
      months = n;
      break;
    case Unit::quarter:
      months = 3 * n;
      break;
    case Unit::half:
      months = 6 * n;
      break;
    case Unit::year:
      months = 12 * n;
      break;
    case Unit::decade:
      months = 120 * n;
      break;
    case Unit::century:
      months = 1200 * n;
      break;
    case Unit::week:
      months = n / 4;
      break;
    case Unit::day:
      months = n / 30;
      break;
    default:
      break;
  }
  long long year = static_cast<int>(chr::year_month_day(d).year()) + months / 12;
  return year >= 2 && year <= 9998;  // a year of margin for the day and month parts
}

// ISO 8601 duration of n units; nullopt n is a vague amount ("beberapa tahun" -> PXY).
std::string duration_value(Unit u, std::optional<int> n) {
  auto times = [&](int k) { return n ? std::to_string(*n * k) : std::string("X"); };
  switch (u) {
    case Unit::day:
      return "P" + times(1) + "D";
    case Unit::week:
      return "P" + times(1) + "W";
    case Unit::month:
      return "P" + times(1) + "M";
    case Unit::quarter:
      return "P" + times(3) + "M";
    case Unit::half:
      return "P" + times(6) + "M";
    case Unit::year:
      return "P" + times(1) + "Y";
    case Unit::decade:
      return "P" + times(10) + "Y";
    case Unit::century:
      return "P" + times(100) + "Y";
    case Unit::hour:
      return "PT" + times(1) + "H";
    case Unit::minute:
      return "PT" + times(1) + "M";
    case Unit::second:
      return "PT" + times(1) + "S";
  }
  return "PX";
}

// An expression found by a rule, in token indexes of its window.
struct Item {
  std::size_t first = 0;
  std::size_t last = 0;  // exclusive
  TimexType type = TimexType::date;
  std::string value;
  std::string mod;
  std::string anchor;
  std::optional<chr::sys_days> day;  // set for day-precision dates, so a time can attach
};

struct Found {
  std::vector<Item> items;
  std::size_t next = 0;
  explicit operator bool() const { return !items.empty(); }
};

Found single(Item item) {
  std::size_t next = item.last;
  return Found{{std::move(item)}, next};
}

struct Resolved {
  std::string value;
  std::string anchor;
  std::optional<chr::sys_days> day;
};

struct Count {
  std::optional<int> value;  // nullopt: a vague count ("beberapa")
  std::size_t next = 0;
};

struct UnitAt {
  Unit unit;
  std::size_t next = 0;
  bool counted = false;  // "sehari": the unit carries the count one
};

struct Clock {
  int hour = 0;
  int minute = 0;
  std::size_t next = 0;
};

// The anchor of narrative expressions: the latest date the text mentioned.
struct Narrative {
  std::optional<chr::sys_days> previous;
  std::string previous_value;
  std::optional<chr::sys_days> day;  // the last day the text dated: the day being narrated
  // By ISO weekday (1 Monday … 7 Sunday), the last day of that weekday the text dated in full (a date with
  // its year, no anchor) within a week of the document date: a bare weekday later in the text is that day
  // ("pada Kamis (27/11/2014) … pertemuan Kamis"). Relative days ("besok") and weekdays are not remembered.
  std::array<std::optional<chr::sys_days>, 8> week_day;
};

// Matches the rules over the tokens of one window. Each rule takes a token
// index and returns what it found there (or nothing); rules never emit, so
// they compose: a modifier wraps any rule, a list joins several matches.
class Matcher {
 public:
  Matcher(const Lexicon& lexicon, const TagContext& context) : m_lex(lexicon) {
    if (context.document_date) {
      m_dct = context.document_date->period.start;
      m_dct_value = day_value(*m_dct);
    }
  }

  // Tags one window that starts at byte `base` of the text; the token buffers
  // are reused from window to window.
  void run(std::string_view window, std::size_t base, std::vector<Timex>& out) {
    m_base = base;
    m_window = window;
    text::tokenize(window, m_tokens);
    m_lex.ids_of(m_tokens, m_ids);
    read_possessives();
    m_floor = 0;
    for (std::size_t i = 0; i < m_tokens.size();) {
      if (!can_start(i)) {
        ++i;
        continue;
      }
      Found f = match_at(i);
      if (!f) {
        ++i;
        continue;
      }
      for (auto& item : f.items) {
        // Expressions never overlap: what an earlier one took is not taken again.
        item.first = std::max(item.first, m_floor);
        if (item.first >= item.last) continue;
        out.push_back(emit(item, base));
        m_floor = item.last;
      }
      i = f.next;
      m_floor = std::max(m_floor, f.next);
    }
  }

 private:
  using Rule = Found (Matcher::*)(std::size_t);

  Found match_at(std::size_t i) {
    if (Found f = determined(i)) return f;
    if (Found f = modified(i)) return f;
    return match_core(i);
  }

  // "the third quarter", "the past two months", "the nine months": TimeML puts
  // the article in the span of an expression made of words. Not before a
  // number, month or weekday ("the 1990s", "the May 5 vote"), nor a SET.
  Found determined(std::size_t i) {
    std::size_t j = after(m_lex.determiners, i);
    if (!j || !exists(j) || m_tokens[j].kind != TokenKind::word || month_at(j) || weekday_at(j)) return {};
    if (char c = folded(j).front(); c >= '0' && c <= '9') return {};  // "the 1990s"
    if (at(m_lex.determiners, j) || at(m_lex.year_determiners, j)) return {};
    Found f = modified(j);
    if (!f) f = match_core(j);
    if (!f || f.items.front().first != j || f.items.front().type == TimexType::set) return {};
    if (at(m_lex.references, j)) return {};  // "the recent decline": an adjective, the article is the noun's
    f.items.front().first = i;
    return f;
  }

  Found match_core(std::size_t i) {
    static constexpr std::array<Rule, 18> k_rules = {
        &Matcher::reference,  &Matcher::set_expression,  &Matcher::numeric_date, &Matcher::day_month,
        &Matcher::month_day,  &Matcher::quarter_or_half, &Matcher::season,       &Matcher::decade,
        &Matcher::month_year, &Matcher::year_range,      &Matcher::cued_year,    &Matcher::relative_day,
        &Matcher::counted,    &Matcher::unit_relative,   &Matcher::weekday,      &Matcher::named_month,
        &Matcher::time_alone, &Matcher::determined_year};
    for (Rule rule : k_rules)
      if (Found f = (this->*rule)(i)) return with_time(std::move(f));
    return {};
  }

  Timex emit(const Item& item, std::size_t base) {
    Timex t;
    t.begin = base + m_tokens[item.first].begin;
    t.end = base + m_tokens[item.last - 1].end - m_trim[item.last - 1];
    t.type = item.type;
    t.value = item.value;
    t.mod = item.mod;
    t.anchor = item.anchor;
    if (item.type == TimexType::date || item.type == TimexType::time) {
      if (auto d = parse_date_value(std::string_view(item.value).substr(0, item.value.find('T')))) {
        m_narrative.previous = d->period.start;
        m_narrative.previous_value = d->value;
        if (d->precision == Precision::day) {
          m_narrative.day = d->period.start;
          if (item.anchor.empty() && dct() && chr::abs(d->period.start - *dct()) < chr::days(7))
            m_narrative.week_day[chr::weekday(d->period.start).iso_encoding()] = d->period.start;
        }
      }
    }
    return t;
  }

  // --- tokens --------------------------------------------------------------

  // "Monday's", "next year's": ICU keeps the possessive in the word; it is read
  // as the word without it and left out of the span.
  void read_possessives() {
    m_trim.assign(m_tokens.size(), 0);
    if (m_lex.possessive_suffixes.empty()) return;
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
      if (m_ids[i] >= 0 || m_tokens[i].kind != TokenKind::word) continue;
      const std::string& s = m_tokens[i].folded;
      for (const auto& suffix : m_lex.possessive_suffixes) {
        if (s.size() <= suffix.size() || s.compare(s.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
        int id = m_lex.vocabulary.find(std::string_view(s).substr(0, s.size() - suffix.size()));
        std::size_t raw = m_tokens[i].end - m_tokens[i].begin;
        if (id < 0 || raw <= suffix.size()) continue;
        m_ids[i] = id;
        m_trim[i] = suffix.size();
        break;
      }
    }
  }

  // "Minggu" written with a capital inside a sentence (not after its first word's place).
  bool capitalized_inside_sentence(std::size_t i) const {
    std::string_view raw = m_window.substr(m_tokens[i].begin, m_tokens[i].end - m_tokens[i].begin);
    if (raw.size() < 2 || !(raw[0] >= 'A' && raw[0] <= 'Z') || !(raw[1] >= 'a' && raw[1] <= 'z')) return false;
    if (i == 0) return false;
    std::size_t k = i - 1;
    while (k > 0 && m_tokens[k].kind == TokenKind::punct && !is_punct(k, ".") && !is_punct(k, "!") && !is_punct(k, "?"))
      --k;
    return !(is_punct(k, ".") || is_punct(k, "!") || is_punct(k, "?") || m_tokens[k].kind == TokenKind::punct);
  }

  // Every rule starts at a word that can open an expression or at a token
  // with a digit ("2023", "23rd", "Q3"): any other token is passed over
  // without trying them.
  bool can_start(std::size_t i) const {
    if (m_lex.can_start(m_ids[i])) return true;
    for (char c : m_tokens[i].folded)
      if (c >= '0' && c <= '9') return true;
    return false;
  }

  bool exists(std::size_t i) const { return i < m_tokens.size(); }
  const std::string& folded(std::size_t i) const { return m_tokens[i].folded; }
  bool adjacent(std::size_t i) const { return exists(i + 1) && m_tokens[i].end == m_tokens[i + 1].begin; }
  bool is_punct(std::size_t i, std::string_view p) const {
    return exists(i) && m_tokens[i].kind == TokenKind::punct && folded(i) == p;
  }
  template <class T>
  std::optional<typename PhraseTable<T>::Hit> at(const PhraseTable<T>& table, std::size_t i) const {
    return table.match(m_ids, i);
  }
  // Index after the phrase of `table` at i, or 0.
  template <class T>
  std::size_t after(const PhraseTable<T>& table, std::size_t i) const {
    auto hit = at(table, i);
    return hit ? i + hit->length : 0;
  }

  std::optional<Number> number(std::size_t i) const {
    if (!exists(i) || m_tokens[i].kind != TokenKind::number) return std::nullopt;
    return parse_digits(folded(i));
  }
  std::optional<int> year_at(std::size_t i) const {
    auto n = number(i);
    return n && is_year_number(*n) ? std::optional(n->value) : std::nullopt;
  }
  // A day of the month: "17", or "23rd" with the lexicon's ordinal suffixes.
  std::optional<int> day_at(std::size_t i) const {
    if (auto n = number(i)) return is_day_number(*n) ? std::optional(n->value) : std::nullopt;
    if (!exists(i)) return std::nullopt;
    const std::string& s = folded(i);
    for (const auto& suffix : m_lex.ordinal_suffixes) {
      if (s.size() <= suffix.size() || s.compare(s.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
      auto n = parse_digits(std::string_view(s).substr(0, s.size() - suffix.size()));
      if (n && is_day_number(*n)) return n->value;
    }
    return std::nullopt;
  }
  // A month name, with the full stop of an abbreviation ("Jan.").
  std::optional<std::pair<int, std::size_t>> month_at(std::size_t i) const {
    if (!exists(i) || m_tokens[i].kind != TokenKind::word) return std::nullopt;
    auto hit = at(m_lex.months, i);
    if (!hit) return std::nullopt;
    return std::pair{hit->value, after_abbreviation(i + hit->length)};
  }
  std::optional<std::pair<int, std::size_t>> weekday_at(std::size_t i) const {
    auto hit = at(m_lex.weekdays, i);
    if (!hit) return std::nullopt;
    return std::pair{hit->value, after_abbreviation(i + hit->length)};
  }
  // "17-18", "17/11", "17:30", "17.5": a number that goes on is not a lone day.
  bool joined_to_more_digits(std::size_t i) const {
    if (!adjacent(i)) return false;
    if (number(i + 1)) return true;
    return (is_punct(i + 1, "-") || is_punct(i + 1, "/") || is_punct(i + 1, ":") || is_punct(i + 1, ".")) &&
           adjacent(i + 1) && number(i + 2);
  }

  // The full stop of an abbreviation ("Jan.", "Agt.") belongs to it; after a
  // full name ("June.") it ends the sentence.
  std::size_t after_abbreviation(std::size_t next) const {
    bool abbreviation = !m_lex.full_names.contains(m_ids[next - 1]);
    return abbreviation && adjacent(next - 1) && is_punct(next, ".") ? next + 1 : next;
  }

  // Index after one or more list connectors at i ("dan", ",", "–", "s.d."), or 0.
  std::size_t after_connectors(std::size_t i) const {
    std::size_t j = i;
    while (std::size_t k = after(m_lex.list_connectors, j)) j = k;
    return j == i ? 0 : j;
  }

  // A future cue before an expression in its sentence ("akan", "dijadwalkan")
  // turns a bare month or day forward, unless a past cue ("sudah") stands
  // nearer. A cue after counts only when the expression opens its sentence,
  // as a fronted adverbial that scopes over the clause ("Pada bulan Juli,
  // pemerintah akan ..."); elsewhere one after is as often about something
  // else ("said on Jan. 23 that it would ...").
  bool future_context(std::size_t i) const {
    m_past_cue = false;
    auto boundary = [&](std::size_t k) { return is_punct(k, ".") || is_punct(k, "!") || is_punct(k, "?"); };
    std::size_t k = i, words_before = 0;
    bool sentence_start = false;
    for (std::size_t steps = 0; steps < k_cue_reach; ++steps) {
      if (k == 0) {
        sentence_start = m_base == 0;  // the text's first token; a window's first is not known to be
        break;
      }
      --k;
      if (boundary(k)) {
        sentence_start = true;
        break;
      }
      if (at(m_lex.past_cues, k)) return !(m_past_cue = true);
      if (at(m_lex.future_cues, k)) return true;
      if (m_tokens[k].kind != TokenKind::punct) ++words_before;
    }
    if (!sentence_start || words_before > 1) return false;
    for (std::size_t j = i; exists(j) && j < i + k_cue_reach && !boundary(j); ++j) {
      if (at(m_lex.past_cues, j)) return false;
      if (at(m_lex.future_cues, j)) return true;
    }
    return false;
  }

  // --- numbers and units ---------------------------------------------------

  std::optional<Count> count_at(std::size_t i) const {
    if (std::size_t k = after(m_lex.vague_counts, i)) return Count{std::nullopt, k};
    if (names_a_reference(i)) return std::nullopt;
    if (auto n = number(i)) return n->digits <= 3 ? std::optional(Count{n->value, i + 1}) : std::nullopt;
    if (auto n = grouped_number(i)) return Count{*n, i + 1};  // "1.000 tahun lalu", "1,000 years ago"
    auto hit = at(m_lex.numbers, i);
    if (!hit) return std::nullopt;
    int v = hit->value;
    std::size_t k = i + hit->length;
    if (std::size_t t = after(m_lex.number_teens, k)) return Count{v + 10, t};
    if (std::size_t h = after(m_lex.number_hundreds, k)) return Count{v * 100, h};
    if (std::size_t t = after(m_lex.number_tens, k)) {
      v *= 10;
      k = t;
    }
    // "dua puluh tiga", "twenty-three": tens, then a unit number.
    if (v >= 20 && v % 10 == 0) {
      std::size_t u = is_punct(k, "-") ? k + 1 : k;
      auto unit = at(m_lex.numbers, u);
      if (unit && unit->value >= 1 && unit->value <= 9) return Count{v + unit->value, u + unit->length};
    }
    return Count{v, k};
  }

  // Digits grouped in thousands by '.' or ',': "1.000", "10,000" (one ICU token).
  std::optional<int> grouped_number(std::size_t i) const {
    if (!exists(i) || m_tokens[i].kind != TokenKind::number) return std::nullopt;
    std::string_view s = folded(i);
    std::size_t lead = s.find_first_of(".,");
    if (lead == std::string_view::npos || lead == 0 || lead > 3 || (s.size() - lead) % 4 != 0) return std::nullopt;
    std::string digits(s.substr(0, lead));
    for (std::size_t k = lead; k < s.size(); k += 4) {
      if (s[k] != s[lead]) return std::nullopt;
      digits += s.substr(k + 1, 3);
    }
    auto n = parse_digits(digits);
    return n && n->digits == digits.size() ? std::optional(n->value) : std::nullopt;
  }

  // A unit right after a count, or after a hyphen joining them: "two-year", "30-year", "several-year".
  std::optional<UnitAt> unit_after_count(std::size_t k) const {
    if (auto u = unit_at(k)) return u;
    if (k >= 1 && is_punct(k, "-") && adjacent(k - 1) && adjacent(k)) return unit_at(k + 1);
    return std::nullopt;
  }

  std::optional<UnitAt> unit_at(std::size_t i) const {
    if (auto hit = at(m_lex.units, i)) return UnitAt{hit->value, i + hit->length, false};
    if (!exists(i) || m_tokens[i].kind != TokenKind::word) return std::nullopt;
    const std::string& s = folded(i);
    for (const auto& prefix : m_lex.one_prefixes) {
      if (s.size() <= prefix.size() || s.compare(0, prefix.size(), prefix) != 0) continue;
      auto hit = m_lex.units.match({m_lex.vocabulary.find(std::string_view(s).substr(prefix.size()))}, 0);
      if (hit && hit->length == 1 && !(adjacent(i) && is_punct(i + 1, "-"))) return UnitAt{hit->value, i + 1, true};
    }
    return std::nullopt;
  }

  // --- resolution against the document date or the previous date ----------

  Resolved relative(Unit u, int n) const {
    if (!dct()) return {unknown_value(u), "", std::nullopt};
    if (!shift_in_range(*dct(), u, n)) return {n < 0 ? "PAST_REF" : "FUTURE_REF", m_dct_value, std::nullopt};
    chr::sys_days d = shift(*dct(), u, n);
    return {value_at(u, d), m_dct_value, u == Unit::day ? std::optional(d) : std::nullopt};
  }

  Resolved narrative(Unit u, int n) const {
    if (!m_narrative.previous) return relative(u, n);
    if (!shift_in_range(*m_narrative.previous, u, n))
      return {n < 0 ? "PAST_REF" : "FUTURE_REF", m_narrative.previous_value, std::nullopt};
    chr::sys_days d = shift(*m_narrative.previous, u, n);
    return {value_at(u, d), m_narrative.previous_value, u == Unit::day ? std::optional(d) : std::nullopt};
  }

  // dir: -1 strictly before the document date, +1 strictly after, 0 the
  // nearest occurrence looking back (or forward in a future context).
  Resolved month_relative(int month, int dir, bool future) const {
    if (!dct()) return {fmt::format("XXXX-{:02}", month), "", std::nullopt};
    auto c = chr::year_month_day(*dct());
    int y = static_cast<int>(c.year());
    int m = static_cast<int>(static_cast<unsigned>(c.month()));
    if (dir < 0 || (dir == 0 && !future))
      y -= (month > m || (dir < 0 && month == m)) ? 1 : 0;
    else
      y += (month < m || (dir > 0 && month == m)) ? 1 : 0;
    return {fmt::format("{:04}-{:02}", y, month), m_dct_value, std::nullopt};
  }

  Resolved day_month_relative(int day, int month, bool future, int weekday) const {
    if (!dct()) return {fmt::format("XXXX-{:02}-{:02}", month, day), "", std::nullopt};
    int y = static_cast<int>(chr::year_month_day(*dct()).year());
    std::optional<chr::sys_days> best;
    for (int candidate : {y - 1, y, y + 1}) {
      auto v = make_day(candidate, month, day);
      if (!v) continue;
      chr::sys_days d = v->period.start;
      if (weekday && static_cast<int>(chr::weekday(d).iso_encoding()) != weekday) continue;
      bool near_ahead = d > *dct() && d - *dct() <= chr::days(m_lex.partial_date_reach_days) && !m_past_cue;
      bool direction_ok = weekday || (future ? d >= *dct() : (d <= *dct() || near_ahead));
      if (!direction_ok) continue;
      if (!best || chr::abs(d - *dct()) < chr::abs(*best - *dct())) best = d;
    }
    if (!best) return {fmt::format("XXXX-{:02}-{:02}", month, day), "", std::nullopt};
    return {day_value(*best), m_dct_value, best};
  }

  Resolved weekday_relative(int weekday, int dir, bool future) const {
    if (!dct()) return {fmt::format("XXXX-WXX-{}", weekday), "", std::nullopt};
    if (auto told = m_narrative.week_day[weekday]; dir == 0 && told && !(future && *told < *dct()))
      return {day_value(*told), day_value(*told), told};
    int today = static_cast<int>(chr::weekday(*dct()).iso_encoding());
    int back = (today - weekday + 7) % 7;  // days since the latest such weekday, 0 today
    int ahead = (weekday - today + 7) % 7;
    chr::sys_days d;
    if (dir < 0)
      d = *dct() - chr::days(back == 0 ? 7 : back);
    else if (dir > 0)
      d = *dct() + chr::days(ahead == 0 ? 7 : ahead);
    else
      d = future ? *dct() + chr::days(ahead) : *dct() - chr::days(back);
    return {day_value(d), m_dct_value, d};
  }

  // "17/11/23": the year of that century nearest below five years after the
  // document date ("89" is 1989 in a 1989 article, 2089 never before 2084).
  int expand_two_digit_year(int yy) const {
    if (!dct()) return yy <= 50 ? 2000 + yy : 1900 + yy;
    int now = static_cast<int>(chr::year_month_day(*dct()).year());
    int year = now / 100 * 100 + yy;
    return year > now + 5 ? year - 100 : year;
  }

  static Item date_item(std::size_t first, std::size_t last, Resolved r) {
    Item item;
    item.first = first;
    item.last = last;
    item.value = std::move(r.value);
    item.anchor = std::move(r.anchor);
    item.day = r.day;
    return item;
  }

  static Item absolute_item(std::size_t first, std::size_t last, const std::optional<DateValue>& v) {
    Item item;
    item.first = first;
    item.last = last;
    item.value = v->value;
    if (v->precision == Precision::day) item.day = v->period.start;
    return item;
  }

  // Widens a date's start to a weekday before it: "Rabu (25/1/2023)", "Selasa, 23 Jul 2019".
  // Look-behinds reach back to m_floor at most: tokens before it belong to
  // an expression already found ("2 Minggu (19/11)": "Minggu" is the
  // duration's, not the date's weekday).
  std::size_t with_weekday(std::size_t first, int* weekday = nullptr) const {
    std::size_t w = first;
    if (first >= m_floor + 2 && (is_punct(first - 1, "(") || is_punct(first - 1, ",")))
      w = first - 2;
    else if (first >= m_floor + 1)
      w = first - 1;
    else
      return first;
    auto hit = weekday_at(w);
    if (!hit || hit->second != (w == first - 1 ? first : first - 1)) return first;
    if (weekday) *weekday = hit->first;
    std::size_t start = w;
    if (start >= m_floor + 1 && at(m_lex.day_nouns, start - 1)) --start;
    return start;
  }

  std::size_t with_date_noun(std::size_t first) const {
    return first >= m_floor + 1 && at(m_lex.date_nouns, first - 1) ? first - 1 : first;
  }

  // A relative year or week right after a month, weekday, quarter or day
  // ("Januari tahun depan", "Senin pekan lalu", "kuartal pertama tahun lalu"):
  // the unit's value ("2025", "2024-W10", or unknown "XXXX") and its end.
  struct RelativeFrame {
    std::string value;
    std::string anchor;
    std::size_t next = 0;
  };
  std::optional<RelativeFrame> relative_frame(std::size_t k, Unit unit) {
    auto u = unit_at(k);
    if (!u || u->counted || u->unit != unit) return std::nullopt;
    Found f = unit_relative(k);
    if (!f || f.items.size() != 1 || f.items.front().first != k) return std::nullopt;
    return RelativeFrame{f.items.front().value, f.items.front().anchor, f.next};
  }

  // --- rules ---------------------------------------------------------------

  // "awal tahun 2023", "akhir Maret 2023", "pertengahan 2023", "the end of March 2023"
  Found modified(std::size_t i) {
    auto hit = at(m_lex.modifiers, i);
    if (!hit) return {};
    std::size_t j = i + hit->length;
    while (std::size_t k = after(m_lex.modifier_links, j)) j = k;
    Found f = match_core(j);
    if (f && f.items.front().first == j && f.items.front().type != TimexType::set) {
      f.items.front().first = i;
      f.items.front().mod = hit->value;
      return f;
    }
    if (auto y = year_at(j)) {
      Item item = absolute_item(i, j + 1, make_year(*y));
      item.mod = hit->value;
      return single(item);
    }
    if (auto m = month_at(j)) {
      Item item = date_item(i, m->second, month_relative(m->first, 0, future_context(i)));
      item.mod = hit->value;
      return single(item);
    }
    // "awal tahun", "akhir bulan": the current one.
    if (auto u = unit_at(j); u && !u->counted && u->unit != Unit::day) {
      Item item = date_item(i, u->next, relative(u->unit, 0));
      item.mod = hit->value;
      return single(item);
    }
    return {};
  }

  // "sekarang", "saat ini", "dulu"; and vague durations: "bertahun-tahun" PXY
  Found reference(std::size_t i) {
    Item item;
    item.first = i;
    if (auto hit = at(m_lex.references, i)) {
      // "the past three years": here the words lead a duration, not a reference.
      if (auto c = count_at(i + hit->length); c && unit_at(c->next)) return {};
      item.last = i + hit->length;
      item.value = hit->value;
    } else if (auto d = at(m_lex.vague_durations, i)) {
      item.last = i + d->length;
      item.value = d->value;
      item.type = TimexType::duration;
    } else {
      return {};
    }
    return single(item);
  }

  // "setiap minggu" P1W, "setiap dua minggu" P2W, "setiap Senin" XXXX-WXX-1,
  // "setiap 21 April" XXXX-04-21, "setiap tanggal 17" XXXX-XX-17
  Found set_expression(std::size_t i) {
    if (auto hit = at(m_lex.set_adverbs, i)) {  // "daily" P1D, "weekly" P1W
      Item item;
      item.first = i;
      item.last = i + hit->length;
      item.type = TimexType::set;
      item.value = hit->value;
      return single(item);
    }
    std::size_t j = after(m_lex.set_words, i);
    if (!j) return {};
    Item item;
    item.first = i;
    item.type = TimexType::set;
    if (auto u = unit_at(j)) {
      item.value = duration_value(u->unit, 1);
      item.last = u->next;
    } else if (auto c = count_at(j); c && c->value && unit_at(c->next)) {
      auto u2 = unit_at(c->next);
      item.value = duration_value(u2->unit, c->value);
      item.last = u2->next;
    } else if (auto w = weekday_at(j)) {
      item.value = fmt::format("XXXX-WXX-{}", w->first);
      item.last = w->second;
    } else if (auto d = day_at(j); d && month_at(j + 1)) {
      auto m = month_at(j + 1);
      item.value = fmt::format("XXXX-{:02}-{:02}", m->first, *d);
      item.last = m->second;
    } else if (std::size_t k = after(m_lex.date_nouns, j); k && day_at(k)) {
      item.value = fmt::format("XXXX-XX-{:02}", *day_at(k));
      item.last = k + 1;
    } else if (auto m = month_at(j)) {
      item.value = fmt::format("XXXX-{:02}", m->first);
      item.last = m->second;
    } else if (auto p = at(m_lex.parts_of_day, j)) {
      item.value = "XXXX-XX-XXT" + p->value;
      item.last = j + p->length;
    } else {
      return {};
    }
    return single(item);
  }

  // "25/1/2023", "17-11-23", "13.05.2024", "2023-11-17", and "Jumat (17/11)".
  Found numeric_date(std::size_t i) {
    if (Found f = dotted_date(i)) return f;
    auto a = number(i);
    if (!a || !adjacent(i) || !adjacent(i + 1)) return {};
    std::string_view sep = exists(i + 1) ? std::string_view(folded(i + 1)) : "";
    if (sep != "/" && sep != "-") return {};
    auto b = number(i + 2);
    if (!b) return {};
    bool three = adjacent(i + 2) && is_punct(i + 3, sep) && adjacent(i + 3) && number(i + 4);
    if (three) {
      auto c = number(i + 4);
      if (adjacent(i + 4) && is_punct(i + 5, sep) && adjacent(i + 5) && number(i + 6)) return {};  // a longer run
      std::optional<DateValue> v;
      if (a->digits == 4 && is_month_number(*b) && c->digits == 2)  // ISO 8601
        v = make_day(a->value, b->value, c->value);
      else if (m_lex.numeric_month_first && is_month_number(*a) && is_day_number(*b) &&
               (c->digits == 4 || c->digits == 2))
        v = make_day(c->digits == 2 ? expand_two_digit_year(c->value) : c->value, a->value, b->value);
      else if (is_day_number(*a) && is_month_number(*b) && (c->digits == 4 || c->digits == 2))
        v = make_day(c->digits == 2 ? expand_two_digit_year(c->value) : c->value, b->value, a->value);
      if (!v || (c->digits == 4 && !is_year_number(*c) && a->digits != 4)) return {};
      return finish_numeric(i, i + 5, v);
    }
    // Day and month alone only in a dateline or after a date noun: "Jumat (17/11)", "tanggal 17/11".
    if (sep != "/" || !is_day_number(*a) || !is_month_number(*b)) return {};
    if (adjacent(i + 2) && (is_punct(i + 3, "/") || number(i + 3))) return {};
    int weekday = 0;
    std::size_t first = with_weekday(i > 0 && is_punct(i - 1, "(") ? i - 1 : i, &weekday);
    bool dateline = weekday != 0 && first < i;
    bool noun = with_date_noun(i) < i;
    if (!dateline && !noun) return {};
    std::size_t last = i + 3;
    if (is_punct(i - 1, "(") && is_punct(last, ")")) ++last;
    Resolved r = day_month_relative(a->value, b->value, future_context(i), weekday);
    return single(date_item(dateline ? first : with_date_noun(i), last, std::move(r)));
  }

  Found finish_numeric(std::size_t i, std::size_t last, const std::optional<DateValue>& v) {
    std::size_t first = with_date_noun(i);
    if (i >= 1 && is_punct(i - 1, "(") && is_punct(last, ")")) {
      std::size_t widened = with_weekday(i - 1);
      if (widened != i - 1) first = widened, last = last + 1;
    } else {
      first = std::min(first, with_weekday(i));
    }
    return single(absolute_item(first, last, v));
  }

  // ICU keeps digits joined by '.' together: "13.05.2024" is one token.
  Found dotted_date(std::size_t i) {
    if (!exists(i) || m_tokens[i].kind != TokenKind::number) return {};
    std::string_view s = folded(i);
    auto p = s.find('.');
    auto q = p == std::string_view::npos ? p : s.find('.', p + 1);
    if (q == std::string_view::npos || s.find('.', q + 1) != std::string_view::npos) return {};
    auto d = parse_digits(s.substr(0, p));
    auto m = parse_digits(s.substr(p + 1, q - p - 1));
    auto y = parse_digits(s.substr(q + 1));
    if (!d || !m || !y || !is_day_number(*d) || !is_month_number(*m) || (y->digits != 4 && y->digits != 2)) return {};
    int year = y->digits == 2 ? expand_two_digit_year(y->value) : y->value;
    auto v = make_day(year, m->value, d->value);
    if (!v || year < k_min_year) return {};
    return finish_numeric(i, i + 1, v);
  }

  // "10 Maret 2023", "Selasa, 23 Jul 2019", "pada 20 November", "5 dan 6 Desember 2023", "17–20 November 2023"
  Found day_month(std::size_t i) {
    auto d = day_at(i);
    if (!d) return {};
    if (auto m = month_at(i + 1)) {
      int weekday = 0;
      std::size_t first = std::min(with_weekday(i, &weekday), with_date_noun(i));
      if (auto y = year_at(m->second)) {
        auto v = make_day(*y, m->first, *d);
        if (!v) return {};
        return single(absolute_item(first, m->second + 1, v));
      }
      if (number(m->second)) return {};  // "5 Mei 20": not a date we can read
      if (!make_day(2000, m->first, *d)) return {};
      // "27 November mendatang", "8 Maret lalu": a direction word after the date decides.
      std::size_t last = m->second;
      bool future = future_context(i);
      if (auto dir = m_lex.unit_directions.after ? at(m_lex.unit_directions.words, last) : std::nullopt;
          dir && dir->value != 0) {
        future = dir->value > 0;
        m_past_cue = !future;  // "8 Maret lalu": never read forward
        last += dir->length;
      }
      return single(date_item(first, last, day_month_relative(*d, m->first, future, weekday)));
    }
    // A list or range sharing the month: "5 dan 6 Desember 2023", "17–20 November 2023". The
    // days before the last take its month and year. Walked, not recursed, and bounded, so a
    // run of numbers ("12-12-12-...") costs linear time and no stack.
    std::vector<std::pair<std::size_t, int>> days{{i, *d}};
    Found last;
    for (std::size_t k = i + 1; !last && days.size() < k_max_list;) {
      std::size_t next = after_connectors(k);
      auto nd = next ? day_at(next) : std::nullopt;
      if (!nd) return {};
      if (month_at(next + 1)) {
        last = day_month(next);  // a day with its month: no list branch, no recursion
        if (!last) return {};
      } else {
        days.emplace_back(next, *nd);
        k = next + 1;
      }
    }
    if (!last) return {};
    const Item& end = last.items.front();  // "2023-12-06" or "XXXX-12-06"
    std::vector<Item> items;
    for (const auto& [at_token, day] : days) {
      Item item;
      item.first = at_token == i ? with_date_noun(i) : at_token;
      item.last = at_token + 1;
      item.value = end.value.substr(0, 8) + (day < 10 ? "0" : "") + std::to_string(day);
      item.anchor = end.anchor;
      if (auto dv = parse_date_value(item.value))
        item.day = dv->period.start;
      else if (item.value.rfind("XXXX", 0) != 0)
        return {};  // "31 dan 30 Februari"
      items.push_back(std::move(item));
    }
    last.items.insert(last.items.begin(), items.begin(), items.end());
    return last;
  }

  // English order: "January 23, 2023", "Jan. 23", "January 23rd, 2023"
  Found month_day(std::size_t i) {
    auto m = month_at(i);
    if (!m) return {};
    auto d = day_at(m->second);
    if (!d || joined_to_more_digits(m->second)) return {};
    std::size_t at_year = m->second + 1;
    if (is_punct(at_year, ",")) ++at_year;
    int weekday = 0;
    std::size_t first = with_weekday(i, &weekday);
    if (auto y = year_at(at_year)) {
      auto v = make_day(*y, m->first, *d);
      if (!v) return {};
      return single(absolute_item(first, at_year + 1, v));
    }
    if (month_at(m->second + 1) || unit_at(m->second + 1)) return {};  // "May 5 employees"? no: "5 months"
    if (!make_day(2000, m->first, *d)) return {};
    return single(date_item(first, m->second + 1, day_month_relative(*d, m->first, future_context(i), weekday)));
  }

  // "kuartal pertama 2024", "triwulan III", "Q3 2023", "semester II", "the second half of 2023"
  Found quarter_or_half(std::size_t i) {
    if (Found f = part_by_noun(i, m_lex.quarter_nouns, 'Q', 4)) return f;
    if (Found f = part_by_noun(i, m_lex.half_nouns, 'H', 2)) return f;
    if (Found f = part_by_prefix(i, m_lex.quarter_prefixes, 'Q', 4)) return f;
    return part_by_prefix(i, m_lex.half_prefixes, 'H', 2);
  }

  // The ordinal of a quarter or half: "pertama", "III", "2".
  std::optional<std::pair<int, std::size_t>> part_number(std::size_t i, int limit) const {
    int n = 0;
    std::size_t next = i + 1;
    if (auto hit = at(m_lex.ordinals, i)) {
      n = hit->value;
      next = i + hit->length;
    } else if (exists(i) && roman_value(folded(i))) {
      n = roman_value(folded(i));
    } else if (auto num = number(i); num && num->digits == 1) {
      n = num->value;
    }
    if (n < 1 || n > limit) return std::nullopt;
    return std::pair{n, next};
  }

  // A year after a quarter or half: "2024", "/2024", "-2024", "tahun 2024", "of 2023".
  std::optional<std::pair<int, std::size_t>> part_year(std::size_t k) const {
    if (is_punct(k, "/") || is_punct(k, "-") || is_punct(k, ",")) ++k;
    if (std::size_t j = after(m_lex.year_nouns, k))
      k = j;
    else if (std::size_t j2 = after(m_lex.modifier_links, k))
      k = j2;
    if (auto y = year_at(k)) return std::pair{*y, k + 1};
    return std::nullopt;
  }

  Found part_item(std::size_t first, std::size_t next, char kind, int n) {
    Item item;
    item.first = first;
    if (auto y = part_year(next)) {
      item.value = fmt::format("{:04}-{}{}", y->first, kind, n);
      item.last = y->second;
    } else if (auto frame = relative_frame(next, Unit::year)) {  // "kuartal pertama tahun lalu"
      item.value = fmt::format("{}-{}{}", frame->value, kind, n);
      item.anchor = frame->anchor;
      item.last = frame->next;
    } else if (dct()) {
      item.value = fmt::format("{:04}-{}{}", static_cast<int>(chr::year_month_day(*dct()).year()), kind, n);
      item.anchor = m_dct_value;
      item.last = next;
    } else {
      item.value = fmt::format("XXXX-{}{}", kind, n);
      item.last = next;
    }
    return single(item);
  }

  Found part_by_noun(std::size_t i, const PhraseSet& nouns, char kind, int limit) {
    if (std::size_t j = after(nouns, i)) {
      if (auto p = part_number(j, limit)) return part_item(i, p->second, kind, p->first);
      return {};
    }
    // Ordinal first: "the third quarter of 2023", "kedua" is never first in Indonesian.
    if (auto hit = at(m_lex.ordinals, i); hit && hit->value <= limit) {
      std::size_t k = i + hit->length;
      if (is_punct(k, "-") && adjacent(k - 1) && adjacent(k)) ++k;  // "third-quarter"
      if (std::size_t j = after(nouns, k)) return part_item(i, j, kind, hit->value);
    }
    return {};
  }

  Found part_by_prefix(std::size_t i, const std::vector<std::string>& prefixes, char kind, int limit) {
    if (!exists(i) || m_tokens[i].kind == TokenKind::punct) return {};
    const std::string& s = folded(i);
    for (const auto& prefix : prefixes) {
      if (s.size() != prefix.size() + 1 || s.compare(0, prefix.size(), prefix) != 0) continue;
      int n = s.back() - '0';
      if (n >= 1 && n <= limit) return part_item(i, i + 1, kind, n);
    }
    return {};
  }

  // "musim dingin 2014" 2014-WI, "musim panas lalu"
  Found season(std::size_t i) {
    auto hit = at(m_lex.seasons, i);
    std::size_t j = i;
    int dir = 0;
    bool before = false;
    if (!hit && !m_lex.unit_directions.after) {  // "last winter"
      if (auto d = at(m_lex.unit_directions.words, i)) {
        hit = at(m_lex.seasons, i + d->length);
        j = i + d->length;
        dir = d->value;
        before = true;
      }
    }
    if (!hit) return {};
    std::size_t k = j + hit->length;
    Item item;
    item.first = i;
    if (std::size_t n = after(m_lex.year_nouns, k)) k = n;
    if (auto y = year_at(k)) {
      item.value = fmt::format("{:04}-{}", *y, hit->value);
      item.last = k + 1;
      return single(item);
    }
    if (!before) {
      auto d = m_lex.unit_directions.after ? at(m_lex.unit_directions.words, j + hit->length) : std::nullopt;
      if (!d) return {};
      dir = d->value;
      k = j + hit->length + d->length;
    } else {
      k = j + hit->length;
    }
    Resolved r = relative(Unit::year, dir);
    item.value = r.value + "-" + hit->value;
    item.anchor = r.anchor;
    item.last = k;
    return single(item);
  }

  // "tahun 1990-an" 199, "1990s" 199
  Found decade(std::size_t i) {
    const std::size_t first = i;  // "tahun 1990-an" or "1990-an"
    std::size_t j = after(m_lex.year_nouns, i);
    if (!j) j = i;
    if (auto y = year_at(j); y && *y % 10 == 0 && adjacent(j) && is_punct(j + 1, "-") && adjacent(j + 1) &&
                             exists(j + 2) &&
                             std::find(m_lex.decade_suffixes.begin(), m_lex.decade_suffixes.end(), folded(j + 2)) !=
                                 m_lex.decade_suffixes.end()) {
      Item item;
      item.first = first;
      item.last = j + 3;
      item.value = fmt::format("{:03}", *y / 10);
      return single(item);
    }
    // "tahun 80-an" 198: a short decade only after a year noun; read in the 1900s.
    if (auto n = number(j); n && j > i && n->digits == 2 && n->value % 10 == 0 && adjacent(j) && is_punct(j + 1, "-") &&
                            adjacent(j + 1) && exists(j + 2) &&
                            std::find(m_lex.decade_suffixes.begin(), m_lex.decade_suffixes.end(), folded(j + 2)) !=
                                m_lex.decade_suffixes.end()) {
      Item item;
      item.first = first;
      item.last = j + 3;
      item.value = fmt::format("19{}", n->value / 10);
      return single(item);
    }
    if (!exists(j) || m_tokens[j].kind == TokenKind::punct) return {};
    const std::string& s = folded(j);
    for (const auto& suffix : m_lex.decade_suffixes) {
      if (s.size() != 4 + suffix.size() || s.compare(4, suffix.size(), suffix) != 0) continue;
      auto n = parse_digits(std::string_view(s).substr(0, 4));
      if (!n || !is_year_number(*n) || n->value % 10 != 0) continue;
      Item item;
      item.first = first;
      item.last = j + 1;
      item.value = fmt::format("{:03}", n->value / 10);
      return single(item);
    }
    return {};
  }

  // "Juni 2022", "antara Januari dan Maret 2023"
  Found month_year(std::size_t i) {
    auto m = month_at(i);
    if (!m || (i >= 1 && day_at(i - 1))) return {};  // "30 Februari 2023" is the day rule's, valid or not
    if (auto y = year_at(m->second)) return single(absolute_item(i, m->second + 1, make_month(*y, m->first)));
    if (auto frame = relative_frame(m->second, Unit::year)) {  // "Januari tahun depan"
      Item item;
      item.first = i;
      item.last = frame->next;
      item.value = frame->value + "-" + (m->first < 10 ? "0" : "") + std::to_string(m->first);
      item.anchor = frame->anchor;
      return single(item);
    }
    // "antara Januari dan Maret 2023": the months before the last take its year; walked and bounded.
    std::vector<std::pair<std::size_t, std::pair<int, std::size_t>>> months{{i, *m}};
    for (std::size_t k = m->second; months.size() < k_max_list;) {
      std::size_t next = after_connectors(k);
      auto nm = next ? month_at(next) : std::nullopt;
      if (!nm) return {};
      if (auto y = year_at(nm->second)) {
        Found f;
        for (const auto& [at_token, month] : months)
          f.items.push_back(absolute_item(at_token, month.second, make_month(*y, month.first)));
        f.items.push_back(absolute_item(next, nm->second + 1, make_month(*y, nm->first)));
        f.next = nm->second + 1;
        return f;
      }
      months.emplace_back(next, *nm);
      k = nm->second;
    }
    return {};
  }

  // "2020-2024", "2019–2021": a range of years needs no cue.
  Found year_range(std::size_t i) {
    auto a = year_at(i);
    if (!a || !(is_punct(i + 1, "-") || is_punct(i + 1, "–") || is_punct(i + 1, "—"))) return {};
    auto b = year_at(i + 2);
    if (!b || *b <= *a || *b - *a > 100 || (adjacent(i + 2) && is_punct(i + 3, "-"))) return {};
    if (i >= 2 && is_punct(i - 1, "-") && adjacent(i - 2) && number(i - 2)) return {};  // "0811-1212-1234"
    return Found{{absolute_item(i, i + 1, make_year(*a)), absolute_item(i + 2, i + 3, make_year(*b))}, i + 3};
  }

  // "tahun 2019", "pada 2017", and the years listed after: "tahun 2019 dan 2021".
  Found cued_year(std::size_t i) {
    bool noun = at(m_lex.year_nouns, i).has_value();
    std::size_t j = noun ? after(m_lex.year_nouns, i) : after(m_lex.year_cues, i);
    if (!j) return {};
    if (numbers_a_reference(i)) return {};
    if (Found d = decade(j)) return d;  // "pada 2010-an"
    auto y = year_at(j);
    if (!y || (adjacent(j) && (is_punct(j + 1, "-") || is_punct(j + 1, "/")) && number(j + 2))) return {};
    Found f{{absolute_item(noun ? i : j, j + 1, make_year(*y))}, j + 1};
    while (std::size_t k = after_connectors(f.next)) {
      std::size_t at_year = after(m_lex.year_nouns, k) ? after(m_lex.year_nouns, k) : k;
      auto next = year_at(at_year);
      if (!next || month_at(at_year + 1)) break;
      f.items.push_back(absolute_item(k < at_year ? k : at_year, at_year + 1, make_year(*next)));
      f.next = at_year + 1;
    }
    return f;
  }

  // "a 2019 merger", "its 1990 invasion": a year between a determiner and a
  // word is a date; the determiner is not part of the span.
  Found determined_year(std::size_t i) {
    std::size_t j = after(m_lex.year_determiners, i);
    if (!j) return {};
    auto y = year_at(j);
    if (!y || !exists(j + 1) || m_tokens[j + 1].kind != TokenKind::word || adjacent(j)) return {};
    if (unit_at(j + 1) || month_at(j + 1) || at(m_lex.numbers, j + 1) || at(m_lex.reference_nouns, j + 1)) return {};
    return single(absolute_item(j, j + 1, make_year(*y)));
  }

  // "UU Nomor 23 Tahun 2014", "Law No. 23 of 2014": the number after a
  // reference noun is an identifier, and the year after it dates the document.
  bool names_a_reference(std::size_t number_at) const {
    std::size_t k = number_at;
    if (k >= 1 && is_punct(k - 1, ".")) --k;
    return k >= 1 && at(m_lex.reference_nouns, k - 1).has_value();
  }
  bool numbers_a_reference(std::size_t cue) const { return cue >= 1 && number(cue - 1) && names_a_reference(cue - 1); }

  // "kemarin", "besok", "kemarin lusa", "hari ini"
  Found relative_day(std::size_t i) {
    auto hit = at(m_lex.relative_days, i);
    if (!hit) return {};
    return single(date_item(i, i + hit->length, relative(Unit::day, hit->value)));
  }

  // A count and a unit: "3 hari yang lalu", "sepekan mendatang", "sehari kemudian"
  // (dates); "tiga tahun terakhir", "dua minggu" (durations).
  Found counted(std::size_t i) {
    Count count;
    std::optional<UnitAt> unit = unit_at(i);
    if (unit && unit->counted) {
      count = Count{1, unit->next};
    } else {
      auto c = count_at(i);
      if (!c || !(unit = unit_after_count(c->next)) || unit->counted) return {};
      count = *c;
    }
    std::size_t k = unit->next;
    // "6-year-old": an age, not a duration of the story.
    if (is_punct(k, "-") && adjacent(k - 1) && adjacent(k) && at(m_lex.age_words, k + 1)) return {};
    bool for_a_while = i >= 1 && at(m_lex.duration_cues, i - 1);
    if (!for_a_while) {
      if (auto d = at(m_lex.count_directions.words, k))
        return counted_date(i, k + d->length, *unit, count, d->value, false);
      if (auto d = at(m_lex.narrative_directions.words, k))
        return counted_date(i, k + d->length, *unit, count, d->value, true);
    }
    Item item;
    item.first = i;
    item.type = TimexType::duration;
    item.value = duration_value(unit->unit, count.value);
    item.last = after(m_lex.duration_terminals, k) ? after(m_lex.duration_terminals, k) : k;
    return single(item);
  }

  Found counted_date(std::size_t i, std::size_t last, const UnitAt& unit, const Count& count, int dir, bool story) {
    Item item;
    item.first = i;
    item.last = last;
    if (!count.value) {  // "beberapa tahun lalu"
      item.value = dir < 0 ? "PAST_REF" : "FUTURE_REF";
      return single(item);
    }
    Resolved r = story ? narrative(unit.unit, dir * *count.value) : relative(unit.unit, dir * *count.value);
    return single(date_item(i, last, std::move(r)));
  }

  // "pekan lalu", "bulan depan", "tahun ini", "tahun sebelumnya", "hari itu";
  // English puts the direction first: "last week", "this year", "the past three years".
  Found unit_relative(std::size_t i) {
    if (!m_lex.unit_directions.after) {
      if (auto d = at(m_lex.unit_directions.words, i)) {
        std::size_t j = i + d->length;
        if (auto c = count_at(j)) {
          if (auto u = unit_at(c->next); u && !u->counted) {
            Item item;
            item.first = i;
            item.last = u->next;
            item.type = TimexType::duration;
            item.value = duration_value(u->unit, c->value);
            return single(item);
          }
        }
        if (auto u = unit_at(j); u && !u->counted) return single(date_item(i, u->next, relative(u->unit, d->value)));
      }
    }
    if (!m_lex.anaphora_after) {
      if (std::size_t j = after(m_lex.anaphora, i))
        if (auto u = unit_at(j); u && !u->counted) return single(date_item(i, u->next, narrative(u->unit, 0)));
    }
    auto u = unit_at(i);
    if (!u || u->counted) return {};
    std::size_t k = u->next;
    if (m_lex.unit_directions.after)
      if (auto d = at(m_lex.unit_directions.words, k))
        return single(date_item(i, k + d->length, relative(u->unit, d->value)));
    if (auto d = at(m_lex.narrative_directions.words, k))
      return single(date_item(i, k + d->length, narrative(u->unit, d->value)));
    if (m_lex.anaphora_after)
      if (std::size_t j = after(m_lex.anaphora, k)) return single(date_item(i, j, narrative(u->unit, 0)));
    return {};
  }

  // "Selasa", "hari Minggu", "Kamis lalu", "Senin depan", "last Monday", "on Monday"
  Found weekday(std::size_t i) {
    std::size_t j = i;
    int dir = 0;
    if (!m_lex.unit_directions.after)
      if (auto d = at(m_lex.unit_directions.words, i)) {
        j = i + d->length;
        dir = d->value;
      }
    bool noun = false;
    if (std::size_t n = after(m_lex.day_nouns, j)) {
      j = n;
      noun = true;
    }
    auto w = weekday_at(j);
    if (!w) return {};
    if (!noun && dir == 0 && at(m_lex.weekday_needs_day_noun, j) &&
        !(at(m_lex.weekday_when_capitalized, j) &&
          (capitalized_inside_sentence(j) || at(m_lex.parts_of_day, w->second))))
      return {};
    std::size_t k = w->second;
    std::size_t probe = (is_punct(k, "(") || is_punct(k, ",")) ? k + 1 : k;
    if (numeric_or_named_date_at(probe)) return {};    // the date rule takes the weekday with it
    if (auto frame = relative_frame(k, Unit::week)) {  // "Senin pekan lalu": that week's Monday
      Item item;
      item.first = i;
      item.last = frame->next;
      item.anchor = frame->anchor;
      if (auto week = parse_date_value(frame->value)) {
        item.day = week->period.start + std::chrono::days(w->first - 1);
        item.value = day_value(*item.day);
      } else {
        item.value = fmt::format("XXXX-WXX-{}", w->first);
      }
      return single(item);
    }
    if (m_lex.unit_directions.after)
      if (auto d = at(m_lex.unit_directions.words, k)) {
        dir = d->value;
        k += d->length;
      }
    return single(date_item(i, k, weekday_relative(w->first, dir, future_context(i))));
  }

  bool numeric_or_named_date_at(std::size_t k) { return numeric_date(k) || day_month(k) || month_day(k); }

  // "bulan Juni", "pada Juni" (cue), "Januari lalu", "last January"
  Found named_month(std::size_t i) {
    std::size_t j = i;
    bool noun = false;
    int dir = 0;
    bool directed = false;
    bool leading = false;  // "last January": the direction word is part of the span
    if (std::size_t n = after(m_lex.month_nouns, i)) {
      j = n;
      noun = true;
    } else if (std::size_t c = after(m_lex.month_cues, i)) {
      j = c;
    } else if (!m_lex.unit_directions.after) {
      if (auto d = at(m_lex.unit_directions.words, i)) {
        j = i + d->length;
        dir = d->value;
        directed = leading = true;
      }
    }
    auto m = month_at(j);
    if (!m || year_at(m->second) || day_at(m->second)) return {};
    if (j != i && month_year(j)) return {};  // "antara Januari dan Maret 2023": the list takes it
    std::size_t k = m->second;
    if (m_lex.unit_directions.after)
      if (auto d = at(m_lex.unit_directions.words, k)) {
        dir = d->value;
        directed = true;
        k += d->length;
      }
    if (j == i && !directed) return {};  // a bare month name is too often a name ("Jan", "Mei")
    std::size_t first = (noun || leading) ? i : j;
    // "January this year", "April next year", "Juni tahun lalu": the month of that year.
    if (!directed)
      if (Found year = unit_relative(k); year && year.items.size() == 1 && year.items[0].value.size() == 4 &&
                                         std::isdigit(static_cast<unsigned char>(year.items[0].value[0]))) {
        Item item = year.items[0];
        item.first = first;
        item.value += fmt::format("-{:02}", m->first);
        return single(std::move(item));
      }
    // "this September", "Juni ini": the month of the document's year, whichever side of it.
    if (directed && dir == 0 && dct())
      return single(
          date_item(first, k,
                    {fmt::format("{:04}-{:02}", static_cast<int>(chr::year_month_day(*dct()).year()), m->first),
                     m_dct_value, std::nullopt}));
    return single(date_item(first, k, month_relative(m->first, dir, future_context(i))));
  }

  // "pukul 10.15 WIB", "jam 9 malam", "pagi ini"
  Found time_alone(std::size_t i) {
    // "malam itu", "that night": the part of the day being narrated.
    std::size_t lead = m_lex.anaphora_after ? 0 : after(m_lex.anaphora, i);
    if (auto p = at(m_lex.parts_of_day, lead ? lead : i)) {
      std::size_t k = (lead ? lead : i) + p->length;
      std::size_t that = lead ? k : (m_lex.anaphora_after ? after(m_lex.anaphora, k) : 0);
      auto d = at(m_lex.unit_directions.words, k);
      bool today = m_lex.unit_directions.after && d && d->value == 0;
      if (!today && !that) return {};
      Item item = date_item(i, today ? k + d->length : that, today ? relative(Unit::day, 0) : narrated_day());
      item.type = TimexType::time;
      item.value += "T" + p->value;
      item.day.reset();
      return single(item);
    }
    std::size_t j = after(m_lex.time_cues, i);
    Item item;
    item.first = i;  // the cue is part of the span: "pukul 10.15 WIB"
    item.type = TimexType::time;
    std::size_t at_clock = j ? j : i;
    if (auto word = at(m_lex.clock_words, at_clock)) {  // "noon", "midnight"
      Resolved r = narrated_day();
      item.anchor = r.anchor;
      item.value = r.value + "T" + word->value;
      item.last = at_clock + word->length;
      return on_day_after(item);
    }
    auto clock = clock_at(at_clock, j != 0);
    if (!clock) clock = glued_clock_at(at_clock);
    if (!clock) return {};
    Resolved r = narrated_day();
    item.anchor = r.anchor;
    finish_clock(item, r.value, *clock);
    return on_day_after(item);
  }

  // A time without a date belongs to the day being narrated: the last day the
  // text dated before it ("Senin (24/11/2014) ... Pukul 09.30, ..."), else the document date.
  Resolved narrated_day() const {
    if (m_narrative.day) return {day_value(*m_narrative.day), day_value(*m_narrative.day), m_narrative.day};
    return relative(Unit::day, 0);
  }

  // "10 p.m. Wednesday", "noon Thursday", "5 p.m. EST, Nov. 6": a day right after a time dates it.
  Found on_day_after(Item& item) {
    std::size_t k = item.last;
    if (is_punct(k, ",")) ++k;
    std::string clock = item.value.substr(item.value.find('T'));
    // A numeric date first: "pukul 7:55 WIB, Jumat (5/12/2014)" starts its
    // match at the number, after the weekday and the parenthesis.
    const std::pair<Rule, std::size_t> tries[] = {{&Matcher::numeric_date, k}, {&Matcher::numeric_date, k + 2},
                                                  {&Matcher::relative_day, k}, {&Matcher::weekday, k},
                                                  {&Matcher::month_day, k},    {&Matcher::day_month, k}};
    for (const auto& [rule, at] : tries) {
      if (!exists(at)) continue;
      Found f = (this->*rule)(at);
      if (!f || f.items.size() != 1 || !f.items.front().day || f.items.front().first != k) continue;
      item.value = f.items.front().value + clock;
      item.anchor = f.items.front().anchor;
      item.last = f.next;
      break;
    }
    return single(item);
  }

  // "10.15", "10:15", and with a cue "10"; then a zone or a part of day.
  std::optional<Clock> clock_at(std::size_t i, bool cued) const {
    if (!exists(i) || m_tokens[i].kind != TokenKind::number) return std::nullopt;
    std::string_view s = folded(i);
    Clock c;
    std::optional<Number> h, m;
    if (auto dot = s.find('.'); dot != std::string_view::npos) {
      h = parse_digits(s.substr(0, dot));
      m = parse_digits(s.substr(dot + 1));
      c.next = i + 1;
      if (!m || m->digits != 2) return std::nullopt;
    } else if (adjacent(i) && is_punct(i + 1, ":") && adjacent(i + 1) && number(i + 2)) {
      h = parse_digits(s);
      m = number(i + 2);
      c.next = i + 3;
      if (m->digits != 2) return std::nullopt;
    } else if (cued || at(m_lex.meridiems, i + 1)) {
      // An hour alone ("pukul 10 pagi", "at 9 p.m.") needs a part of day, a
      // meridiem or a zone after it: "at 6%" or "jam 3" are not times.
      h = parse_digits(s);
      c.next = i + 1;
      if (!at(m_lex.parts_of_day, c.next) && !at(m_lex.time_zones, c.next) && !at(m_lex.meridiems, c.next))
        return std::nullopt;
    }
    if (!h || h->digits > 2 || h->value > 24 || (m && m->value > 59)) return std::nullopt;
    c.hour = h->value;
    c.minute = m ? m->value : 0;
    bool meridiem = false;
    if (auto mer = at(m_lex.meridiems, c.next)) {  // "9:30 PM" is 21:30, "12 a.m." 00:00
      if (c.hour < 1 || c.hour > 12) return std::nullopt;
      c.hour = mer->value == "PM" ? c.hour % 12 + 12 : c.hour % 12;
      c.next += mer->length;
      meridiem = true;
    }
    bool zone = at(m_lex.time_zones, c.next).has_value();
    if (!cued && !zone && !meridiem) return std::nullopt;  // "10.15" alone is as likely a score or an amount
    return c;
  }

  // "5pm", "11am": an hour and a meridiem in one token.
  std::optional<Clock> glued_clock_at(std::size_t i) const {
    if (!exists(i) || m_tokens[i].kind == TokenKind::punct) return std::nullopt;
    std::string_view s = folded(i);
    std::size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
    if (digits == 0 || digits > 2 || digits == s.size()) return std::nullopt;
    auto mer = m_lex.meridiems.match({m_lex.vocabulary.find(s.substr(digits))}, 0);
    auto h = parse_digits(s.substr(0, digits));
    if (!mer || mer->length != 1 || !h || h->value < 1 || h->value > 12) return std::nullopt;
    Clock c;
    c.hour = mer->value == "PM" ? h->value % 12 + 12 : h->value % 12;
    c.next = i + 1;
    return c;
  }

  Item& finish_clock(Item& item, const std::string& date, Clock clock) {
    std::size_t k = clock.next;
    if (auto p = at(m_lex.parts_of_day, k)) {
      bool later = p->value == "AF" || p->value == "EV" || (p->value == "NI" && clock.hour >= 6);
      if (later && clock.hour < 12) clock.hour += 12;
      k += p->length;
    }
    if (auto z = at(m_lex.time_zones, k)) k += z->length;
    item.value = fmt::format("{}T{:02}:{:02}", date, clock.hour, clock.minute);
    item.last = k;
    item.day.reset();
    return item;
  }

  // A day-precision date followed by a time or a part of day becomes a TIME:
  // "Selasa, 23 Jul 2019 10:15 WIB", "Senin pagi", "kemarin malam".
  Found with_time(Found f) {
    Item& last = f.items.back();
    if (!last.day || last.type != TimexType::date) return f;
    std::size_t k = f.next;
    if (is_punct(k, ",")) ++k;
    std::size_t cue = after(m_lex.time_cues, k);
    auto clock = clock_at(cue ? cue : k, true);
    if (!clock) clock = glued_clock_at(cue ? cue : k);
    if (clock && (cue || clock->next > k + 1 || at(m_lex.time_zones, clock->next) || at(m_lex.meridiems, k + 1) ||
                  glued_clock_at(k) || m_tokens[k].folded.find('.') != std::string::npos)) {
      std::string date = last.value;
      last.type = TimexType::time;
      finish_clock(last, date, *clock);
      f.next = last.last;
      return f;
    }
    if (auto word = at(m_lex.clock_words, f.next)) {  // "Thursday noon"
      last.type = TimexType::time;
      last.value += "T" + word->value;
      last.last = f.next + word->length;
      last.day.reset();
      f.next = last.last;
      return f;
    }
    if (auto p = at(m_lex.parts_of_day, f.next)) {
      last.type = TimexType::time;
      last.value += "T" + p->value;
      last.last = f.next + p->length;
      last.day.reset();
      f.next = last.last;
    }
    return f;
  }

  std::vector<Token> m_tokens;
  std::vector<std::size_t> m_trim;  // bytes of a possessive at the end of each token ("'s")
  std::string_view m_window;
  std::size_t m_floor = 0;  // the first token no expression of this window has taken
  std::vector<int> m_ids;   // vocabulary id of each token
  std::size_t m_base = 0;   // byte offset of the window in the text
  const Lexicon& m_lex;
  Narrative m_narrative;
  // The document date, read through dct() so that the matcher knows whether
  // any result depended on it, or on its absence.
  const std::optional<chr::sys_days>& dct() const {
    m_used_dct = true;
    return m_dct;
  }

  std::optional<chr::sys_days> m_dct;
  std::string m_dct_value;
  mutable bool m_used_dct = false;
  mutable bool m_past_cue = false;  // the last future_context() met a past cue first

 public:
  bool used_document_date() const { return m_used_dct; }
};

}  // namespace

std::string_view to_string(TimexType t) {
  switch (t) {
    case TimexType::date:
      return "DATE";
    case TimexType::time:
      return "TIME";
    case TimexType::duration:
      return "DURATION";
    case TimexType::set:
      return "SET";
  }
  return "DATE";
}

std::vector<Timex> Tagger::tag(std::string_view text, const TagContext& context, bool* used_document_date) const {
  std::vector<Timex> out;
  Matcher matcher(m_lexicon, context);
  for (const text::Span& w : temporal::candidate_windows(text, m_lexicon))
    matcher.run(text.substr(w.begin, w.end - w.begin), w.begin, out);
  if (used_document_date && matcher.used_document_date()) *used_document_date = true;
  return out;
}

}  // namespace mstl
