// JSON data files with positions.
//
// Every knowledge file under data/ (lexicons, and later the catalog, the topic
// profile and the source manifest) is JSON read through JsonDoc, so that any
// error, of syntax or of schema, names `path:line:col`. nlohmann::json keeps
// no positions, so JsonDoc indexes the byte offset of every value by its JSON
// pointer ("/months/3/1") in one extra pass over the already-validated text.
//
//   auto doc = parse_json(path, text);            // Expected<JsonDoc>
//   if (!doc) std::cerr << doc.error().to_string();
//   const auto& months = doc.value().json.at("months");
//   doc.value().error_at("/months/3", "expected an array of strings");
#pragma once

#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "mstimeline/error.hpp"

namespace mstl {

struct JsonDoc {
  std::string path;
  std::string text;
  nlohmann::json json;
  std::map<std::string, std::size_t> offsets;      // JSON pointer -> byte offset of the value
  std::map<std::string, std::size_t> key_offsets;  // JSON pointer -> byte offset of its member name

  // A Diagnostic pointing at the value named by `pointer` (or the nearest
  // enclosing value that exists).
  Diagnostic error_at(const std::string& pointer, std::string message) const;
  // The same, pointing at the member name (for unknown or misplaced keys).
  Diagnostic error_at_key(const std::string& pointer, std::string message) const;
};

// Parses `text` (the contents of `path`). Syntax errors come back as a
// Diagnostic at the offending byte.
Expected<JsonDoc> parse_json(std::string path, std::string text);

// Reads and parses a file; an unreadable file is a Diagnostic without position.
Expected<JsonDoc> read_json_file(const std::string& path);

// Appends one reference token to a JSON pointer, escaping `~` and `/`.
std::string json_pointer_append(const std::string& pointer, std::string_view token);

}  // namespace mstl
