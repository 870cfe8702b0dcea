#include "temporal/prescan.hpp"

namespace mstl::temporal {
namespace {

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' || c >= 0x80;
}

bool is_space(unsigned char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v'; }

// Full-width digits U+FF10..U+FF19 are EF BC 90..99 in UTF-8.
bool has_digit(std::string_view word) {
  for (std::size_t i = 0; i < word.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    if (c >= '0' && c <= '9') return true;
    if (c == 0xEF && i + 2 < word.size() && static_cast<unsigned char>(word[i + 1]) == 0xBC &&
        static_cast<unsigned char>(word[i + 2]) >= 0x90 && static_cast<unsigned char>(word[i + 2]) <= 0x99)
      return true;
  }
  return false;
}

bool is_trigger(std::string_view word, const Lexicon& lexicon, std::string& scratch) {
  if (has_digit(word)) return true;
  scratch.assign(word);
  for (char& c : scratch)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  if (lexicon.trigger_words.count(scratch)) return true;
  // Rough words keep the apostrophe ("jum'at" is a trigger, "OpenAI's" holds "openai").
  auto apostrophe = scratch.find('\'');
  return apostrophe != std::string::npos && lexicon.trigger_words.count(scratch.substr(0, apostrophe));
}

}  // namespace

std::vector<text::Span> candidate_windows(std::string_view text, const Lexicon& lexicon) {
  std::vector<text::Span> windows;
  std::string scratch;
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    if (!is_word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < n && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
    if (!is_trigger(text.substr(start, i - start), lexicon, scratch)) continue;
    std::size_t b = start > k_left_context ? start - k_left_context : 0;
    std::size_t e = i + k_right_context < n ? i + k_right_context : n;
    while (b > 0 && !is_space(static_cast<unsigned char>(text[b - 1]))) --b;
    while (e < n && !is_space(static_cast<unsigned char>(text[e]))) ++e;
    if (!windows.empty() && b <= windows.back().end)
      windows.back().end = std::max(windows.back().end, e);
    else
      windows.push_back({b, e});
  }
  return windows;
}

}  // namespace mstl::temporal
