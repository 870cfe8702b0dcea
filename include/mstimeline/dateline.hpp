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

// Where the first separator (" - ", " – ", " — ") of `line` starts, if within
// k_dateline_max bytes; npos otherwise.
inline std::size_t dateline_separator(std::string_view line) {
  std::size_t cut = std::string_view::npos;
  for (std::string_view sep : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) cut = std::min(cut, line.find(sep));
  return cut != std::string_view::npos && cut <= k_dateline_max ? cut : std::string_view::npos;
}

}  // namespace mstl
