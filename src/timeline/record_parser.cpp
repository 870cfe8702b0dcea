#include "mstimeline/record_parser.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "mstimeline/decode.hpp"
#include "mstimeline/record.hpp"

namespace mstl {
namespace {

// Bytes a string's text cannot run over: the quote, the backslash, control
// characters (which JSON wants escaped) and the bytes of UTF-8 sequences.
constexpr std::array<bool, 256> k_stop = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
  return t;
}();

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Reads JSON from the line, giving up (ok() false) at the first thing it does
// not read; every reader returns a harmless value once it has given up.
class Reader {
 public:
  explicit Reader(std::string_view text) : m_p(text.data()), m_end(text.data() + text.size()) {}

  bool ok() const { return m_ok; }
  bool fail() { return m_ok = false; }

  void ws() {
    while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r')) ++m_p;
  }
  // Skips white space, then takes `c` if it is next.
  bool take(char c) {
    ws();
    if (m_ok && m_p < m_end && *m_p == c) {
      ++m_p;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!take(c)) fail();
  }
  bool at_end() {
    ws();
    return m_p == m_end;
  }

  // A string into `out`, its escapes undone; the bytes must be well-formed
  // UTF-8 (Unicode's table 3-7), as nlohmann's parser wants them.
  void string(std::string& out) {
    out.clear();
    if (!take('"')) return (void)fail();
    bool sized = false;
    for (;;) {
      const char* start = m_p;
      while (m_p < m_end && !k_stop[static_cast<unsigned char>(*m_p)]) ++m_p;
      if (!sized && m_p < m_end && *m_p != '"') {
        // Escapes or multi-byte characters ahead: room for the whole string
        // at once. Appended piece by piece, a string kept up to twice its
        // size, and a part's quotes are most of what `merge` holds.
        sized = true;
        if (std::size_t rest = decoded_size(m_p)) out.reserve(static_cast<std::size_t>(m_p - start) + rest);
      }
      out.append(start, m_p);
      if (m_p == m_end) return (void)fail();
      auto c = static_cast<unsigned char>(*m_p);
      if (c == '"') {
        ++m_p;
        return;
      }
      if (c == '\\') {
        if (!escape(out)) return (void)fail();
      } else if (c >= 0x80) {
        if (!utf8(out)) return (void)fail();
      } else {
        return (void)fail();  // an unescaped control character
      }
    }
  }
  // The bytes the string holds from `p` on, its escapes undone (exact for a
  // well-formed string: \u escapes by the UTF-8 length of their code point,
  // a surrogate pair as 4); 0 when no quote closes it.
  std::size_t decoded_size(const char* p) const {
    std::size_t n = 0;
    while (p < m_end) {
      if (*p == '"') return n;
      if (*p != '\\') {
        ++n;
        ++p;
      } else if (m_end - p < 2) {
        break;
      } else if (p[1] != 'u' || m_end - p < 6) {
        ++n;
        p += 2;
      } else {
        unsigned cp = 0;
        bool hex = true;
        for (int i = 2; i < 6; ++i) {
          int d = hex_digit(p[i]);
          hex = hex && d >= 0;
          cp = cp * 16 + static_cast<unsigned>(d < 0 ? 0 : d);
        }
        bool high = cp >= 0xD800 && cp < 0xDC00, low = cp >= 0xDC00 && cp < 0xE000;
        n += !hex ? 6 : cp < 0x80 ? 1 : cp < 0x800 ? 2 : high ? 4 : low ? 0 : 3;  // a pair: 4 for both
        p += 6;
      }
    }
    return 0;
  }
  std::string string() {
    std::string s;
    string(s);
    return s;
  }
  // A string or null.
  std::optional<std::string> nullable_string() {
    ws();
    if (m_p < m_end && *m_p == 'n') {
      literal("null");
      return std::nullopt;
    }
    return string();
  }
  // A member name: only names without escapes are read here.
  std::string_view name() {
    if (!take('"')) return fail(), std::string_view();
    const char* start = m_p;
    while (m_p < m_end && *m_p != '"' && *m_p != '\\' && static_cast<unsigned char>(*m_p) >= 0x20) ++m_p;
    if (m_p == m_end || *m_p != '"') return fail(), std::string_view();
    std::string_view n(start, static_cast<std::size_t>(m_p - start));
    ++m_p;
    expect(':');
    return n;
  }
  // A non-negative integer written as one (no sign, fraction or exponent),
  // that fits: JSON's 1.0 or 1e2 is a number the full reader judges.
  std::uint64_t unsigned_number() {
    ws();
    const char* start = m_p;
    std::uint64_t v = 0;
    while (m_p < m_end && *m_p >= '0' && *m_p <= '9') {
      auto d = static_cast<std::uint64_t>(*m_p - '0');
      if (v > (UINT64_MAX - d) / 10) return fail(), 0;
      v = v * 10 + d;
      ++m_p;
    }
    std::size_t digits = static_cast<std::size_t>(m_p - start);
    if (digits == 0 || (digits > 1 && *start == '0')) return fail(), 0;
    if (m_p < m_end && (*m_p == '.' || *m_p == 'e' || *m_p == 'E')) return fail(), 0;
    return v;
  }
  void literal(std::string_view word) {
    if (static_cast<std::size_t>(m_end - m_p) < word.size() || std::string_view(m_p, word.size()) != word)
      return (void)fail();
    m_p += word.size();
  }

  // Calls `member(name)` for each member of an object; `member` reads the value.
  template <class F>
  void object(F&& member) {
    expect('{');
    if (take('}')) return;
    do {
      std::string_view n = name();
      if (!m_ok) return;
      member(n);
    } while (m_ok && take(','));
    expect('}');
  }
  // Calls `element()` for each element of an array; `element` reads it.
  template <class F>
  void array(F&& element) {
    expect('[');
    if (take(']')) return;
    do element();
    while (m_ok && take(','));
    expect(']');
  }

 private:
  bool escape(std::string& out) {
    if (m_end - m_p < 2) return false;
    char e = m_p[1];
    m_p += 2;
    switch (e) {
      case '"':
        out += '"';
        return true;
      case '\\':
        out += '\\';
        return true;
      case '/':
        out += '/';
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    auto cp = code_unit();
    if (!cp) return false;
    std::uint32_t c = *cp;
    if (c >= 0xDC00 && c <= 0xDFFF) return false;  // a low surrogate first
    if (c >= 0xD800 && c <= 0xDBFF) {
      if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u') return false;
      m_p += 2;
      auto low = code_unit();
      if (!low || *low < 0xDC00 || *low > 0xDFFF) return false;
      c = 0x10000 + ((c - 0xD800) << 10) + (*low - 0xDC00);
    }
    append_utf8(out, c);
    return true;
  }
  std::optional<std::uint32_t> code_unit() {
    if (m_end - m_p < 4) return std::nullopt;
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      int d = hex_digit(m_p[i]);
      if (d < 0) return std::nullopt;
      v = v * 16 + static_cast<std::uint32_t>(d);
    }
    m_p += 4;
    return v;
  }
  // One UTF-8 sequence, well-formed as decode.hpp's utf8_sequence_length judges it (Unicode's table 3-7).
  bool utf8(std::string& out) {
    std::size_t len = utf8_sequence_length(std::string_view(m_p, static_cast<std::size_t>(m_end - m_p)), 0);
    if (len == 0) return false;
    out.append(m_p, len);
    m_p += len;
    return true;
  }

  const char* m_p;
  const char* m_end;
  bool m_ok = true;
};

// The members an object must have, each once. `is(name, want)` is whether the
// member read is `want`; a repeated one makes the reader give up, and so does
// one that is none of them (the `else` of the caller's chain).
class Members {
 public:
  Members(Reader& in, std::span<const std::string_view> names) : m_in(in), m_names(names) {}

  bool is(std::string_view name, std::string_view want) {
    if (name != want) return false;
    for (std::size_t i = 0; i < m_names.size(); ++i) {
      if (m_names[i] != want) continue;
      if (m_seen & (1u << i)) m_in.fail();
      m_seen |= 1u << i;
    }
    return true;
  }
  void unknown() { m_in.fail(); }
  // Once the object is read: gives up unless every member was there.
  void check_all() {
    if (m_seen != (1u << m_names.size()) - 1) m_in.fail();
  }

 private:
  Reader& m_in;
  std::span<const std::string_view> m_names;
  unsigned m_seen = 0;
};

// The members of each object.
constexpr std::string_view k_citation[] = {"source", "start", "end", "quote", "date_text"};
constexpr std::string_view k_source[] = {"id",        "path", "sha256",    "encoding",       "language",
                                         "publisher", "url",  "published", "published_basis"};
constexpr std::string_view k_mention[] = {"date", "catalog_id", "trigger", "citation", "salient"};
constexpr std::string_view k_conflict[] = {"catalog_id", "value", "citation"};
constexpr std::string_view k_dropped[] = {"reason", "detail", "citation"};
// "input" is not among them: parts written before it have none.
constexpr std::string_view k_document[] = {"type", "version", "source", "mentions", "conflicts", "undated", "dropped"};

Citation citation(Reader& in) {
  Citation c;
  Members m(in, k_citation);
  in.object([&](std::string_view n) {
    if (m.is(n, "source"))
      in.string(c.source);
    else if (m.is(n, "start"))
      c.start = in.unsigned_number();
    else if (m.is(n, "end"))
      c.end = in.unsigned_number();
    else if (m.is(n, "quote"))
      in.string(c.quote);
    else if (m.is(n, "date_text"))
      in.string(c.date_text);
    else
      m.unknown();
  });
  m.check_all();
  if (c.end < c.start) in.fail();
  return c;
}

SourceInfo source(Reader& in) {
  SourceInfo s;
  Members m(in, k_source);
  in.object([&](std::string_view n) {
    if (m.is(n, "id"))
      in.string(s.id);
    else if (m.is(n, "path"))
      in.string(s.path);
    else if (m.is(n, "sha256"))
      in.string(s.sha256);
    else if (m.is(n, "encoding"))
      in.string(s.encoding);
    else if (m.is(n, "language"))
      in.string(s.language);
    else if (m.is(n, "publisher"))
      s.publisher = in.nullable_string();
    else if (m.is(n, "url"))
      s.url = in.nullable_string();
    else if (m.is(n, "published"))
      s.published = in.nullable_string();
    else if (m.is(n, "published_basis"))
      in.string(s.published_basis);
    else
      m.unknown();
  });
  m.check_all();
  return s;
}

// `words`: buffers for the salient words, reused from mention to mention.
Mention mention(Reader& in, std::vector<std::string>& words) {
  Mention mention;
  Members m(in, k_mention);
  std::size_t count = 0;
  in.object([&](std::string_view n) {
    if (m.is(n, "date")) {
      auto d = parse_date_value(in.string());
      if (!d) in.fail();
      mention.date = d.value_or(DateValue{});
    } else if (m.is(n, "catalog_id")) {
      in.string(mention.catalog_id);
    } else if (m.is(n, "trigger")) {
      in.string(mention.trigger);
    } else if (m.is(n, "citation")) {
      mention.citation = citation(in);
    } else if (m.is(n, "salient")) {
      in.array([&] {
        if (count == words.size()) words.emplace_back();
        in.string(words[count]);
        if (!WordList::acceptable(words[count])) in.fail();
        ++count;
      });
    } else {
      m.unknown();
    }
  });
  m.check_all();
  if (in.ok()) mention.salient = WordList(std::span(words.data(), count));
  return mention;
}

// A conflict: two strings and a citation.
template <class T>
T two_strings_and_citation(Reader& in, std::span<const std::string_view> names, std::string T::*first,
                           std::string T::*second) {
  T item;
  Members m(in, names);
  in.object([&](std::string_view n) {
    if (m.is(n, names[0]))
      in.string(item.*first);
    else if (m.is(n, names[1]))
      in.string(item.*second);
    else if (m.is(n, "citation"))
      item.citation = citation(in);
    else
      m.unknown();
  });
  m.check_all();
  return item;
}

// A dropped item: a reason by its name (review.hpp), a detail and a citation.
ReviewItem dropped_item(Reader& in) {
  ReviewItem item;
  Members m(in, k_dropped);
  in.object([&](std::string_view n) {
    if (m.is(n, "reason")) {
      auto reason = parse_review_reason(in.string());
      if (reason)
        item.reason = *reason;
      else
        in.fail();  // the full reader names the unknown reason
    } else if (m.is(n, "detail")) {
      in.string(item.detail);
    } else if (m.is(n, "citation")) {
      item.citation = citation(in);
    } else {
      m.unknown();
    }
  });
  m.check_all();
  return item;
}

bool is_fingerprint(std::string_view s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

std::optional<DocumentRecord> read_document_line(std::string_view line) {
  Reader in(line);
  DocumentRecord r;
  std::vector<std::string> words;
  Members m(in, k_document);
  bool input = false;
  in.object([&](std::string_view n) {
    if (m.is(n, "type")) {
      if (in.string() != "document") in.fail();
    } else if (m.is(n, "version")) {
      if (in.unsigned_number() != static_cast<std::uint64_t>(k_record_version)) in.fail();
    } else if (n == "input") {
      if (input || !is_fingerprint(in.string())) in.fail();
      input = true;
    } else if (m.is(n, "source")) {
      r.source = source(in);
    } else if (m.is(n, "mentions")) {
      in.array([&] { r.mentions.push_back(mention(in, words)); });
    } else if (m.is(n, "conflicts")) {
      in.array([&] {
        r.conflicts.push_back(two_strings_and_citation(in, k_conflict, &Conflict::catalog_id, &Conflict::value));
      });
    } else if (m.is(n, "undated")) {
      in.array([&] { r.undated.push_back(citation(in)); });
    } else if (m.is(n, "dropped")) {
      in.array([&] { r.dropped.push_back(dropped_item(in)); });
    } else {
      m.unknown();
    }
  });
  m.check_all();
  if (!in.ok() || !in.at_end()) return std::nullopt;
  // Records of a whole archive are held until the merge: no spare capacity (as extract_document).
  r.mentions.shrink_to_fit();
  r.conflicts.shrink_to_fit();
  r.undated.shrink_to_fit();
  r.dropped.shrink_to_fit();
  return r;
}

}  // namespace mstl
