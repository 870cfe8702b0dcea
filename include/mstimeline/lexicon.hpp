// Lexicons: the words of dates, one JSON file per language.
//
// `data/lexicon/<code>.json` holds everything language-specific the temporal
// tagger and the renderers need: month and weekday names with their variants
// and old spellings, the cue words that make a bare number a year, list
// connectors, function words for language identification, and patterns for
// writing dates out. Adding a language is adding a file; docs/lexicon.md
// documents the format. Variants are matched case-insensitively (they are
// case-folded on load) against single word tokens.
//
//   {"language": "id", "name": "Indonesian",
//    "months": [{"name": "Januari", "variants": ["januari", "jan"]}, ... 12 entries],
//    "weekdays": [{"name": "Senin", "variants": ["senin"]}, ... 7 entries, Monday first],
//    "year_nouns": ["tahun"], "month_nouns": ["bulan"],
//    "year_cues": ["pada", "sejak"], "month_cues": [],
//    "list_connectors": ["dan", ","], "function_words": ["yang", "dan", "di"],
//    "date_formats": {"day": "{day} {month} {year}", "month": "{month} {year}", ...}}
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "mstimeline/error.hpp"
#include "mstimeline/json_doc.hpp"

namespace mstl {

struct Lexicon {
  std::string language;  // ISO 639-1 code, also the file stem
  std::string name;
  bool fallback = false;  // the language of an article with no function word of any lexicon
  std::array<std::string, 12> month_names;   // display names, January first
  std::array<std::string, 7> weekday_names;  // display names, Monday first
  std::unordered_map<std::string, int> months;    // folded variant -> 1..12
  std::unordered_map<std::string, int> weekdays;  // folded variant -> 1..7 (ISO, Monday = 1)
  std::unordered_set<std::string> year_nouns;   // "tahun 2019": a year, the noun is part of the span
  std::unordered_set<std::string> month_nouns;  // "bulan Juni": a month, the noun is part of the span
  std::unordered_set<std::string> year_cues;    // "pada 2019": a year, the cue is not part of the span
  std::unordered_set<std::string> month_cues;   // "in June": a month, the cue is not part of the span
  std::unordered_set<std::string> reference_nouns;  // "Nomor 23 Tahun 2014" numbers a law, not a date
  std::unordered_set<std::string> list_connectors;
  std::unordered_set<std::string> function_words;
  std::map<std::string, std::string> date_formats;  // precision name -> pattern

  int month_of(std::string_view folded) const;    // 0 when not a month name
  int weekday_of(std::string_view folded) const;  // 0 when not a weekday name
};

struct DateValue;

// A date written out with the lexicon's names and date_formats:
// 2023-01-25 -> "25 Januari 2023" (id) / "January 25, 2023" (en). Falls back to
// the TIMEX3 value when the lexicon has no pattern for the precision.
std::string write_date(const DateValue& date, const Lexicon& lexicon);

// Validates and loads a lexicon; `expected_language` is the file stem.
Expected<Lexicon> parse_lexicon(const JsonDoc& doc, const std::string& expected_language);

}  // namespace mstl
