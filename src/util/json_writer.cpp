#include "mstimeline/json_writer.hpp"

#include <cassert>
#include <charconv>

#include <nlohmann/json.hpp>

#include "mstimeline/decode.hpp"

namespace mstl {

void append_json_string(std::string& out, std::string_view s) {
  const std::size_t at = out.size();
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet appended
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t length = utf8_sequence_length(s, i);
      if (length == 0) {  // nlohmann's own replacement of what is ill-formed
        out.resize(at);
        out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
      }
      i += length;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s, run, i - run);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        static constexpr char hex[] = "0123456789abcdef";
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 0xf];
      }
    }
    run = ++i;
  }
  out.append(s, run);
  out += '"';
}

JsonWriter::JsonWriter(std::string& out, int indent, std::size_t depth)
    : m_out(out), m_indent(indent), m_depth(depth) {}

void JsonWriter::new_line(std::size_t depth) {
  m_out += '\n';
  m_out.append((m_depth + depth) * static_cast<std::size_t>(m_indent), ' ');
}

// Before a member's name, or an item of an array: the separator, and in
// indented JSON the item's line.
void JsonWriter::before_value() {
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (m_levels.empty()) return;
  Level& level = m_levels.back();
  if (!level.empty) m_out += ',';
  level.empty = false;
  if (m_indent >= 0) new_line(m_levels.size());
}

void JsonWriter::open(char bracket) {
  before_value();
  m_out += bracket;
  m_levels.push_back({});
}

void JsonWriter::close(char bracket) {
  assert(!m_levels.empty() && "a JsonWriter level closed that is not open");
  bool empty = m_levels.back().empty;
  m_levels.pop_back();
  if (!empty && m_indent >= 0) new_line(m_levels.size());
  m_out += bracket;
}

JsonWriter& JsonWriter::begin_object() {
  open('{');
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  close('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  open('[');
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  close(']');
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(m_out, name);
  m_out += m_indent >= 0 ? ": " : ":";
  m_after_key = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view s) {
  before_value();
  append_json_string(m_out, s);
  return *this;
}

JsonWriter& JsonWriter::number(std::uint64_t n) { return integer(n); }

JsonWriter& JsonWriter::number(std::int64_t n) { return integer(n); }

template <class Integer>
JsonWriter& JsonWriter::integer(Integer n) {
  before_value();
  char digits[24];
  m_out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool b) {
  before_value();
  m_out += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  m_out += "null";
  return *this;
}

JsonWriter& JsonWriter::string_or_null(const std::optional<std::string>& s) { return s ? string(*s) : null(); }

JsonWriter& JsonWriter::nonempty_or_null(std::string_view s) { return s.empty() ? null() : string(s); }

}  // namespace mstl
