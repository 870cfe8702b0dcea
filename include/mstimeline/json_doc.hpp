// JSON data files with positions.
//
// Every knowledge file under data/ (lexicons, boilerplate, path dates,
// labels), the catalog, the topic profile, the source manifest and the lines
// of an extract part are JSON read through JsonDoc, so that any error, of
// syntax or of schema, names `path:line:col`. nlohmann::json keeps no
// positions, so JsonDoc indexes where every value and member name starts in
// one more pass over the already-validated text, without recursion: a tree
// of nodes in document order, linear in the text, looked up by JSON pointer
// ("/months/3/1") only when an error is reported.
//
// Limits and checks, before anything else reads the text:
//   - arrays and objects nest at most k_max_json_depth deep; deeper is
//     `path:line:col: nesting deeper than 64` at the bracket that goes over;
//   - a UTF-8 byte-order mark at the start is dropped, so lines and columns
//     are those an editor shows;
//   - a member name that repeats an earlier one of the same object is an
//     error at the repeat, compared after unescaping ("\u006eame" is "name").
//
//   auto doc = parse_json(path, text);            // Expected<JsonDoc>
//   if (!doc) std::cerr << doc.error().to_string();
//   const auto& months = doc.value().json.at("months");
//   doc.value().error_at("/months/3", "expected an array of strings");
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "mstimeline/error.hpp"

namespace mstl {

// How deep arrays and objects may nest in any JSON file the tool reads. Its
// own files nest 6 deep at most; the bound keeps every reader's stack, time
// and memory linear in the text.
inline constexpr std::size_t k_max_json_depth = 64;

// Where each value of a JSON text starts: its nodes in document order, each
// followed by its subtree.
struct JsonPositions {
  struct Node {
    std::size_t value_at = 0;                 // byte offset of the value
    std::size_t key_at = std::string::npos;   // of its member name, for an object's member
    std::size_t end = 0;                      // index of the first node after its subtree
    std::size_t key_begin = 0, key_size = 0;  // its unescaped member name in `keys`
  };
  std::vector<Node> nodes;
  std::string keys;

  // The node a JSON pointer names, or the nearest enclosing one that exists
  // (nodes must not be empty).
  std::size_t find(std::string_view pointer, bool& exact) const;
};

struct JsonDoc {
  std::string path;
  std::string text;  // without a byte-order mark
  nlohmann::json json;
  JsonPositions positions;

  // A Diagnostic pointing at the value named by `pointer` (or the nearest
  // enclosing value that exists).
  Diagnostic error_at(const std::string& pointer, std::string message) const;
  // The same, pointing at the member name (for unknown or misplaced keys).
  Diagnostic error_at_key(const std::string& pointer, std::string message) const;
};

// Parses `text` (the contents of `path`). Syntax errors, nesting deeper than
// k_max_json_depth and repeated member names come back as a Diagnostic at the
// offending byte.
Expected<JsonDoc> parse_json(std::string path, std::string text);

// Reads and parses a file; an unreadable file is a Diagnostic without position.
Expected<JsonDoc> read_json_file(const std::string& path);

// Appends one reference token to a JSON pointer, escaping `~` and `/`.
std::string json_pointer_append(const std::string& pointer, std::string_view token);

}  // namespace mstl
