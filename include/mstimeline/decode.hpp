// Decoding article bytes.
//
// An article is kept as the exact bytes of its file, and every offset the
// tool reports is an offset into those bytes, so a citation's quote is
// always the file's bytes [start, end) decoded with the source's `encoding`.
// Decoding decides, in this order:
//
//   1. UTF-8 byte-order mark: UTF-8, the text starts after it (text_begin 3).
//   2. UTF-16 byte-order mark (FF FE or FE FF): "utf-16le" / "utf-16be",
//      transcoded to UTF-8; an unpaired surrogate or an odd last byte becomes
//      U+FFFD with a warning.
//   3. A NUL byte anywhere else: a binary file (an image, an archive), an
//      error: the file is skipped.
//   4. Well-formed UTF-8: used as it is, no copy (the common case).
//   5. Not UTF-8 and no well-formed multi-byte UTF-8 sequence in it: legacy
//      single-byte text; the first single-byte charset ICU's detector names
//      ("windows-1252", "iso-8859-1", ...) transcodes it. When windows-1252,
//      the commonest, is among the names and reads every byte of the file
//      alike, it is the one named (short texts leave the detector unsure).
//   6. Otherwise (UTF-8 with damage, such as a cut download): each ill-formed
//      byte becomes U+FFFD, with one warning naming the first one's line,
//      column and byte offset, and how many there are.
//
// Transcoded text comes with `origin`: the file offset of each UTF-8 byte of
// `text` (and of its end), so offsets in the text map back to the file.
//
//   decode_article("a.txt", "\xEF\xBB\xBFHalo")  -> {text_begin = 3, encoding = "utf-8"}
//   decode_article("b.txt", "caf\xE9")            -> {encoding = "windows-1252", text = "café", origin = {0,1,2,3,3,4}}
//   decode_article("c.txt", "GIF89a\0\0...")      -> error "c.txt: binary file (a NUL byte at byte offset 6); skipped"
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/error.hpp"

namespace mstl {

struct Decoded {
  std::size_t text_begin = 0;  // 3 after a UTF-8 byte-order mark, else 0 (UTF-8 used as is)
  std::string encoding = "utf-8";
  std::string text;                   // the UTF-8 text when transcoded or repaired, else empty
  std::vector<std::uint32_t> origin;  // with `text`: text.size() + 1 file offsets
  std::vector<Diagnostic> warnings;   // repaired sequences
  bool transcoded() const { return !origin.empty(); }
  // The text, given the file's bytes.
  std::string_view view(std::string_view bytes) const {
    return transcoded() ? std::string_view(text) : bytes.substr(text_begin);
  }
  // The file offset of a text offset (0 <= offset <= view().size()).
  std::size_t file_offset(std::size_t offset) const { return transcoded() ? origin[offset] : text_begin + offset; }
};

Expected<Decoded> decode_article(const std::string& path, std::string_view bytes);

// Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629:
// no overlongs, no surrogates, nothing above U+10FFFF), or npos.
std::size_t find_invalid_utf8(std::string_view bytes);

// Length of the well-formed UTF-8 sequence at `i` (1 to 4), or 0 when it is ill-formed.
std::size_t utf8_sequence_length(std::string_view bytes, std::size_t i);

// `bytes` with every ill-formed byte replaced by U+FFFD, safe to print.
std::string sanitize_utf8(std::string_view bytes);

// A file name (or path) as the output and the messages show it: every byte of an ill-formed sequence,
// of a control character (C0, DEL, C1) and every backslash written `\xHH`, the rest as it is. No two
// names give the same text (a backslash is always escaped, so the escapes cannot be confused with
// it), and none reaches a terminal raw: escape_file_name("a\xFF\x1B.txt") == "a\\xFF\\x1B.txt".
std::string escape_file_name(std::string_view bytes);

// Text with its control characters made visible, for a terminal or a document: a C0 control other
// than tab, line feed and carriage return as its picture (U+2400 to U+241F: NUL "␀", ESC "␛"),
// DEL as "␡", a C1 control (U+0080 to U+009F) as U+FFFD; the rest as it is, so the same length
// in characters. visible_controls("a\x1B[2Jb") == "a␛[2Jb".
std::string visible_controls(std::string_view text);

}  // namespace mstl
