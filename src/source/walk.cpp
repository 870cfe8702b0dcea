#include "mstimeline/walk.hpp"

#include "mstimeline/decode.hpp"
#include "mstimeline/output.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

namespace mstl {
namespace fs = std::filesystem;
namespace {

bool is_article_name(const std::string& name) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return false;
  std::string ext = name.substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".txt" || ext == ".md";
}

struct Pattern {
  std::string glob;
  bool anchored = false;   // "/drafts": only at the root
  bool dirs_only = false;  // "drafts/": only folders
};

// The patterns of the ignore file; one that is there but cannot be read is a warning (an error under
// --strict), never skipped in silence: the files it should leave out would be published.
std::vector<Pattern> read_ignore_patterns(const fs::path& root, std::vector<Diagnostic>& warnings) {
  std::vector<Pattern> patterns;
  const std::string path = (root / k_ignore_file).string();
  std::error_code ec;
  if (fs::symlink_status(path, ec).type() == fs::file_type::not_found) return patterns;
  auto file = InputFile::open(path);
  auto text = file ? file.value().read_all(k_max_data_file, "an ignore file") : Expected<std::string>(file.error());
  if (!text) {
    Diagnostic d = text.error();
    d.path = escape_file_name(path);
    d.message += "; none of its patterns is applied";
    warnings.push_back(std::move(d));
    return patterns;
  }
  std::istringstream in(text.value());
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    line = line.substr(first, line.find_last_not_of(" \t") + 1 - first);
    Pattern p;
    if (line.size() > 1 && line.back() == '/') {
      line.pop_back();
      p.dirs_only = true;
    }
    if (line.size() > 1 && line.front() == '/') {
      line.erase(0, 1);
      p.anchored = true;
    }
    p.glob = line;
    patterns.push_back(p);
  }
  return patterns;
}

class Walker {
 public:
  Walker(const fs::path& root, WalkResult& out)
      : m_root(root), m_out(out), m_patterns(read_ignore_patterns(root, out.warnings)) {}

  void visit_directory(const fs::path& dir, const std::string& prefix) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) return warn(dir, "cannot list directory: " + ec.message());
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) return warn(dir, "cannot list directory: " + ec.message());
      visit_entry(*it, prefix);
    }
  }

 private:
  void visit_entry(const fs::directory_entry& entry, const std::string& prefix) {
    std::string name = entry.path().filename().string();
    std::string relative = prefix.empty() ? name : prefix + "/" + name;
    if (name.front() == '.') return note(relative, "hidden");
    std::error_code ec;
    bool is_link = entry.is_symlink(ec);
    bool is_dir = entry.is_directory(ec);
    if (is_ignored(relative, is_dir)) return note(relative, fmt::format("matches {}", k_ignore_file));
    if (is_dir && is_link) return note(relative, "symbolic link to a directory, not followed");
    if (is_dir) return visit_directory(entry.path(), relative);
    if (!entry.is_regular_file(ec)) {
      if (is_link) {
        std::error_code follow;
        (void)fs::status(entry.path(), follow);
        return warn(entry.path(), follow ? "cannot follow symbolic link: " + follow.message()
                                         : std::string("symbolic link to something that is not a file"));
      }
      return note(relative, "not a regular file");
    }
    if (!is_article_name(name)) return note(relative, "not an article file (.txt, .md)");
    if (find_invalid_utf8(relative) != std::string::npos)
      warn(entry.path(), "file name is not valid UTF-8; its bytes are shown escaped (\\xHH) in the output");
    m_out.articles.push_back({relative, entry.path().string()});
  }

  bool is_ignored(const std::string& relative, bool is_dir) const {
    return std::any_of(m_patterns.begin(), m_patterns.end(), [&](const Pattern& p) {
      if (p.dirs_only && !is_dir) return false;
      if (p.anchored) return fnmatch(p.glob.c_str(), relative.c_str(), FNM_PATHNAME) == 0;
      return ignore_pattern_matches(p.glob, relative);
    });
  }

  void note(const std::string& relative, const std::string& why) {
    m_out.notes.push_back(fmt::format("skipped {}: {}", escape_file_name(relative), why));
  }
  void warn(const fs::path& path, std::string message) {
    m_out.warnings.push_back(Diagnostic{escape_file_name(path.string()), 0, 0, std::move(message), {}});
  }

  fs::path m_root;
  WalkResult& m_out;
  std::vector<Pattern> m_patterns;
};

}  // namespace

bool ignore_pattern_matches(const std::string& pattern, const std::string& relative) {
  if (fnmatch(pattern.c_str(), relative.c_str(), FNM_PATHNAME) == 0) return true;
  if (pattern.find('/') != std::string::npos) return false;
  std::string name = relative.substr(relative.rfind('/') + 1);
  return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

WalkResult walk_articles(const fs::path& root) {
  WalkResult out;
  if (root.empty()) throw Error("the input path is empty");
  std::error_code ec;
  auto status = fs::status(root, ec);
  std::string shown = escape_file_name(root.string());
  if (ec && ec != std::errc::no_such_file_or_directory) throw Error(fmt::format("{}: {}", shown, ec.message()));
  if (ec || !fs::exists(status)) throw Error(fmt::format("{}: no such file or directory", shown));
  if (fs::is_directory(status)) {
    Walker(root, out).visit_directory(root, "");
  } else if (fs::is_regular_file(status)) {
    out.articles.push_back({root.filename().string(), root.string()});  // any name: the user chose this file
  } else {
    throw Error(fmt::format("{}: not a regular file or directory", shown));
  }
  std::sort(out.articles.begin(), out.articles.end(),
            [](const ArticleFile& a, const ArticleFile& b) { return a.relative < b.relative; });
  std::sort(out.notes.begin(), out.notes.end());
  std::sort(out.warnings.begin(), out.warnings.end(),
            [](const Diagnostic& a, const Diagnostic& b) { return a.path < b.path; });
  return out;
}

}  // namespace mstl
