#include "mstimeline/tagger.hpp"

#include <charconv>

#include <fmt/format.h>

namespace mstl {
namespace {

using text::Token;
using text::TokenKind;

struct Number {
  int value = 0;
  std::size_t digits = 0;
};

// Years the tagger accepts: wide enough for history, narrow enough to keep
// counts ("3000 karyawan") out.
constexpr int k_min_year = 1000;
constexpr int k_max_year = 2999;

bool is_year(const Number& n) { return n.digits == 4 && n.value >= k_min_year && n.value <= k_max_year; }
bool is_day(const Number& n) { return n.digits <= 2 && n.value >= 1 && n.value <= 31; }
bool is_month_number(const Number& n) { return n.digits <= 2 && n.value >= 1 && n.value <= 12; }

std::optional<Number> parse_digits(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  Number n;
  auto r = std::from_chars(s.data(), s.data() + s.size(), n.value);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  n.digits = s.size();
  return n;
}

// The state of one tag() call: the text, its tokens and the output.
class Matcher {
 public:
  Matcher(std::string_view text, const std::vector<Token>& tokens, const Lexicon& lexicon, const TagContext& context)
      : m_text(text), m_tokens(tokens), m_lexicon(lexicon), m_context(context) {}

  std::vector<Timex> run() {
    for (std::size_t i = 0; i < m_tokens.size();) i = match_at(i);
    return std::move(m_out);
  }

 private:
  // Tries each rule at token i; returns the index of the next token to look at.
  std::size_t match_at(std::size_t i) {
    for (auto rule : {&Matcher::numeric_date, &Matcher::day_month_year, &Matcher::month_day_year,
                      &Matcher::month_year, &Matcher::cued_year, &Matcher::named_month}) {
      if (std::size_t next = (this->*rule)(i)) return next;
    }
    return i + 1;
  }

  // --- token helpers -------------------------------------------------------

  bool exists(std::size_t i) const { return i < m_tokens.size(); }
  std::string_view raw(std::size_t i) const { return m_text.substr(m_tokens[i].begin, m_tokens[i].end - m_tokens[i].begin); }
  bool adjacent(std::size_t i) const { return exists(i + 1) && m_tokens[i].end == m_tokens[i + 1].begin; }
  bool is_punct(std::size_t i, std::string_view p) const {
    return exists(i) && m_tokens[i].kind == TokenKind::punct && raw(i) == p;
  }
  bool in(std::size_t i, const std::unordered_set<std::string>& words) const {
    return exists(i) && words.count(m_tokens[i].folded) > 0;
  }

  std::optional<Number> number(std::size_t i) const {
    if (!exists(i) || m_tokens[i].kind != TokenKind::number) return std::nullopt;
    return parse_digits(raw(i));
  }

  // Month name at i, with an optional adjacent full stop after an abbreviation
  // ("Jan."); returns the month and the index after it.
  std::optional<std::pair<int, std::size_t>> month(std::size_t i) const {
    if (!exists(i) || m_tokens[i].kind != TokenKind::word) return std::nullopt;
    int m = m_lexicon.month_of(m_tokens[i].folded);
    if (m == 0) return std::nullopt;
    std::size_t next = (adjacent(i) && is_punct(i + 1, ".")) ? i + 2 : i + 1;
    return std::pair{m, next};
  }

  bool is_weekday(std::size_t i) const {
    return exists(i) && m_tokens[i].kind == TokenKind::word && m_lexicon.weekday_of(m_tokens[i].folded) != 0;
  }

  // Widens a day's span to a weekday before it: "Rabu (25/1/2023)", "Selasa, 23 Jul 2019".
  std::size_t with_weekday(std::size_t first) const {
    if (first >= 1 && is_punct(first - 1, "(") && first >= 2 && is_weekday(first - 2)) return first - 2;
    if (first >= 2 && is_punct(first - 1, ",") && is_weekday(first - 2)) return first - 2;
    if (first >= 1 && is_weekday(first - 1)) return first - 1;
    return first;
  }

  void emit(std::size_t first, std::size_t last_excl, const std::optional<DateValue>& value,
            std::string anchor = {}) {
    emit_value(first, last_excl, value->value, std::move(anchor));
  }

  void emit_value(std::size_t first, std::size_t last_excl, std::string value, std::string anchor = {}) {
    Timex t;
    t.begin = m_tokens[first].begin;
    t.end = m_tokens[last_excl - 1].end;
    t.value = std::move(value);
    t.anchor = std::move(anchor);
    m_out.push_back(std::move(t));
  }

  // --- rules: each returns the index after its match, or 0 -----------------

  // "25/1/2023", "25-1-2023", "(25/1/2023)" after a weekday; day first always.
  std::size_t numeric_date(std::size_t i) {
    if (auto dotted = dotted_date(i)) return dotted;
    auto d = number(i);
    if (!d || !is_day(*d) || !adjacent(i) || !adjacent(i + 1) || !adjacent(i + 2) || !adjacent(i + 3)) return 0;
    std::string_view sep = raw(i + 1);
    if ((sep != "/" && sep != "-") || !is_punct(i + 3, sep)) return 0;
    auto m = number(i + 2);
    auto y = number(i + 4);
    if (!m || !is_month_number(*m) || !y || !is_year(*y)) return 0;
    auto value = make_day(y->value, m->value, d->value);
    if (!value) return 0;
    std::size_t first = i, last = i + 5;
    if (i >= 1 && is_punct(i - 1, "(") && is_punct(last, ")")) {
      std::size_t widened = with_weekday(i - 1);
      if (widened != i - 1) first = widened, last = last + 1;
    }
    emit(first, last, value);
    return last;
  }

  // "13.05.2024": ICU keeps digits joined by '.' as one number token.
  std::size_t dotted_date(std::size_t i) {
    if (!exists(i) || m_tokens[i].kind != TokenKind::number) return 0;
    std::string_view s = raw(i);
    auto a = s.find('.');
    auto b = a == std::string_view::npos ? a : s.find('.', a + 1);
    if (b == std::string_view::npos || s.find('.', b + 1) != std::string_view::npos) return 0;
    auto d = parse_digits(s.substr(0, a));
    auto m = parse_digits(s.substr(a + 1, b - a - 1));
    auto y = parse_digits(s.substr(b + 1));
    if (!d || !m || !y || !is_day(*d) || !is_month_number(*m) || !is_year(*y)) return 0;
    auto value = make_day(y->value, m->value, d->value);
    if (!value) return 0;
    emit(with_weekday(i), i + 1, value);
    return i + 1;
  }

  // "10 Maret 2023", "Selasa, 23 Jul 2019"
  std::size_t day_month_year(std::size_t i) {
    auto d = number(i);
    if (!d || !is_day(*d)) return 0;
    auto m = month(i + 1);
    if (!m) return 0;
    auto y = number(m->second);
    if (!y || !is_year(*y)) return 0;
    auto value = make_day(y->value, m->first, d->value);
    if (!value) return 0;
    emit(with_weekday(i), m->second + 1, value);
    return m->second + 1;
  }

  // "January 23, 2023", "Jan. 23 2023"
  std::size_t month_day_year(std::size_t i) {
    auto m = month(i);
    if (!m) return 0;
    auto d = number(m->second);
    if (!d || !is_day(*d)) return 0;
    std::size_t at = m->second + 1;
    if (is_punct(at, ",")) ++at;
    auto y = number(at);
    if (!y || !is_year(*y)) return 0;
    auto value = make_day(y->value, m->first, d->value);
    if (!value) return 0;
    emit(with_weekday(i), at + 1, value);
    return at + 1;
  }

  // "Juni 2022", "Jan. 2023"
  std::size_t month_year(std::size_t i) {
    auto m = month(i);
    if (!m) return 0;
    auto y = number(m->second);
    if (!y || !is_year(*y)) return 0;
    emit(i, m->second + 1, make_month(y->value, m->first));
    return m->second + 1;
  }

  // "tahun 2019", "pada 2017", and the years listed after: "tahun 2019 dan 2021".
  std::size_t cued_year(std::size_t i) {
    bool noun = in(i, m_lexicon.year_nouns);
    if (!noun && !in(i, m_lexicon.year_cues)) return 0;
    if (noun && numbers_a_reference(i)) return 0;
    auto y = number(i + 1);
    if (!y || !is_year(*y)) return 0;
    emit(noun ? i : i + 1, i + 2, make_year(y->value));
    std::size_t at = i + 2;
    while (in(at, m_lexicon.list_connectors)) {
      auto next = number(at + 1);
      if (!next || !is_year(*next) || month(at + 2)) break;
      emit(at + 1, at + 2, make_year(next->value));
      at += 2;
    }
    return at;
  }

  // "UU Nomor 23 Tahun 2014": the year noun dates a numbered document, the
  // number is part of an identifier, and the whole is no event's date.
  bool numbers_a_reference(std::size_t year_noun) const {
    return year_noun >= 2 && number(year_noun - 1) && in(year_noun - 2, m_lexicon.reference_nouns);
  }

  // "bulan Juni" without a year: resolved against the document date.
  std::size_t named_month(std::size_t i) {
    bool noun = in(i, m_lexicon.month_nouns);
    if (!noun && !in(i, m_lexicon.month_cues)) return 0;
    auto m = month(i + 1);
    if (!m || number(m->second)) return 0;
    std::size_t first = noun ? i : i + 1;
    const auto& dct = m_context.document_date;
    if (!dct) {
      emit_value(first, m->second, fmt::format("XXXX-{:02}", m->first));
      return m->second;
    }
    // The latest such month that does not start after the document date.
    auto ymd = std::chrono::year_month_day(dct->period.start);
    int year = static_cast<int>(ymd.year());
    if (m->first > static_cast<int>(static_cast<unsigned>(ymd.month()))) --year;
    emit(first, m->second, make_month(year, m->first), dct->value);
    return m->second;
  }

  std::string_view m_text;
  const std::vector<Token>& m_tokens;
  const Lexicon& m_lexicon;
  const TagContext& m_context;
  std::vector<Timex> m_out;
};

}  // namespace

std::string_view to_string(TimexType t) {
  switch (t) {
    case TimexType::date: return "DATE";
    case TimexType::time: return "TIME";
    case TimexType::duration: return "DURATION";
    case TimexType::set: return "SET";
  }
  return "DATE";
}

std::vector<Timex> Tagger::tag(std::string_view text, const TagContext& context) const {
  return tag(text, text::tokenize(text), context);
}

std::vector<Timex> Tagger::tag(std::string_view text, const std::vector<text::Token>& tokens,
                               const TagContext& context) const {
  return Matcher(text, tokens, m_lexicon, context).run();
}

}  // namespace mstl
