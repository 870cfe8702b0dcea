// Labels: the words of the pages renderers write (md, html), one JSON file
// per language.
//
// `data/labels/<code>.json` maps each key of k_label_keys to a template; a
// template may use the placeholders its key allows ("{n} sources"), and no
// others. Counted words come in pairs, `<key>_one` and `<key>_other`, picked
// by Labels::count(). docs/labels.md documents every key.
//
//   const Labels& en = knowledge.label_set("en");
//   en.get("sources_heading")                       -> "Sources"
//   en.count("sources", 3)                          -> "3 sources"
//   en.fill("bytes", {{"start", "10"}, {"end", "20"}}) -> "bytes 10–20"
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mstimeline/error.hpp"
#include "mstimeline/json_doc.hpp"

namespace mstl {

struct LabelKey {
  std::string_view key;
  std::vector<std::string_view> placeholders;  // the names a template of this key may use
};

// Every key a labels file must define.
const std::vector<LabelKey>& label_keys();

class Labels {
 public:
  using Args = std::vector<std::pair<std::string_view, std::string>>;

  std::string language;

  const std::string& get(std::string_view key) const;
  // The template of `key` with each {name} replaced by its argument.
  std::string fill(std::string_view key, const Args& args) const;
  // `<key>_one` for n == 1, else `<key>_other`, with {n} replaced by n.
  std::string count(std::string_view key, std::size_t n) const;
  // The label of an event kind ("kind_<kind>"); "new_event" for "".
  const std::string& kind(std::string_view kind) const;

  std::map<std::string, std::string, std::less<>> templates;
};

// Validates a labels file: every key of label_keys() present with a
// non-empty string that uses only its placeholders, no unknown keys, and
// "language" equal to the file's stem.
Expected<Labels> parse_labels(const JsonDoc& doc, const std::string& expected_language);

// `{name}` replaced by its argument; other text, braces included, is kept.
std::string fill_template(std::string_view pattern, const Labels::Args& args);

}  // namespace mstl
