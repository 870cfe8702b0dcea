// Where a dateline ends: "NEW YORK, KOMPAS.com - Harga minyak ..." opens with
// a place and a site before a separator. The linker dates an article by the
// date before it; a new event's title leaves it out.
//
//   dateline_separator("JAKARTA, KOMPAS.com - Harga ...") == 19  (the " - ")
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace mstl {

// A dateline's separator stands within this many bytes of its line's start.
inline constexpr std::size_t k_dateline_max = 100;

// Whether the head before a separator reads as a dateline: a few words (at
// most k_dateline_words) with a place's comma or a site's dot ("NEW YORK,
// KOMPAS.com", "Lingkup.id", not "Rp 6.500") or in capitals ("JAKARTA").
// A sentence that happens to hold " - " is not one.
inline constexpr std::size_t k_dateline_words = 6;
inline bool marked_dateline_head(std::string_view head) {
  bool dotted = false;
  for (std::size_t k = 0; k + 1 < head.size() && !dotted; ++k)
    dotted = head[k] == '.' && head[k + 1] >= 'a' && head[k + 1] <= 'z';
  bool marked = dotted || head.find(',') != std::string_view::npos ||
                std::none_of(head.begin(), head.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return marked && static_cast<std::size_t>(std::count(head.begin(), head.end(), ' ')) < k_dateline_words;
}

// Where the first separator (" - ", " – ", " — ") of `line` starts, if within
// k_dateline_max bytes; npos otherwise.
inline std::size_t dateline_separator(std::string_view line) {
  std::size_t cut = std::string_view::npos;
  for (std::string_view sep : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) cut = std::min(cut, line.find(sep));
  return cut != std::string_view::npos && cut <= k_dateline_max ? cut : std::string_view::npos;
}

}  // namespace mstl
