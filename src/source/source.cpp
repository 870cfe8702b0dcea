#include "mstimeline/source.hpp"

#include <string_view>
#include <unordered_map>

#include "mstimeline/decode.hpp"
#include "mstimeline/output.hpp"
#include "mstimeline/sha256.hpp"

namespace mstl {
namespace {

std::string stem_of(const std::string& relative) {
  std::string name = relative.substr(relative.rfind('/') + 1);
  return name.substr(0, name.rfind('.'));
}

std::string without_extension(const std::string& relative) {
  auto dot = relative.rfind('.');
  auto slash = relative.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return relative;
  return relative.substr(0, dot);
}

}  // namespace

std::vector<std::string> assign_source_ids(const std::vector<ArticleFile>& files) {
  std::vector<std::string> paths;
  paths.reserve(files.size());
  for (const auto& f : files) paths.push_back(escape_file_name(f.relative));
  return assign_source_ids(paths);
}

std::vector<std::string> assign_source_ids(const std::vector<std::string>& files) {
  // Each file's id is one of three forms, from short to unique; an id shared
  // by several files moves those files to the next form, until none is shared.
  // Relative paths are unique, so this ends.
  auto form = [&](std::size_t i, int level) {
    const std::string& r = files[i];
    return level == 0 ? stem_of(r) : level == 1 ? without_extension(r) : r;
  };
  std::vector<int> level(files.size(), 0);
  std::vector<std::string> ids(files.size());
  for (bool changed = true; changed;) {  // NOLINT: ends when every id is unique
    changed = false;
    for (std::size_t i = 0; i < files.size(); ++i) ids[i] = form(i, level[i]);
    std::unordered_map<std::string_view, int> count;  // only counted: the order of the table is never seen
    count.reserve(files.size());
    for (const auto& id : ids) ++count[id];
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (count[ids[i]] > 1 && level[i] < 2) {
        ++level[i];
        changed = true;
      }
    }
  }
  return ids;
}

Expected<Article> read_article(const ArticleFile& file, std::string id, std::uintmax_t max_bytes) {
  auto opened = InputFile::open(file.absolute);
  if (!opened) {
    Diagnostic d = opened.error();
    d.path = escape_file_name(file.absolute);
    return d;
  }
  return read_article(file, std::move(id), opened.value(), max_bytes);
}

Expected<Article> read_article(const ArticleFile& file, std::string id, InputFile& opened, std::uintmax_t max_bytes) {
  std::string display = escape_file_name(file.absolute);
  auto bytes = opened.read_all(max_bytes, "an article; skipped (--max-file-size)");
  if (!bytes) {
    Diagnostic d = bytes.error();
    d.path = display;
    return d;
  }

  Article a;
  a.bytes = std::move(bytes.value());
  auto decoded = decode_article(display, a.bytes);
  if (!decoded) return decoded.error();
  a.decoding = std::move(decoded.value());
  a.display_path = std::move(display);
  a.info.id = std::move(id);
  a.info.path = escape_file_name(file.relative);
  a.info.sha256 = sha256_hex(a.bytes);
  a.info.encoding = a.decoding.encoding;
  return a;
}

}  // namespace mstl
