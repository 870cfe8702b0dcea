// The linker's limits and reaches (src/events/linker.cpp, docs/events.md):
// the numbers that decide which dates of a sentence are events. In a header
// so that tests/unit/test_linker.cpp can build inputs at their boundaries.
#pragma once

#include <cstddef>

namespace mstl::linker {

// Language identification looks at the start of an article: enough words to
// decide, a bounded cost for long files.
constexpr std::size_t k_language_sample = 8192;
// The reaches below are the bytes that may lie between the end of a cue and
// the date it governs: a long cue reaches as far as a short one.
// A report cue dates the report when a date follows it within this many bytes.
constexpr std::size_t k_report_reach = 64;
// A limit cue bounds a date right after it ("berlaku hingga tahun 2030").
constexpr std::size_t k_limit_reach = 16;
// A text date this many days or fewer from its catalog event's contradicts
// it (a conflict); farther, it dates another action (a new event).
constexpr long k_conflict_days = 31;
// A sentence refers back to the one before when it opens with a back reference within this many words.
constexpr std::size_t k_back_reference_words = 3;
// A sentence with no trigger reports a catalog event when it shares this many
// of the event's content words and holds a date inside the event's.
constexpr std::size_t k_evidence_words = 2;
// A condition or negation cue this many words before a verb frames it as a
// hypothetical or a denial ("mungkin meningkat", "tidak berubah").
constexpr std::size_t k_frame_words = 2;
// A negation cue this many words before a catalog trigger denies it.
constexpr std::size_t k_negation_words = 4;
// A dateline stands in one of the first this many content lines: after a
// title, a byline or both.
constexpr std::size_t k_dateline_lines = 3;
// A comparison cue makes a date after it a point of comparison ("terendah
// sejak akhir Juli 2009", "dibanding penutupan Senin").
constexpr std::size_t k_comparison_reach = 24;
// A future cue makes a date this close after it a plan ("akan bertemu di Wina
// pada 27 November"), not one farther on in another clause.
constexpr std::size_t k_future_reach = 64;
// A condition cue makes a date this close after it a hypothetical ("jika
// harga turun ke 40 dollar pada 2015").
constexpr std::size_t k_condition_reach = 48;
// A reference cue makes a date right after it name a thing ("pengiriman
// Januari", "pekan yang berakhir 14 November").
constexpr std::size_t k_reference_reach = 24;
// A date in parentheses opened this close after another date restates it
// ("Selasa (25/11/2014) waktu setempat (Rabu pagi WIB)").
constexpr std::size_t k_restatement_reach = 40;
// Bounds of a sentence that can report events: past them it is a list, a
// table or text without sentence ends, reported to review as "list". They
// keep the work and the quotes of one sentence linear in its length.
constexpr std::size_t k_max_dates_per_sentence = 16;
constexpr std::size_t k_max_sentence_bytes = 16384;
// Each date quotes its whole sentence: past this many times the text's bytes
// (plus one largest sentence) in quotes, a text's further dated sentences are
// lists too, so its citations stay linear in its length with a small factor
// however its dates fall (sentences of 16 dates just under 16 KiB each).
constexpr std::size_t k_quote_factor = 4;

}  // namespace mstl::linker
