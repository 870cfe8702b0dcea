#include "mstimeline/json_doc.hpp"

#include "mstimeline/output.hpp"

#include <filesystem>
#include <optional>

#include <fmt/format.h>

namespace mstl {
namespace {

// Walks text that nlohmann::json has already accepted and records where each
// value starts. It trusts the syntax, so it only needs to skip strings,
// scalars and white space correctly.
class OffsetIndexer {
 public:
  OffsetIndexer(std::string_view text, std::map<std::string, std::size_t>& values,
                std::map<std::string, std::size_t>& keys)
      : m_text(text), m_out(values), m_keys(keys) {}

  void run() { value(""); }
  // The offset of the first member name that repeats one before it in its object.
  std::optional<std::size_t> duplicate() const { return m_duplicate; }

 private:
  void skip_ws() {
    while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' ||
                                     m_text[m_pos] == '\r'))
      ++m_pos;
  }

  // Returns the raw (still escaped) contents of a string and moves past it.
  std::string string_token() {
    std::size_t start = ++m_pos;  // after the opening quote
    while (m_pos < m_text.size() && m_text[m_pos] != '"') m_pos += m_text[m_pos] == '\\' ? 2 : 1;
    std::string raw(m_text.substr(start, m_pos - start));
    ++m_pos;  // closing quote
    return raw;
  }

  void value(const std::string& pointer) {
    skip_ws();
    if (m_pos >= m_text.size()) return;
    m_out.emplace(pointer, m_pos);
    char c = m_text[m_pos];
    if (c == '{') {
      object(pointer);
    } else if (c == '[') {
      array(pointer);
    } else if (c == '"') {
      string_token();
    } else {
      while (m_pos < m_text.size() && std::string_view(",]} \t\r\n").find(m_text[m_pos]) == std::string_view::npos)
        ++m_pos;
    }
  }

  void object(const std::string& pointer) {
    ++m_pos;
    for (skip_ws(); m_pos < m_text.size() && m_text[m_pos] != '}'; skip_ws()) {
      if (m_text[m_pos] == ',') {
        ++m_pos;
        continue;
      }
      // Keys are indexed unescaped for the common case; keys with escapes are
      // rare in our files and then point at the object itself.
      std::size_t key_at = m_pos;
      std::string member = json_pointer_append(pointer, string_token());
      if (!m_keys.emplace(member, key_at).second && !m_duplicate) m_duplicate = key_at;
      skip_ws();
      ++m_pos;  // ':'
      value(member);
    }
    ++m_pos;
  }

  void array(const std::string& pointer) {
    ++m_pos;
    std::size_t index = 0;
    for (skip_ws(); m_pos < m_text.size() && m_text[m_pos] != ']'; skip_ws()) {
      if (m_text[m_pos] == ',') {
        ++m_pos;
        continue;
      }
      value(json_pointer_append(pointer, std::to_string(index++)));
    }
    ++m_pos;
  }

  std::string_view m_text;
  std::map<std::string, std::size_t>& m_out;
  std::map<std::string, std::size_t>& m_keys;
  std::size_t m_pos = 0;
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

Diagnostic JsonDoc::error_at(const std::string& pointer, std::string message) const {
  std::string p = pointer;
  while (true) {
    auto it = offsets.find(p);
    if (it != offsets.end()) return locate(path, text, it->second, std::move(message));
    if (p.empty()) return locate(path, text, 0, std::move(message));
    p = p.substr(0, p.rfind('/'));
  }
}

Diagnostic JsonDoc::error_at_key(const std::string& pointer, std::string message) const {
  auto it = key_offsets.find(pointer);
  if (it != key_offsets.end()) return locate(path, text, it->second, std::move(message));
  return error_at(pointer, std::move(message));
}

Expected<JsonDoc> parse_json(std::string path, std::string text) {
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
  OffsetIndexer indexer(doc.text, doc.offsets, doc.key_offsets);
  indexer.run();
  if (auto at = indexer.duplicate()) {
    std::size_t end = doc.text.find('"', *at + 1);
    return locate(doc.path, doc.text, *at,
                  fmt::format("duplicate key {}: each key may appear once in an object", doc.text.substr(*at, end + 1 - *at)));
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
