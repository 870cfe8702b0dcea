#include "mstimeline/decode.hpp"

#include <fmt/format.h>

namespace mstl {
namespace {

// Length of the well-formed UTF-8 sequence at `i`, or 0 when it is ill-formed.
std::size_t sequence_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  // The second byte's range depends on the first (RFC 3629, table 3-7 of Unicode).
  unsigned char lo = 0x80, hi = 0xBF;
  if (c == 0xE0) lo = 0xA0;
  if (c == 0xED) hi = 0x9F;
  if (c == 0xF0) lo = 0x90;
  if (c == 0xF4) hi = 0x8F;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return len;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t len = sequence_length(bytes, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string sanitize_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t len = sequence_length(bytes, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(bytes.substr(i, len));
      i += len;
    }
  }
  return out;
}

Expected<Decoded> decode_article(const std::string& path, std::string_view bytes) {
  Decoded d;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") d.text_begin = 3;
  std::size_t bad = find_invalid_utf8(bytes.substr(d.text_begin));
  if (bad != std::string_view::npos) {
    bad += d.text_begin;
    Diagnostic diag =
        locate(path, bytes, bad, fmt::format("invalid UTF-8 byte 0x{:02X} at byte offset {}",
                                             static_cast<unsigned char>(bytes[bad]), bad));
    diag.line_text = sanitize_utf8(diag.line_text);
    return diag;
  }
  return d;
}

}  // namespace mstl
