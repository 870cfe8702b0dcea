#include "mstimeline/json_doc.hpp"

#include "mstimeline/output.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

namespace mstl {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The byte of the bracket that opens an array or object deeper than
// k_max_json_depth, skipping strings; brackets are counted whether or not the
// text is valid JSON, so this bounds what the parser is given.
std::optional<std::size_t> too_deep(std::string_view text) {
  std::size_t depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > k_max_json_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
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

std::uint32_t hex4(std::string_view s) {
  std::uint32_t v = 0;
  for (char c : s.substr(0, 4)) {
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= static_cast<std::uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= static_cast<std::uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      v |= static_cast<std::uint32_t>(c - 'A' + 10);
  }
  return v;
}

// Appends the value of a JSON string's contents (between its quotes), as
// nlohmann::json reads it: escapes resolved, surrogate pairs joined.
void unescape(std::string_view raw, std::string& out) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 >= raw.size()) {
      out += raw[i];
      continue;
    }
    char e = raw[++i];
    switch (e) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        std::uint32_t cp = hex4(raw.substr(i + 1));
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < raw.size() && raw.substr(i + 1, 2) == "\\u") {
          std::uint32_t low = hex4(raw.substr(i + 3));
          if (low >= 0xDC00 && low < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        append_utf8(out, cp);
        break;
      }
      default:
        out += e;  // '"', '\\', '/'
    }
  }
}

// Walks text that nlohmann::json has already accepted (so nested no deeper
// than k_max_json_depth) and records where each value starts, in document
// order, with an explicit stack instead of recursion. It trusts the syntax,
// so it only needs to skip strings, scalars and white space correctly; every
// read is still bounds-checked.
class OffsetIndexer {
 public:
  OffsetIndexer(std::string_view text, JsonPositions& out) : m_text(text), m_out(out) {}

  void run() {
    value(std::string::npos, 0, 0);
    while (!m_open.empty()) {
      skip_ws();
      if (m_pos >= m_text.size()) break;
      char c = m_text[m_pos];
      if (c == ',') {
        ++m_pos;
      } else if (c == '}' || c == ']') {
        ++m_pos;
        close();
      } else if (m_open.back().object) {
        member();
      } else {
        value(std::string::npos, 0, 0);
      }
    }
    for (const Open& o : m_open) m_out.nodes[o.node].end = m_out.nodes.size();  // text cut short
  }
  // The offset of the first member name that repeats one before it in its object.
  std::optional<std::size_t> duplicate() const { return m_duplicate; }

 private:
  struct Open {
    std::size_t node;
    bool object;
  };

  void skip_ws() {
    while (m_pos < m_text.size() && is_ws(m_text[m_pos])) ++m_pos;
  }

  // The raw (still escaped) contents of the string at m_pos; moves past it.
  std::string_view string_token() {
    std::size_t start = ++m_pos;  // after the opening quote
    while (m_pos < m_text.size() && m_text[m_pos] != '"') m_pos += m_text[m_pos] == '\\' ? 2 : 1;
    std::string_view raw = m_text.substr(start, std::min(m_pos, m_text.size()) - start);
    ++m_pos;  // closing quote
    return raw;
  }

  void member() {
    std::size_t key_at = m_pos;
    std::size_t key_begin = m_out.keys.size();
    unescape(string_token(), m_out.keys);
    skip_ws();
    ++m_pos;  // ':'
    value(key_at, key_begin, m_out.keys.size() - key_begin);
  }

  void value(std::size_t key_at, std::size_t key_begin, std::size_t key_size) {
    skip_ws();
    if (m_pos >= m_text.size()) return;
    std::size_t node = m_out.nodes.size();
    m_out.nodes.push_back({m_pos, key_at, node + 1, key_begin, key_size});
    char c = m_text[m_pos];
    if (c == '{' || c == '[') {
      ++m_pos;
      m_open.push_back({node, c == '{'});
    } else if (c == '"') {
      string_token();
    } else {
      while (m_pos < m_text.size() && std::string_view(",]} \t\r\n").find(m_text[m_pos]) == std::string_view::npos)
        ++m_pos;
    }
  }

  void close() {
    Open o = m_open.back();
    m_open.pop_back();
    m_out.nodes[o.node].end = m_out.nodes.size();
    if (o.object) check_members(o.node);
  }

  // Sorts the object's member names to find one that repeats; the repeat
  // reported is the first in the text over all objects.
  void check_members(std::size_t object) {
    const auto& nodes = m_out.nodes;
    m_members.clear();
    for (std::size_t c = object + 1; c < nodes[object].end; c = nodes[c].end) m_members.push_back(c);
    auto name = [&](std::size_t c) {
      return std::string_view(m_out.keys).substr(nodes[c].key_begin, nodes[c].key_size);
    };
    std::sort(m_members.begin(), m_members.end(),
              [&](std::size_t a, std::size_t b) { return name(a) != name(b) ? name(a) < name(b) : a < b; });
    for (std::size_t k = 1; k < m_members.size(); ++k) {
      if (name(m_members[k]) != name(m_members[k - 1])) continue;
      std::size_t at = nodes[m_members[k]].key_at;
      if (!m_duplicate || at < *m_duplicate) m_duplicate = at;
    }
  }

  std::string_view m_text;
  JsonPositions& m_out;
  std::size_t m_pos = 0;
  std::vector<Open> m_open;
  std::vector<std::size_t> m_members;
  std::optional<std::size_t> m_duplicate;
};

// nlohmann's message reads "[json.exception.parse_error.101] parse error at
// line 1, column 2: syntax error while parsing ..."; keep what follows the position.
std::string syntax_message(const std::string& what) {
  auto col = what.find("column ");
  auto colon = col == std::string::npos ? std::string::npos : what.find(": ", col);
  std::string msg = colon == std::string::npos ? what : what.substr(colon + 2);
  return "invalid JSON: " + msg;
}

// One reference token of a JSON pointer, `~1` and `~0` resolved.
std::string pointer_token(std::string_view escaped) {
  std::string out;
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] == '~' && i + 1 < escaped.size() && (escaped[i + 1] == '0' || escaped[i + 1] == '1')) {
      out += escaped[++i] == '0' ? '~' : '/';
    } else {
      out += escaped[i];
    }
  }
  return out;
}

std::optional<std::size_t> array_index(std::string_view token) {
  if (token.empty() || token.size() > 18 || token.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  return std::stoull(std::string(token));
}

}  // namespace

std::string json_pointer_append(const std::string& pointer, std::string_view token) {
  std::string out = pointer + "/";
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::size_t JsonPositions::find(std::string_view pointer, bool& exact) const {
  std::size_t node = 0;
  exact = false;
  while (!pointer.empty()) {
    pointer.remove_prefix(1);  // '/'
    std::size_t slash = pointer.find('/');
    std::string token = pointer_token(pointer.substr(0, slash));
    pointer = slash == std::string_view::npos ? std::string_view() : pointer.substr(slash);
    std::optional<std::size_t> index = array_index(token);
    std::size_t found = std::string::npos, k = 0;
    for (std::size_t c = node + 1; c < nodes[node].end && found == std::string::npos; c = nodes[c].end, ++k) {
      bool member = nodes[c].key_at != std::string::npos;
      if (member ? std::string_view(keys).substr(nodes[c].key_begin, nodes[c].key_size) == token : index == k)
        found = c;
    }
    if (found == std::string::npos) return node;
    node = found;
  }
  exact = true;
  return node;
}

Diagnostic JsonDoc::error_at(const std::string& pointer, std::string message) const {
  if (positions.nodes.empty()) return locate(path, text, 0, std::move(message));
  bool exact = false;
  return locate(path, text, positions.nodes[positions.find(pointer, exact)].value_at, std::move(message));
}

Diagnostic JsonDoc::error_at_key(const std::string& pointer, std::string message) const {
  if (positions.nodes.empty()) return locate(path, text, 0, std::move(message));
  bool exact = false;
  const JsonPositions::Node& n = positions.nodes[positions.find(pointer, exact)];
  return locate(path, text, exact && n.key_at != std::string::npos ? n.key_at : n.value_at, std::move(message));
}

Expected<JsonDoc> parse_json(std::string path, std::string text) {
  // Lines and columns are counted in the text after a byte-order mark, as an editor shows them.
  if (std::string_view(text).starts_with(k_bom)) text.erase(0, k_bom.size());
  if (auto deep = too_deep(text))
    return locate(std::move(path), text, *deep, fmt::format("nesting deeper than {}", k_max_json_depth));
  JsonDoc doc;
  try {
    doc.json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    std::size_t offset = e.byte == 0 ? 0 : e.byte - 1;
    return locate(std::move(path), text, offset, syntax_message(e.what()));
  } catch (const nlohmann::json::exception& e) {
    // A number too large for a double ("1e999"): the exception names the
    // number but not its place; its first occurrence is the likely one.
    std::string what = e.what();
    std::size_t open = what.find('\''), close = what.rfind('\'');
    std::string number = open < close ? what.substr(open + 1, close - open - 1) : std::string();
    std::size_t at = number.empty() ? std::string::npos : text.find(number);
    return locate(std::move(path), text, at == std::string::npos ? 0 : at,
                  number.empty() ? std::string("invalid JSON value") : "number out of range: " + number);
  }
  doc.path = std::move(path);
  doc.text = std::move(text);
  OffsetIndexer indexer(doc.text, doc.positions);
  indexer.run();
  if (auto at = indexer.duplicate()) {
    std::size_t end = *at + 1;
    while (end < doc.text.size() && doc.text[end] != '"') end += doc.text[end] == '\\' ? 2 : 1;
    std::string_view written = std::string_view(doc.text).substr(*at, std::min(end, doc.text.size() - 1) + 1 - *at);
    std::string name;
    unescape(written.substr(1, written.size() - 2), name);
    std::string said = written.find('\\') == std::string_view::npos ? std::string(written)
                                                                    : fmt::format("{} (that is \"{}\")", written, name);
    return locate(doc.path, doc.text, *at,
                  fmt::format("duplicate key {}: each key may appear once in an object", said));
  }
  return doc;
}

Expected<JsonDoc> read_json_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Diagnostic{path, 0, 0, "is a directory, not a JSON file", {}};
  auto text = read_file(path);
  if (!text) return text.error();
  return parse_json(path, std::move(text.value()));
}

}  // namespace mstl
