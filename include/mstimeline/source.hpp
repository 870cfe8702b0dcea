// Articles as sources: their bytes, identity and metadata.
//
// An Article owns the exact bytes of its file; `text()` is the part after a
// byte-order mark, and every offset handed out later is an offset into
// `bytes`, so a citation's quote is bytes.substr(start, end - start).
//
// Source ids are stable and readable: the file stem ("000_40745a8f02a1e1be");
// files whose ids would be shared move to the relative path without
// extension, then to the whole relative path, until every id is unique. Ids
// depend on the set of paths only, never on the order files were found in.
// A file name that is not valid UTF-8 appears with U+FFFD in ids and paths.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/error.hpp"
#include "mstimeline/walk.hpp"

namespace mstl {

struct SourceInfo {
  std::string id;
  std::string path;  // relative to the input root, '/'-separated
  std::string sha256;
  std::string encoding = "utf-8";
  std::string language;
  std::optional<std::string> publisher;
  std::optional<std::string> url;
  std::optional<std::string> published;  // YYYY-MM-DD
  std::string published_basis = "unknown";  // "manifest", "dateline", "inferred" or "unknown"
};

struct Article {
  SourceInfo info;
  std::string display_path;  // the path as the user wrote it, for diagnostics
  std::string bytes;
  std::size_t text_begin = 0;
  std::string_view text() const { return std::string_view(bytes).substr(text_begin); }
};

// Reads and decodes one file. The id is given; language and metadata are the caller's.
Expected<Article> read_article(const ArticleFile& file, std::string id);

// One id per relative path, in the same order: the file's stem, else (when
// another file has the same stem) its path without extension, else its path.
std::vector<std::string> assign_source_ids(const std::vector<std::string>& relative_paths);
std::vector<std::string> assign_source_ids(const std::vector<ArticleFile>& files);

}  // namespace mstl
