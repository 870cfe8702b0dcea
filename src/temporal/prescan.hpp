// The pre-scan: which stretches of a text can hold a date expression.
//
// Tokenizing a whole article with ICU costs more than tagging it, and most of
// an article has no date in it. The pre-scan reads the bytes once, splits them
// into rough words (ASCII letters and digits, '\'', and any non-ASCII byte),
// and marks every word that can start or hold a date: a number that can be a
// date by itself (see number_opens_window), a word with letters and digits
// ("Q3", "23rd") or full-width digits, or a word (or hyphenated compound) the
// lexicon lists as a trigger (month and weekday names, units, relative days,
// clock cues, time zones, ...). Each mark opens a window of about k_left_context bytes before and
// k_right_context bytes after it, widened to white space so no word or UTF-8
// sequence is cut; overlapping windows merge. Only windows are tokenized.
// Triggers are one distinctive word per lexicon phrase (lexicon.cpp), never a
// function word, so that "ini" or "dalam" open no window by themselves.
//
// The windows are a superset of what the rules can match, as long as every
// expression holds a trigger and spans less than the context on either side:
// the longest expressions ("antara Januari dan Maret 2023", "tiga tahun yang
// lalu") hold a trigger every few words. Context before an expression that
// rules look at (a future cue such as "akan") is seen only within the window.
#pragma once

#include <string_view>
#include <vector>

#include "mstimeline/lexicon.hpp"
#include "mstimeline/text.hpp"

namespace mstl::temporal {

inline constexpr std::size_t k_max_widen = 64;  // widening to white space stops here (long runs without spaces)
inline constexpr std::size_t k_left_context = 32;
inline constexpr std::size_t k_right_context = 48;

std::vector<text::Span> candidate_windows(std::string_view text, const Lexicon& lexicon);

}  // namespace mstl::temporal
