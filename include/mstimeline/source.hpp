// Articles as sources: their bytes, identity and metadata.
//
// An Article owns the exact bytes of its file and their decoding: `text()` is
// the UTF-8 text (the bytes after a byte-order mark when the file is UTF-8,
// else the transcoded text), and `file_offset` maps an offset in it back to
// the file, so a citation's quote is the file's bytes [start, end) decoded.
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

#include "mstimeline/decode.hpp"
#include "mstimeline/error.hpp"
#include "mstimeline/output.hpp"
#include "mstimeline/walk.hpp"

namespace mstl {

// A field added here is also packed by build_timeline (PackedSources, src/timeline/builder.cpp).
struct SourceInfo {
  std::string id;
  std::string path;  // relative to the input root, '/'-separated
  std::string sha256;
  std::string encoding = "utf-8";
  std::string language;
  std::optional<std::string> publisher;
  std::optional<std::string> url;
  std::optional<std::string> published;     // YYYY-MM-DD
  std::string published_basis = "unknown";  // "manifest", "dateline", "inferred" or "unknown"
};

struct Article {
  SourceInfo info;
  std::string display_path;  // the path as the user wrote it, for diagnostics
  std::string bytes;
  Decoded decoding;
  std::string_view text() const { return decoding.view(bytes); }
  std::size_t file_offset(std::size_t text_offset) const { return decoding.file_offset(text_offset); }
};

// Reads and decodes one file. The id is given; language and metadata are the caller's. A file that
// holds more than `max_bytes` (counted as read: a /proc file says it has none) is
// "path: more than the <max_bytes>-byte limit for an article; skipped (--max-file-size)".
Expected<Article> read_article(const ArticleFile& file, std::string id, std::uintmax_t max_bytes = 64ull << 20);
// The same for a file the caller has opened (and checked: its size, whether it is the output).
Expected<Article> read_article(const ArticleFile& file, std::string id, InputFile& opened, std::uintmax_t max_bytes);

// One id per relative path, in the same order: the file's stem, else (when
// another file has the same stem) its path without extension, else its path.
// The paths are taken as the output shows them (escape_file_name: unique
// paths stay unique), so an id is always printable and unique.
std::vector<std::string> assign_source_ids(const std::vector<std::string>& relative_paths);
std::vector<std::string> assign_source_ids(const std::vector<ArticleFile>& files);

}  // namespace mstl
