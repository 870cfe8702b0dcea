#include "mstimeline/source.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "mstimeline/decode.hpp"
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

// Replaces each id shared by several files with `finer(relative)`.
void refine_shared(std::vector<std::string>& ids, const std::vector<ArticleFile>& files,
                   std::string (*finer)(const std::string&)) {
  std::map<std::string, int> count;
  for (const auto& id : ids) ++count[id];
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (count[ids[i]] > 1) ids[i] = finer(files[i].relative);
}

}  // namespace

std::vector<std::string> assign_source_ids(const std::vector<ArticleFile>& files) {
  std::vector<std::string> ids;
  for (const auto& f : files) ids.push_back(stem_of(f.relative));
  refine_shared(ids, files, without_extension);
  refine_shared(ids, files, [](const std::string& r) { return r; });
  return ids;
}

Expected<Article> read_article(const ArticleFile& file, std::string id) {
  std::string display = file.absolute.string();
  std::ifstream in(file.absolute, std::ios::binary);
  if (!in) return Diagnostic{display, 0, 0, std::string("cannot open file: ") + std::strerror(errno), {}};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Diagnostic{display, 0, 0, "cannot read file", {}};

  Article a;
  a.bytes = std::move(buffer).str();
  auto decoded = decode_article(display, a.bytes);
  if (!decoded) return decoded.error();
  a.text_begin = decoded.value().text_begin;
  a.display_path = std::move(display);
  a.info.id = std::move(id);
  a.info.path = file.relative;
  a.info.sha256 = sha256_hex(a.bytes);
  a.info.encoding = decoded.value().encoding;
  return a;
}

}  // namespace mstl
