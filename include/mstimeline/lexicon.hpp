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
//   auto ids = id.ids_of(tokens);
//   id.months.match(ids, i)        -> {value 3, length 1} on "Maret"
//   id.relative_days.match(ids, i) -> {value -2, length 2} on "kemarin lusa"
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "mstimeline/error.hpp"
#include "mstimeline/json_doc.hpp"
#include "mstimeline/needles.hpp"
#include "mstimeline/text.hpp"

namespace mstl {

// Calendar and clock units of durations and relative dates.
enum class Unit { day, week, month, quarter, half, year, decade, century, hour, minute, second };
std::optional<Unit> unit_from_string(std::string_view s);

// A cheap first test for "is this one of a set of words": a bit per (first
// letter, second letter, last letter, length) of the set's words, ASCII
// case-insensitive.
// No false negatives; most other words fail it without being hashed.
class WordFilter {
 public:
  void add(std::string_view word);
  bool may_contain(std::string_view word) const {
    std::size_t k = key(word);
    return (m_bits[k >> 6] >> (k & 63)) & 1;
  }

 private:
  static std::size_t slot(unsigned char c) {
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
    return c >= 'a' && c <= 'z' ? c - 'a' : 26;  // 26: anything else
  }
  static std::size_t key(std::string_view w) {
    std::size_t a = w.empty() ? 26 : slot(static_cast<unsigned char>(w[0]));
    std::size_t b = w.size() < 2 ? 26 : slot(static_cast<unsigned char>(w[1]));
    std::size_t z = w.empty() ? 26 : slot(static_cast<unsigned char>(w.back()));
    std::size_t len = w.size() < 15 ? w.size() : 15;
    return ((a * 27 + b) * 27 + z) * 16 + len;
  }
  std::array<std::uint64_t, (27 * 27 * 27 * 16 + 63) / 64> m_bits{};
};

// Every word a lexicon knows, as a small integer: tokens are looked up once,
// and phrase tables compare integers.
class Vocabulary {
 public:
  int intern(std::string_view folded_word);
  int find(std::string_view folded_word) const;  // -1 for a word no entry uses
  int find(const std::string& folded_word) const;
  const std::string& word(int id) const { return m_words[static_cast<std::size_t>(id)]; }
  std::size_t size() const { return m_words.size(); }

 private:
  std::unordered_map<std::string, int> m_ids;
  std::vector<std::string> m_words;
};

// Phrases (sequences of word ids) mapped to values.
template <class T>
class PhraseTable {
 public:
  struct Hit {
    T value;
    std::size_t length;  // in tokens
  };

  void add(std::vector<int> words, T value);
  // The longest phrase that starts at token `i` of a text whose tokens have these ids.
  std::optional<Hit> match(const std::vector<int>& ids, std::size_t i) const;
  bool contains(int word_id) const;  // a one-word phrase
  bool empty() const { return m_by_first.empty(); }
  // The ids of every word of every phrase.
  void collect_ids(std::vector<int>& out) const;
  template <class F>
  void for_each_phrase(F&& f) const {
    for (const auto& bucket : m_by_first)
      for (const auto& e : bucket) f(e.words);
  }

 private:
  struct Entry {
    std::vector<int> words;
    T value;
  };
  std::vector<std::vector<Entry>> m_by_first;  // by the first word's id; longest first
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
  Vocabulary vocabulary;  // every word of every entry, and "se" + unit forms ("sehari")

  // The vocabulary id of each token (-1: no entry uses the word).
  std::vector<int> ids_of(const std::vector<text::Token>& tokens) const;
  void ids_of(const std::vector<text::Token>& tokens, std::vector<int>& ids) const;  // reuses `ids`
  // Whether an expression can begin with this word: the first words of the
  // tables rules start from. "dan", "yang", "," only continue or close one.
  bool can_start(int id) const { return id >= 0 && starters[static_cast<std::size_t>(id)]; }
  void index_starters();       // fills `starters` once loading is done
  std::vector<bool> starters;  // by vocabulary id

  std::array<std::string, 12> month_names;   // display names, January first
  std::array<std::string, 7> weekday_names;  // display names, Monday first
  PhraseTable<int> months;                   // -> 1..12
  PhraseTable<int> weekdays;                 // -> 1..7, ISO (Monday = 1)
  PhraseSet full_names;                // folded display names of months and weekdays: never abbreviations ("June.")
  PhraseSet weekday_needs_day_noun;    // "minggu" is Sunday only as "hari Minggu" or before a date
  PhraseSet weekday_when_capitalized;  // ... or written "Minggu" inside a sentence, or before a part of the day

  PhraseSet day_nouns;        // "hari Minggu", "hari itu"
  PhraseSet date_nouns;       // "tanggal 17 November": part of the span
  PhraseSet year_nouns;       // "tahun 2019": a year, the noun is part of the span
  PhraseSet month_nouns;      // "bulan Juni": a month, the noun is part of the span
  PhraseSet year_cues;        // "pada 2019": a year, the cue is not part of the span
  PhraseSet month_cues;       // "in June"
  PhraseSet reference_nouns;  // "Nomor 23 Tahun 2014" numbers a law, not a date
  PhraseSet list_connectors;  // "2019 dan 2021", "17–20 November", "5 s.d. 7 Jan"

  PhraseTable<int> numbers;  // number words
  PhraseSet number_teens;    // "dua belas" = 2 + 10
  PhraseSet number_tens;     // "dua puluh" = 2 * 10
  PhraseSet number_hundreds;
  std::vector<std::string> one_prefixes;  // "se" + unit: "sehari" = one day
  PhraseSet vague_counts;                 // "beberapa tahun lalu"

  PhraseTable<Unit> units;
  PhraseTable<int> relative_days;   // "kemarin" -> -1
  Directions unit_directions;       // "pekan lalu", "Kamis lalu", "tahun ini"
  Directions count_directions;      // "tiga hari yang lalu", "two years ago"
  Directions narrative_directions;  // "sehari kemudian": from the previous date in the text
  bool anaphora_after = true;
  PhraseSet anaphora;  // "hari itu": the previous date in the text

  PhraseTable<std::string> modifiers;     // -> TIMEX3 mod
  PhraseSet modifier_links;               // "end of"
  PhraseTable<std::string> parts_of_day;  // -> MO, MI, AF, EV, NI
  PhraseSet time_cues;                    // "pukul 10.15"
  PhraseTable<std::string> time_zones;    // "WIB" -> "+07:00"
  PhraseTable<std::string> seasons;       // -> SP, SU, FA, WI
  PhraseSet quarter_nouns;
  PhraseSet half_nouns;
  std::vector<std::string> quarter_prefixes;  // "q" of "Q3"
  std::vector<std::string> half_prefixes;     // "h" of "H2"
  PhraseTable<int> ordinals;
  std::vector<std::string> ordinal_suffixes;     // "st" of "23rd"... "rd"
  std::vector<std::string> decade_suffixes;      // "an" of "1990-an", "s" of "1990s"
  PhraseTable<std::string> references;           // -> PRESENT_REF, PAST_REF, FUTURE_REF
  PhraseTable<std::string> vague_durations;      // "bertahun-tahun" -> PXY
  PhraseSet set_words;                           // "setiap minggu"
  PhraseTable<std::string> set_adverbs;          // "daily" -> P1D: a SET by itself
  PhraseSet determiners;                         // "the third quarter", "the past two months": part of the span
  PhraseSet year_determiners;                    // "a 2019 merger", "its 1990 invasion": a year between one and a word
  PhraseTable<std::string> meridiems;            // "p.m." -> PM: after an hour ("10 p.m.", "5pm")
  PhraseTable<std::string> clock_words;          // "noon" -> 12:00, "midnight" -> 24:00: a time of day
  std::vector<std::string> possessive_suffixes;  // "'s" of "Monday's": read as "Monday", left out of the span
  PhraseSet age_words;                           // "old" of "6-year-old": a hyphenated duration joined to one is an age
  int partial_date_reach_days = 0;   // a day and month without a year up to this many days ahead is read forward
  bool numeric_month_first = false;  // "11/02/89" is November 2 (US English), not 11 February
  PhraseSet duration_cues;           // "selama dua minggu"
  PhraseSet duration_terminals;      // "tiga tahun terakhir"
  PhraseSet future_cues;             // "akan", "dijadwalkan": bare months and days look forward
  PhraseSet past_cues;               // "sudah", "telah": nearer than a future cue, they keep looking back
  PhraseSet function_words;
  PhraseSet limit_cues;   // "berlaku hingga 2030": a deadline or a bound, not an event
  PhraseSet report_cues;  // "dikutip dari ..., Rabu (25/1/2023)": the date of a report, not of an event
  // What a date in a sentence is (docs/events.md, "The role of each date").
  PhraseSet statement_cues;        // "kata Sudirman, Selasa (2/12/2014)": the day something was said
  PhraseSet reported_clause_cues;  // "bahwa", "that": a date after one is in what was said, not when
  PhraseSet comparison_cues;       // "terendah sejak Juli 2009": a point of comparison, not an event
  PhraseSet reference_cues;  // "untuk pengiriman Januari", "pekan yang berakhir 14 November": a date that names a thing
  PhraseSet restatement_cues;  // "(Rabu pagi WIB)" after "Selasa (25/11/2014) waktu setempat": the same instant again
  PhraseSet condition_cues;    // "jika", "if": a hypothetical
  PhraseSet negation_cues;     // "tidak", "not": a negated trigger links no catalog event
  PhraseSet back_references;   // "itu", "tersebut", "the announcement": a sentence about the one before
  // Whether a clause reports an event: a verb by its shape (affixes), or a stem of event_words.
  std::vector<std::string> event_words;    // stems of verbs and nouns that report an event ("umumkan", "invest")
  std::vector<std::string> verb_prefixes;  // "me", "di", "ber": a word so made is a verb ...
  std::vector<std::string> verb_suffixes;  // "kan", "ed": ... and so is one so ended,
  std::size_t verb_min_stem = 3;           // ... when this many letters stay besides the affix,
  PhraseSet non_event_verbs;               // ... unless it reports, links or states ("mengatakan", "merupakan")
  std::vector<std::string> date_links;     // "pada", "sejak", "on": a new event's title drops them with the date
  NeedleSet event_word_set;                // the same, to see in one pass which a sentence holds
  std::vector<std::string> abbreviations;  // "Dr.", "PT.": no sentence ends after them
  std::map<std::string, std::string> date_formats;  // precision name -> pattern

  // Words whose presence makes a stretch of text worth tagging (pre-scan).
  std::unordered_set<std::string> trigger_words;
  WordFilter trigger_filter;     // over trigger_words
  WordFilter vocabulary_filter;  // over the vocabulary: most tokens need no lookup

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
