// JSON written straight into a string, byte for byte as nlohmann's dump()
// writes the same tree (error handler `replace`, no ASCII escaping), without
// building the tree first: the timeline's JSON and the parts' document lines
// are the program's largest outputs.
//
//   std::string out;
//   JsonWriter w(out, 2);                        // as dump(2); -1: as dump()
//   w.begin_object().key("id").string("e1").key("n").number(3).end_object();
//
// What it writes:
// - compact (indent < 0): {"id":"e1","n":3}; indented: a line per member or
//   item, indent spaces a level, `"key": value`; {} and [] when empty;
// - strings escaped as dump() does: \" \\ \b \f \n \r \t, other bytes below
//   0x20 as \u00XX (lowercase hex); everything else, UTF-8 included, as it is.
//   A string that is not valid UTF-8 goes through nlohmann itself, which puts
//   U+FFFD for what is wrong (every string here is valid by construction; the
//   fallback keeps the bytes equal if one ever is not).
// Misuse (a key in an array, a value where a key is due, an unclosed level)
// is the caller's bug and gives wrong JSON; closing a level that is not open
// is stopped by an assertion.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mstl {

class JsonWriter {
 public:
  // Appends to `out`. `indent` < 0 writes compact JSON; otherwise a nested
  // level is indented by that many more spaces (0: line breaks, no spaces),
  // and `depth` levels are added to every line: the value written as it
  // would be if it sat that deep in an enclosing document.
  explicit JsonWriter(std::string& out, int indent = -1, std::size_t depth = 0);

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view s);
  JsonWriter& number(std::uint64_t n);
  JsonWriter& number(std::int64_t n);
  JsonWriter& boolean(bool b);
  JsonWriter& null();
  // The string (empty or not), or null when there is none.
  JsonWriter& string_or_null(const std::optional<std::string>& s);
  // The string, or null when it is empty.
  JsonWriter& nonempty_or_null(std::string_view s);

 private:
  void before_value();
  void new_line(std::size_t depth);
  void open(char bracket);
  void close(char bracket);
  template <class Integer>
  JsonWriter& integer(Integer n);

  std::string& m_out;
  int m_indent;
  std::size_t m_depth;
  struct Level {
    bool empty = true;
  };
  std::vector<Level> m_levels;
  bool m_after_key = false;
};

// `s` as a JSON string, quotes included, as nlohmann's dump() writes it.
void append_json_string(std::string& out, std::string_view s);

}  // namespace mstl
