#include "mstimeline/manifest.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "mstimeline/timex.hpp"

namespace mstl {
namespace {

using nlohmann::json;

// Reads an optional string field; a wrong type is a Diagnostic.
std::optional<Diagnostic> read_string(const JsonDoc& doc, const json& object, const std::string& pointer,
                                      const char* key, std::optional<std::string>& out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  std::string at = json_pointer_append(pointer, key);
  if (!it->is_string()) return doc.error_at(at, fmt::format("\"{}\" must be a string or null", key));
  out = it->get<std::string>();
  return std::nullopt;
}

bool is_language_code(const std::string& s) {
  return s.size() == 2 && std::islower(static_cast<unsigned char>(s[0])) &&
         std::islower(static_cast<unsigned char>(s[1]));
}

// "2013-12-4" as "2013-12-04": manifests written by hand or by scripts often
// leave month and day unpadded; anything else is returned unchanged.
std::string padded_date(const std::string& s) {
  std::size_t a = s.find('-'), b = a == std::string::npos ? a : s.find('-', a + 1);
  if (a != 4 || b == std::string::npos || b - a - 1 < 1 || b - a - 1 > 2 || s.size() - b - 1 < 1 ||
      s.size() - b - 1 > 2)
    return s;
  if (!std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); })) return s;
  auto two = [](std::string_view part) { return part.size() == 1 ? "0" + std::string(part) : std::string(part); };
  std::string_view v(s);
  return std::string(v.substr(0, 4)) + "-" + two(v.substr(a + 1, b - a - 1)) + "-" + two(v.substr(b + 1));
}

bool is_safe_relative_path(const std::string& p) {
  if (p.empty() || p.front() == '/' || p.find('\\') != std::string::npos) return false;
  std::size_t start = 0;
  while (start <= p.size()) {
    std::size_t end = p.find('/', start);
    if (end == std::string::npos) end = p.size();
    std::string_view part(p.data() + start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

void read_source(const JsonDoc& doc, const std::string& path, const json& entry,
                 const std::vector<std::string>& languages, SourceMeta& meta, std::vector<Diagnostic>& problems) {
  std::string pointer = json_pointer_append("/sources", path);
  if (!is_safe_relative_path(path))
    problems.push_back(doc.error_at_key(
        pointer, fmt::format("source path \"{}\" must be relative and stay inside the input folder", path)));
  if (!entry.is_object()) return problems.push_back(doc.error_at(pointer, "a source entry must be an object"));
  for (const auto& [key, value] : entry.items()) {
    if (key != "publisher" && key != "url" && key != "published" && key != "language")
      problems.push_back(
          doc.error_at_key(json_pointer_append(pointer, key),
                           fmt::format("unknown key \"{}\" (expected publisher, url, published, language)", key)));
  }
  for (auto [key, field] : {std::pair{"publisher", &meta.publisher}, std::pair{"url", &meta.url},
                            std::pair{"published", &meta.published}, std::pair{"language", &meta.language}}) {
    if (auto err = read_string(doc, entry, pointer, key, *field)) problems.push_back(std::move(*err));
  }
  if (meta.published) {
    std::string written = *meta.published;
    meta.published = padded_date(written);
    auto date = parse_date_value(*meta.published);
    if (!date || date->precision != Precision::day)
      problems.push_back(
          doc.error_at(json_pointer_append(pointer, "published"),
                       fmt::format("\"published\" must be a calendar date YYYY-MM-DD, not \"{}\"", written)));
  }
  if (meta.language && !is_language_code(*meta.language))
    problems.push_back(
        doc.error_at(json_pointer_append(pointer, "language"),
                     fmt::format("\"language\" must be a two-letter lowercase code, not \"{}\"", *meta.language)));
  else if (meta.language && !languages.empty() &&
           std::find(languages.begin(), languages.end(), *meta.language) == languages.end())
    problems.push_back(doc.error_at(
        json_pointer_append(pointer, "language"),
        fmt::format("no lexicon for language \"{}\" (available: {})", *meta.language, fmt::join(languages, ", "))));
}

Manifest read_manifest(const JsonDoc& doc, const std::vector<std::string>& languages,
                       std::vector<Diagnostic>& problems) {
  Manifest m;
  const json& root = doc.json;
  if (!root.is_object()) {
    problems.push_back(doc.error_at("", "a manifest must be a JSON object"));
    return m;
  }
  for (const auto& [key, value] : root.items()) {
    if (key != "title" && key != "sources")
      problems.push_back(doc.error_at_key(json_pointer_append("", key),
                                          fmt::format("unknown key \"{}\" (expected title, sources)", key)));
  }
  if (auto err = read_string(doc, root, "", "title", m.title)) problems.push_back(std::move(*err));
  auto sources = root.find("sources");
  if (sources == root.end() || sources->is_null()) return m;
  if (!sources->is_object()) {
    problems.push_back(doc.error_at("/sources", "\"sources\" must be an object keyed by relative path"));
    return m;
  }
  for (const auto& [path, entry] : sources->items())
    read_source(doc, path, entry, languages, m.sources[path], problems);
  return m;
}

}  // namespace

Manifest check_manifest(const JsonDoc& doc, const std::vector<std::string>& languages,
                        std::vector<Diagnostic>& problems) {
  std::vector<Diagnostic> found;  // in the order of the file at the end, not of the keys
  Manifest m = read_manifest(doc, languages, found);
  sort_by_position(found);
  problems.insert(problems.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  return m;
}

Expected<Manifest> parse_manifest(const JsonDoc& doc, const std::vector<std::string>& languages) {
  std::vector<Diagnostic> problems;
  Manifest m = check_manifest(doc, languages, problems);
  if (problems.empty()) return m;
  return problems.front();
}

}  // namespace mstl
