// The temporal tagger: finds temporal expressions and normalizes them to TIMEX3.
//
// It runs ICU word tokens through language-neutral rules whose every word
// comes from one lexicon (lexicon.hpp, docs/lexicon.md). A byte-level
// pre-scan first picks the stretches of text that hold a digit or a trigger
// word, and only those are tokenized, so tagging costs less than segmenting
// the whole text. docs/temporal.md lists every rule with examples; in short:
//
//   absolute     "Rabu (25/1/2023)" 2023-01-25, "10 Maret 2023", "Juni 2022" 2022-06,
//                "tahun 2019 dan 2021" 2019 + 2021, "kuartal pertama 2024" 2024-Q1,
//                "semester II 2023" 2023-H2, "tahun 1990-an" 199, "musim dingin 2014" 2014-WI
//   with a time  "Selasa, 23 Jul 2019 10:15 WIB" 2019-07-23T10:15, "Senin pagi" ...TMO
//   relative     "kemarin", "pekan lalu", "Kamis lalu", "3 hari yang lalu", "bulan Juni",
//                "awal bulan ini" (mod START): resolved against the document date
//   narrative    "sehari kemudian", "tahun sebelumnya", "hari itu": against the
//                previous date in the text
//   durations    "tiga tahun terakhir" P3Y, "selama dua minggu" P2W
//   sets         "setiap minggu" P1W, "setiap Senin" XXXX-WXX-1
//   references   "sekarang" PRESENT_REF, "dulu" PAST_REF
//
// Numeric dates are read day first, always. A bare number is never a date:
// money, counts, decimals, versions and law numbers stay untagged. Without a
// document date, relative expressions keep unknown parts ("XXXX-06",
// "XXXX-XX-XX"); nothing is ever taken from the clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/lexicon.hpp"
#include "mstimeline/timex.hpp"

namespace mstl {

enum class TimexType { date, time, duration, set };
std::string_view to_string(TimexType t);

struct Timex {
  std::size_t begin = 0;
  std::size_t end = 0;  // exclusive; byte offsets into the tagged text
  TimexType type = TimexType::date;
  std::string value;   // TIMEX3 value: "2023-01-25", "2023-W04", "XXXX-06", "P3Y", "PRESENT_REF", ...
  std::string mod;     // TIMEX3 mod (START, MID, END, APPROX) or empty
  std::string anchor;  // the value a relative expression was resolved against, or empty
};

struct TagContext {
  std::optional<DateValue> document_date;  // day precision; anchors relative expressions
};

class Tagger {
 public:
  explicit Tagger(const Lexicon& lexicon) : m_lexicon(lexicon) {}

  // Expressions in text order; they never overlap. `used_document_date`,
  // when given, is set to true if any result depended on the context's
  // document date or on its absence: otherwise tagging with another document
  // date gives the same expressions.
  std::vector<Timex> tag(std::string_view text, const TagContext& context = {},
                         bool* used_document_date = nullptr) const;

 private:
  const Lexicon& m_lexicon;
};

}  // namespace mstl
