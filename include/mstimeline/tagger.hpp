// The temporal tagger: finds date expressions and normalizes them to TIMEX3.
//
// It runs over ICU word tokens (text.hpp) with one lexicon's words, so the
// rules are language-neutral and every name is data. Rules, longest first at
// each token:
//
//   day-first numeric  "Rabu (25/1/2023)", "25-1-2023", "13.05.2024" -> 2023-01-25 (day)
//   day month year     "10 Maret 2023", "Selasa, 23 Jul 2019"         -> 2023-03-10 (day)
//   month day, year    "January 23, 2023"                             -> 2023-01-23 (day)
//   month year         "Juni 2022", "Jan. 2023"                       -> 2022-06 (month)
//   noun or cue + year "tahun 2019", "pada 2017", "in 2019"           -> 2019 (year)
//     and the years listed after it: "tahun 2019 dan 2021"            -> 2019, 2021
//     but not a numbered reference: "UU Nomor 23 Tahun 2014"           -> nothing
//   month noun + month "bulan Juni" (no year): the latest June not after the
//     document date, or XXXX-06 when there is none               -> 2024-06 / XXXX-06
//
// Numeric dates are always read day first, as Indonesian writes them. A bare
// number is never a year without a noun or cue, so money, counts and versions
// ("USD 10 miliar", "10 ribu", "GPT-4") stay untagged. Spans are byte offsets
// into the text given to tag().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/lexicon.hpp"
#include "mstimeline/text.hpp"
#include "mstimeline/timex.hpp"

namespace mstl {

enum class TimexType { date, time, duration, set };
std::string_view to_string(TimexType t);

struct Timex {
  std::size_t begin = 0;
  std::size_t end = 0;  // exclusive
  TimexType type = TimexType::date;
  std::string value;    // TIMEX3 value, e.g. "2023-01-25", "XXXX-06"
  std::string mod;      // TIMEX3 mod (START, MID, END, ...) or empty
  std::string anchor;   // the date a relative value was resolved against, or empty
};

struct TagContext {
  std::optional<DateValue> document_date;  // day precision; anchors relative expressions
};

class Tagger {
 public:
  explicit Tagger(const Lexicon& lexicon) : m_lexicon(lexicon) {}

  std::vector<Timex> tag(std::string_view text, const TagContext& context = {}) const;
  // The same over tokens already made from `text`.
  std::vector<Timex> tag(std::string_view text, const std::vector<text::Token>& tokens,
                         const TagContext& context) const;

 private:
  const Lexicon& m_lexicon;
};

}  // namespace mstl
