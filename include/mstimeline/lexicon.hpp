// Lexicons: the words of dates, one JSON file per language.
//
// `data/lexicon/<code>.json` holds everything language-specific the temporal
// tagger and the renderers need: month and weekday names with their variants
// and old spellings, number words, units, direction words ("lalu", "depan",
// "ago"), modifiers ("awal", "akhir"), parts of day, seasons, cue words, list
// connectors, function words for language identification, and patterns for
// writing dates out. Adding a language is adding a file; docs/lexicon.md
// documents every key.
//
// Entries are phrases: each is split into word tokens by the same ICU
// tokenizer the tagger uses and case-folded, so "kemarin lusa", "s.d." or
// "the end of" match the same token sequences in text. Lookups take the
// tokens of a text and a position and return the longest phrase there.
//
//   const Lexicon& id = knowledge.lexicon("id");
//   id.months.match(tokens, i)      -> {value 3, length 1} on "Maret"
//   id.relative_days.match(tokens, i) -> {value -2, length 2} on "kemarin lusa"
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "mstimeline/error.hpp"
#include "mstimeline/json_doc.hpp"
#include "mstimeline/text.hpp"

namespace mstl {

// Calendar and clock units of durations and relative dates.
enum class Unit { day, week, month, quarter, half, year, decade, century, hour, minute, second };
std::optional<Unit> unit_from_string(std::string_view s);

// Phrases (sequences of folded word tokens) mapped to values.
template <class T>
class PhraseTable {
 public:
  struct Hit {
    T value;
    std::size_t length;  // in tokens
  };

  void add(std::vector<std::string> words, T value);
  // The longest phrase that starts at token `i`.
  std::optional<Hit> match(const std::vector<text::Token>& tokens, std::size_t i) const;
  bool contains(std::string_view folded_word) const;  // a one-word phrase
  bool empty() const { return m_by_first.empty(); }
  // Every word of every phrase, for the pre-scan.
  void collect_words(std::unordered_set<std::string>& out) const;

 private:
  struct Entry {
    std::vector<std::string> words;
    T value;
  };
  std::unordered_map<std::string, std::vector<Entry>> m_by_first;  // longest first
};

using PhraseSet = PhraseTable<int>;

// Direction words and where they stand relative to what they modify:
// Indonesian "pekan lalu" (after), English "last week" (before).
struct Directions {
  bool after = true;
  PhraseTable<int> words;  // -1 past, 0 current, +1 future
};

struct Lexicon {
  std::string language;  // ISO 639-1 code, also the file stem
  std::string name;
  bool fallback = false;  // the language of an article with no function word of any lexicon

  std::array<std::string, 12> month_names;   // display names, January first
  std::array<std::string, 7> weekday_names;  // display names, Monday first
  PhraseTable<int> months;                   // -> 1..12
  PhraseTable<int> weekdays;                 // -> 1..7, ISO (Monday = 1)
  PhraseSet full_names;  // folded display names of months and weekdays: never abbreviations ("June.")
  PhraseSet weekday_needs_day_noun;  // "minggu" is Sunday only as "hari Minggu" or before a date

  PhraseSet day_nouns;    // "hari Minggu", "hari itu"
  PhraseSet date_nouns;   // "tanggal 17 November": part of the span
  PhraseSet year_nouns;   // "tahun 2019": a year, the noun is part of the span
  PhraseSet month_nouns;  // "bulan Juni": a month, the noun is part of the span
  PhraseSet year_cues;    // "pada 2019": a year, the cue is not part of the span
  PhraseSet month_cues;   // "in June"
  PhraseSet reference_nouns;  // "Nomor 23 Tahun 2014" numbers a law, not a date
  PhraseSet list_connectors;  // "2019 dan 2021", "17–20 November", "5 s.d. 7 Jan"

  PhraseTable<int> numbers;  // number words
  PhraseSet number_teens;    // "dua belas" = 2 + 10
  PhraseSet number_tens;     // "dua puluh" = 2 * 10
  PhraseSet number_hundreds;
  std::vector<std::string> one_prefixes;  // "se" + unit: "sehari" = one day
  PhraseSet vague_counts;                 // "beberapa tahun lalu"

  PhraseTable<Unit> units;
  PhraseTable<int> relative_days;  // "kemarin" -> -1
  Directions unit_directions;      // "pekan lalu", "Kamis lalu", "tahun ini"
  Directions count_directions;     // "tiga hari yang lalu", "two years ago"
  Directions narrative_directions; // "sehari kemudian": from the previous date in the text
  bool anaphora_after = true;
  PhraseSet anaphora;              // "hari itu": the previous date in the text

  PhraseTable<std::string> modifiers;  // -> TIMEX3 mod
  PhraseSet modifier_links;            // "end of"
  PhraseTable<std::string> parts_of_day;  // -> MO, MI, AF, EV, NI
  PhraseSet time_cues;                    // "pukul 10.15"
  PhraseTable<std::string> time_zones;    // "WIB" -> "+07:00"
  PhraseTable<std::string> seasons;       // -> SP, SU, FA, WI
  PhraseSet quarter_nouns;
  PhraseSet half_nouns;
  std::vector<std::string> quarter_prefixes;  // "q" of "Q3"
  std::vector<std::string> half_prefixes;     // "h" of "H2"
  PhraseTable<int> ordinals;
  std::vector<std::string> ordinal_suffixes;  // "st" of "23rd"... "rd"
  std::vector<std::string> decade_suffixes;   // "an" of "1990-an", "s" of "1990s"
  PhraseTable<std::string> references;        // -> PRESENT_REF, PAST_REF, FUTURE_REF
  PhraseTable<std::string> vague_durations;   // "bertahun-tahun" -> PXY
  PhraseSet set_words;           // "setiap minggu"
  PhraseSet duration_cues;       // "selama dua minggu"
  PhraseSet duration_terminals;  // "tiga tahun terakhir"
  PhraseSet future_cues;         // "akan", "dijadwalkan": bare months and days look forward
  PhraseSet past_cues;           // "sudah", "telah": nearer than a future cue, they keep looking back
  PhraseSet function_words;
  std::vector<std::string> abbreviations;  // "Dr.", "PT.": no sentence ends after them
  std::map<std::string, std::string> date_formats;  // precision name -> pattern

  // Words whose presence makes a stretch of text worth tagging (pre-scan).
  std::unordered_set<std::string> trigger_words;

  int month_of(std::string_view folded) const;    // 0 when not a one-word month name
  int weekday_of(std::string_view folded) const;  // 0 when not a one-word weekday name
};

struct DateValue;

// A date written out with the lexicon's names and date_formats:
// 2023-01-25 -> "25 Januari 2023" (id) / "January 25, 2023" (en). Falls back to
// the TIMEX3 value when the lexicon has no pattern for the precision.
std::string write_date(const DateValue& date, const Lexicon& lexicon);

// Validates and loads a lexicon; `expected_language` is the file stem.
Expected<Lexicon> parse_lexicon(const JsonDoc& doc, const std::string& expected_language);

}  // namespace mstl
