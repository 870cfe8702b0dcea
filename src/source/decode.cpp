#include "mstimeline/decode.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

#include <fmt/format.h>

#include "mstimeline/text.hpp"

namespace mstl {

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
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

std::size_t find_invalid_utf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t len = utf8_sequence_length(bytes, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string sanitize_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t len = utf8_sequence_length(bytes, i);
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

std::string escape_file_name(std::string_view bytes) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size());
  auto escape = [&](unsigned char c) {
    out += "\\x";
    out += k_hex[c >> 4];
    out += k_hex[c & 15];
  };
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t len = utf8_sequence_length(bytes, i);
    const auto c = static_cast<unsigned char>(bytes[i]);
    // C1 controls (U+0080 to U+009F, C2 80 to C2 9F) act on some terminals as ESC [ does.
    const bool c1 = len == 2 && c == 0xC2 && static_cast<unsigned char>(bytes[i + 1]) < 0xA0;
    if (len == 0 || c < 0x20 || c == 0x7F || c == '\\' || c1) {
      for (std::size_t k = 0; k < std::max<std::size_t>(len, 1); ++k) escape(static_cast<unsigned char>(bytes[i + k]));
      i += std::max<std::size_t>(len, 1);
    } else {
      out.append(bytes.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string visible_controls(std::string_view text) {
  auto is_control = [&](std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
    return c == 0x7F || (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                         static_cast<unsigned char>(text[i + 1]) < 0xA0);
  };
  std::size_t i = 0;
  while (i < text.size() && !is_control(i)) ++i;
  if (i == text.size()) return std::string(text);  // the usual case: nothing to change
  std::string out(text.substr(0, i));
  for (; i < text.size(); ++i) {
    if (!is_control(i)) {
      out += text[i];
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC2) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a C1 control
      ++i;
    } else {
      const char32_t picture = c == 0x7F ? 0x2421 : 0x2400 + c;  // U+2400 CONTROL PICTURES: ␀ … ␟, ␡
      out += static_cast<char>(0xE0 | (picture >> 12));
      out += static_cast<char>(0x80 | ((picture >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (picture & 0x3F));
    }
  }
  return out;
}

namespace {

// Appends code point `c` as UTF-8, each byte mapped to file offset `from`.
void append(Decoded& d, char32_t c, std::uint32_t from) {
  char buf[4];
  std::size_t n = 0;
  if (c < 0x80) {
    buf[n++] = static_cast<char>(c);
  } else if (c < 0x800) {
    buf[n++] = static_cast<char>(0xC0 | (c >> 6));
    buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    buf[n++] = static_cast<char>(0xE0 | (c >> 12));
    buf[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
  } else {
    buf[n++] = static_cast<char>(0xF0 | (c >> 18));
    buf[n++] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    buf[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    buf[n++] = static_cast<char>(0x80 | (c & 0x3F));
  }
  d.text.append(buf, n);
  d.origin.insert(d.origin.end(), n, from);
}

void finish(Decoded& d, std::size_t file_size) { d.origin.push_back(static_cast<std::uint32_t>(file_size)); }

// One warning for all the replacements of a file: the first one located, and the count.
void warn_replaced(Decoded& d, const std::string& path, std::size_t first_text, std::size_t first_byte,
                   std::size_t count, std::string_view what) {
  if (count == 0) return;
  std::string message = fmt::format("{} at byte offset {}", what, first_byte);
  if (count > 1) message += fmt::format(" (and {} more)", count - 1);
  message += "; replaced with U+FFFD";
  d.warnings.push_back(locate(path, d.text, first_text, std::move(message)));
}

Decoded decode_utf16(const std::string& path, std::string_view bytes, bool little_endian) {
  Decoded d;
  d.encoding = little_endian ? "utf-16le" : "utf-16be";
  d.text_begin = 2;
  d.text.reserve(bytes.size());
  d.origin.reserve(bytes.size() + 1);
  auto unit = [&](std::size_t i) -> char32_t {
    auto lo = static_cast<unsigned char>(bytes[little_endian ? i : i + 1]);
    auto hi = static_cast<unsigned char>(bytes[little_endian ? i + 1 : i]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  std::size_t bad = 0, first_text = 0, first_byte = 0;
  auto replace = [&](std::size_t at) {
    if (bad++ == 0) first_text = d.text.size(), first_byte = at;
    append(d, U'\uFFFD', static_cast<std::uint32_t>(at));
  };
  std::size_t i = 2;
  for (; i + 1 < bytes.size(); i += 2) {
    char32_t c = unit(i);
    if (c >= 0xD800 && c <= 0xDBFF && i + 3 < bytes.size() && unit(i + 2) >= 0xDC00 && unit(i + 2) <= 0xDFFF) {
      append(d, 0x10000 + ((c - 0xD800) << 10) + (unit(i + 2) - 0xDC00), static_cast<std::uint32_t>(i));
      i += 2;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      replace(i);
    } else {
      append(d, c, static_cast<std::uint32_t>(i));
    }
  }
  if (i < bytes.size()) replace(i);  // an odd last byte: a cut file
  finish(d, bytes.size());
  warn_replaced(d, path, first_text, first_byte, bad, "ill-formed UTF-16 (an unpaired surrogate or a lone last byte)");
  return d;
}

Decoded decode_single_byte(std::string_view bytes, const std::string& charset, const std::vector<char32_t>& table) {
  Decoded d;
  d.encoding = charset;
  std::transform(d.encoding.begin(), d.encoding.end(), d.encoding.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  d.text.reserve(bytes.size() + bytes.size() / 8);
  d.origin.reserve(bytes.size() + bytes.size() / 8 + 1);
  for (std::size_t i = 0; i < bytes.size(); ++i)
    append(d, table[static_cast<unsigned char>(bytes[i])], static_cast<std::uint32_t>(i));
  finish(d, bytes.size());
  return d;
}

Decoded repair_utf8(const std::string& path, std::string_view bytes, std::size_t begin) {
  Decoded d;
  d.text_begin = begin;
  d.text.reserve(bytes.size() + 16);
  d.origin.reserve(bytes.size() + 17);
  std::size_t bad = 0, first_text = 0, first_byte = 0;
  for (std::size_t i = begin; i < bytes.size();) {
    std::size_t len = utf8_sequence_length(bytes, i);
    if (len == 0) {
      if (bad++ == 0) first_text = d.text.size(), first_byte = i;
      append(d, U'\uFFFD', static_cast<std::uint32_t>(i));
      ++i;
      continue;
    }
    d.text.append(bytes.substr(i, len));
    d.origin.insert(d.origin.end(), len, static_cast<std::uint32_t>(i));
    i += len;
  }
  finish(d, bytes.size());
  unsigned char first = bad ? static_cast<unsigned char>(bytes[first_byte]) : 0;
  warn_replaced(d, path, first_text, first_byte, bad, fmt::format("invalid UTF-8 byte 0x{:02X}", first));
  return d;
}

constexpr const char* k_commonest_legacy = "windows-1252";

// Whether two single-byte tables read every byte of `bytes` alike.
bool same_reading(std::string_view bytes, const std::vector<char32_t>& a, const std::vector<char32_t>& b) {
  bool seen[256] = {};
  for (char c : bytes) seen[static_cast<unsigned char>(c)] = true;
  for (int i = 0; i < 256; ++i)
    if (seen[i] && a[i] != b[i]) return false;
  return true;
}

bool has_multibyte_utf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i)
    if (static_cast<unsigned char>(bytes[i]) >= 0xC2 && utf8_sequence_length(bytes, i) > 1) return true;
  return false;
}

}  // namespace

Expected<Decoded> decode_article(const std::string& path, std::string_view bytes) {
  if (bytes.size() > std::numeric_limits<std::uint32_t>::max())
    return Diagnostic{path, 0, 0, "larger than 4 GiB, too large to decode; skipped", {}};
  if (bytes.substr(0, 2) == "\xFF\xFE") return decode_utf16(path, bytes, true);
  if (bytes.substr(0, 2) == "\xFE\xFF") return decode_utf16(path, bytes, false);
  Decoded d;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") d.text_begin = 3;
  if (std::size_t nul = bytes.find('\0'); nul != std::string_view::npos)
    return Diagnostic{path, 0, 0, fmt::format("binary file (a NUL byte at byte offset {}); skipped", nul), {}};
  std::string_view body = bytes.substr(d.text_begin);
  if (find_invalid_utf8(body) == std::string_view::npos) return d;
  if (d.text_begin == 0 && !has_multibyte_utf8(body)) {
    std::vector<std::string> candidates = text::detect_charsets(body);
    for (const std::string& charset : candidates) {
      std::vector<char32_t> table = text::single_byte_table(charset);
      if (table.empty()) continue;
      // Short texts leave the detector unsure between charsets that read
      // this file alike (windows-1250 and windows-1252 both have "é" at
      // 0xE9): then the commonest legacy charset names it.
      if (std::find(candidates.begin(), candidates.end(), k_commonest_legacy) != candidates.end()) {
        std::vector<char32_t> common = text::single_byte_table(k_commonest_legacy);
        if (same_reading(body, table, common)) return decode_single_byte(bytes, k_commonest_legacy, common);
      }
      return decode_single_byte(bytes, charset, table);
    }
  }
  return repair_utf8(path, bytes, d.text_begin);
}

}  // namespace mstl
