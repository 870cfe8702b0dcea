#include "mstimeline/labels.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "mstimeline/catalog.hpp"

namespace mstl {

const std::vector<LabelKey>& label_keys() {
  static const std::vector<LabelKey> keys = [] {
    std::vector<LabelKey> k = {
        {"sources_one", {"n"}},
        {"sources_other", {"n"}},
        {"events_one", {"n"}},
        {"events_other", {"n"}},
        {"at_a_glance", {}},
        {"catalog", {}},
        {"new_event", {}},
        {"dated_by", {"text"}},
        {"undated_in_text", {}},
        {"dated_in_conflict", {"text"}},
        {"conflict", {}},
        {"conflict_detail", {"where", "text", "value"}},
        {"bytes", {"start", "end"}},
        {"merged_because", {}},
        {"undated_heading", {}},
        {"undated_intro", {}},
        {"sources_heading", {}},
        {"publisher", {}},
        {"unknown_publisher", {}},
        {"file", {}},
        {"language", {}},
        {"published", {}},
        {"published_manifest", {}},
        {"published_dateline", {}},
        {"published_path", {}},
        {"published_inferred", {}},
        {"published_catalog", {}},
        {"unknown", {}},
        {"url", {}},
        {"quotes_cited", {}},
        {"quote_note", {}},
        {"shortened_note", {}},
        {"uncited_one", {"n"}},
        {"unshown_one", {"n"}},
        {"unshown_other", {"n"}},
        {"more_quotes_one", {"n"}},
        {"more_quotes_other", {"n"}},
        {"uncited_other", {"n"}},
        {"place", {"source", "start"}},
        {"why_trigger", {"place", "event", "trigger"}},
        {"why_repeats", {"place", "other"}},
        {"why_same_day", {"place", "other", "day"}},
        {"why_words", {"place", "other", "date", "other_date", "words", "score"}},
    };
    static std::set<std::string, std::less<>> kind_keys;  // storage for the views below
    for (auto kind : k_event_kinds) k.push_back({*kind_keys.insert("kind_" + std::string(kind)).first, {}});
    return k;
  }();
  return keys;
}

const std::string& Labels::get(std::string_view key) const {
  auto it = templates.find(key);
  if (it == templates.end())
    throw Error(fmt::format("no label \"{}\" for locale {}", key, language), ExitCode::internal);
  return it->second;
}

std::string fill_template(std::string_view pattern, const Labels::Args& args) {
  std::string out;
  out.reserve(pattern.size());
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      std::size_t close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = pattern.substr(i + 1, close - i - 1);
        auto arg = std::find_if(args.begin(), args.end(), [&](const auto& a) { return a.first == name; });
        if (arg != args.end()) {
          out += arg->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  return out;
}

std::string Labels::fill(std::string_view key, const Args& args) const { return fill_template(get(key), args); }

std::string Labels::count(std::string_view key, std::size_t n) const {
  std::string full = std::string(key) + (n == 1 ? "_one" : "_other");
  return fill(full, {{"n", std::to_string(n)}});
}

const std::string& Labels::kind(std::string_view k) const {
  if (k.empty()) return get("new_event");
  auto it = templates.find("kind_" + std::string(k));
  return it != templates.end() ? it->second : get("new_event");
}

Expected<Labels> parse_labels(const JsonDoc& doc, const std::string& expected_language) {
  const auto& j = doc.json;
  if (!j.is_object()) return doc.error_at("", "a labels file must be a JSON object");
  Labels labels;
  for (const auto& [key, value] : j.items()) {
    if (key == "comment") continue;
    if (key == "language") {
      if (!value.is_string() || value.get<std::string>() != expected_language)
        return doc.error_at("/language",
                            fmt::format("\"language\" must be \"{}\", the file's name", expected_language));
      labels.language = value.get<std::string>();
      continue;
    }
    if (key != "labels")
      return doc.error_at_key("/" + key, fmt::format("unknown key \"{}\" (expected comment, language, labels)", key));
  }
  if (labels.language.empty()) return doc.error_at("", "missing \"language\"");
  auto it = j.find("labels");
  if (it == j.end() || !it->is_object())
    return doc.error_at(it == j.end() ? "" : "/labels", "\"labels\" must be an object of strings");
  for (const auto& item : it->items()) {
    const std::string& key = item.key();
    const auto& value = item.value();
    std::string at = json_pointer_append("/labels", key);
    auto known =
        std::find_if(label_keys().begin(), label_keys().end(), [&](const LabelKey& k) { return k.key == key; });
    if (known == label_keys().end())
      return doc.error_at_key(at, fmt::format("unknown label \"{}\" (docs/labels.md lists them)", key));
    if (!value.is_string() || value.get<std::string>().empty()) return doc.error_at(at, "expected a non-empty string");
    const std::string& text = value.get<std::string>();
    for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
      std::size_t close = text.find('}', open);
      std::string name = text.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
      bool allowed = close != std::string::npos && std::find(known->placeholders.begin(), known->placeholders.end(),
                                                             name) != known->placeholders.end();
      if (!allowed) {
        std::string list;
        for (auto p : known->placeholders) list += (list.empty() ? "{" : ", {") + std::string(p) + "}";
        return doc.error_at(at, fmt::format("unknown placeholder in \"{}\" (this label may use: {})", text,
                                            list.empty() ? "none" : list));
      }
    }
    labels.templates.emplace(key, text);
  }
  for (const auto& k : label_keys())
    if (!labels.templates.contains(k.key)) return doc.error_at("/labels", fmt::format("missing label \"{}\"", k.key));
  return labels;
}

}  // namespace mstl
