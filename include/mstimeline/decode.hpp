// Decoding article bytes.
//
// An article is kept as the exact bytes of its file; decoding only decides
// where the text starts (after a byte-order mark) and that the rest is valid
// UTF-8. Every offset the tool reports is an offset into the original file,
// so a citation's quote is always file[start, end).
//
//   decode_article("a.txt", "\xEF\xBB\xBFHalo") -> {text_begin = 3, encoding = "utf-8"}
//   decode_article("b.txt", "Halo \xC3(")       -> error "b.txt:1:6: invalid UTF-8 byte 0xC3 at byte offset 5"
//
// CRLF line ends need no conversion: sentence segmentation treats CR LF as
// one break and quotes are trimmed of surrounding white space.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "mstimeline/error.hpp"

namespace mstl {

struct Decoded {
  std::size_t text_begin = 0;  // 3 after a UTF-8 byte-order mark, else 0
  std::string encoding = "utf-8";
};

Expected<Decoded> decode_article(const std::string& path, std::string_view bytes);

// Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629:
// no overlongs, no surrogates, nothing above U+10FFFF), or npos.
std::size_t find_invalid_utf8(std::string_view bytes);

// `bytes` with every ill-formed sequence replaced by U+FFFD, safe to print.
std::string sanitize_utf8(std::string_view bytes);

}  // namespace mstl
