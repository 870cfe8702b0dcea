#include "temporal/prescan.hpp"

#include <array>

namespace mstl::temporal {
namespace {

// Byte classes, from a table: one load per byte in the hot loop.
enum : unsigned char { k_other = 0, k_word = 1, k_digit = 2, k_space = 4 };

constexpr std::array<unsigned char, 256> make_classes() {
  std::array<unsigned char, 256> c{};
  for (int b = 0; b < 256; ++b) {
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '\'' || b >= 0x80) c[b] = k_word;
    if (b >= '0' && b <= '9') c[b] = k_word | k_digit;
    if (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == '\v') c[b] = k_space;
  }
  return c;
}
constexpr std::array<unsigned char, 256> k_classes = make_classes();

unsigned char class_of(char c) { return k_classes[static_cast<unsigned char>(c)]; }

// Full-width digits U+FF10..U+FF19 are EF BC 90..99 in UTF-8.
bool has_full_width_digit(std::string_view word) {
  for (std::size_t i = 0; i + 2 < word.size(); ++i)
    if (static_cast<unsigned char>(word[i]) == 0xEF && static_cast<unsigned char>(word[i + 1]) == 0xBC &&
        static_cast<unsigned char>(word[i + 2]) >= 0x90 && static_cast<unsigned char>(word[i + 2]) <= 0x99)
      return true;
  return false;
}

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// A word made of ASCII digits only opens a window by itself when it can be a
// date without any word of the lexicon: a year-sized number, or a number
// joined to the next one the way dates and times are ("25/1", "17-11-2023",
// "10.15", "13.05.2024", "10:15", "1990-an"), or a member of a list ("1, 2,
// 3, ... 12 Maret", longer than a window's context). Other numbers ("10
// ribu", "2,5", "(45)", "2.000") can only be part of a date through a lexicon
// word ("10 Maret", "3 hari"), and that word's own window covers them.
bool number_opens_window(std::string_view text, std::size_t start, std::size_t end) {
  if (end - start == 4) return true;
  if (end + 1 >= text.size()) return false;
  unsigned char next = static_cast<unsigned char>(text[end]);
  unsigned char after = static_cast<unsigned char>(text[end + 1]);
  if (next == '/' || next == '-' || next == ':') return class_of(static_cast<char>(after)) & k_word;
  if (next == ',') return after == ' ';
  if (next != '.' || !is_digit(after)) return false;
  std::size_t run = end + 1;  // "2.000" and "1.250.000" group thousands
  while (run < text.size() && is_digit(static_cast<unsigned char>(text[run]))) ++run;
  return run - (end + 1) != 3;
}

bool is_trigger_word(std::string_view word, bool ascii_digit, bool non_ascii, const Lexicon& lexicon,
                     std::string& scratch) {
  if (ascii_digit || (non_ascii && has_full_width_digit(word))) return true;
  // Rough words keep the apostrophe ("jum'at" is a trigger, "Monday's" holds "monday").
  auto apostrophe = word.find('\'');
  bool whole = lexicon.trigger_filter.may_contain(word);
  bool stem = apostrophe != std::string_view::npos && lexicon.trigger_filter.may_contain(word.substr(0, apostrophe));
  if (!whole && !stem) return false;
  scratch.assign(word);
  for (char& c : scratch)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  if (whole && lexicon.trigger_words.count(scratch)) return true;
  return stem && lexicon.trigger_words.count(scratch.substr(0, apostrophe));
}

}  // namespace

std::vector<text::Span> candidate_windows(std::string_view text, const Lexicon& lexicon) {
  std::vector<text::Span> windows;
  std::string scratch;
  const std::size_t n = text.size();
  std::size_t compound = n, previous_end = n;  // a hyphenated compound ("baru-baru") and the word before
  for (std::size_t i = 0; i < n;) {
    if (!(class_of(text[i]) & k_word)) {
      ++i;
      continue;
    }
    std::size_t start = i;
    if (!(previous_end + 1 == start && text[previous_end] == '-')) compound = start;
    bool digit = false, non_ascii = false, all_digits = true;
    for (; i < n; ++i) {
      unsigned char c = class_of(text[i]);
      if (!(c & k_word)) break;
      digit |= (c & k_digit) != 0;
      all_digits &= (c & k_digit) != 0;
      non_ascii |= static_cast<unsigned char>(text[i]) >= 0x80;
    }
    previous_end = i;
    if (all_digits ? !number_opens_window(text, start, i)
                   : !is_trigger_word(text.substr(start, i - start), digit, non_ascii, lexicon, scratch) &&
                         (compound == start ||
                          !is_trigger_word(text.substr(compound, i - compound), digit, non_ascii, lexicon, scratch)))
      continue;
    start = std::min(start, compound);
    std::size_t b = start > k_left_context ? start - k_left_context : 0;
    std::size_t e = i + k_right_context < n ? i + k_right_context : n;
    // Widen to white space, but never past the previous window nor by more than
    // k_max_widen: a long run without spaces must not make this quadratic.
    std::size_t left_limit = b > k_max_widen ? b - k_max_widen : 0;
    if (!windows.empty()) left_limit = std::max(left_limit, std::min(windows.back().end, b));
    while (b > left_limit && !(class_of(text[b - 1]) & k_space)) --b;
    while (b > 0 && b < n && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) --b;  // whole characters
    std::size_t right_limit = std::min(n, e + k_max_widen);
    while (e < right_limit && !(class_of(text[e]) & k_space)) ++e;
    while (e < n && (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80) ++e;
    if (!windows.empty() && b <= windows.back().end)
      windows.back().end = std::max(windows.back().end, e);
    else
      windows.push_back({b, e});
  }
  return windows;
}

}  // namespace mstl::temporal
