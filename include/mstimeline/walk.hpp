// Finding the article files of an input folder.
//
// walk_articles() lists every article file below a folder, recursively, in
// byte-wise order of the '/'-separated relative paths, so the result does not
// depend on the file system's order. Article files end in `.txt` or `.md`
// (any case). Skipped, with a note for `--verbose`:
//   - other files, and entries whose name starts with '.';
//   - paths matching a pattern of the folder's `.mstimelineignore` (one glob
//     per line, `#` comments; a pattern matches the relative path or, when it
//     has no '/', the file name; a leading '/' anchors it at the root and a
//     trailing '/' limits it to folders, as in .gitignore; a matching folder
//     skips the whole tree);
//   - symbolic links to directories (never followed, so loops cannot occur).
// A folder that cannot be listed is a warning; the walk goes on elsewhere.
// A single regular file given instead of a folder is a one-article input,
// whatever its name; anything else (a device, a FIFO) is refused.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "mstimeline/error.hpp"

namespace mstl {

struct ArticleFile {
  std::string relative;  // '/'-separated path relative to the input root
  std::string absolute;  // path to open: the input path and `relative` (a string: a std::filesystem::path
                         // keeps a list of its components, 300 bytes more per file of an archive)
};

struct WalkResult {
  std::vector<ArticleFile> articles;  // sorted by `relative`, byte-wise
  std::vector<std::string> notes;     // what was skipped and why (for --verbose)
  std::vector<Diagnostic> warnings;   // what could not be read
};

// The name of the optional ignore file at the input root.
inline constexpr const char* k_ignore_file = ".mstimelineignore";

// Throws mstl::Error when `root` does not exist.
WalkResult walk_articles(const std::filesystem::path& root);

// Whether `relative` (or its file name, for patterns without '/') matches a glob.
bool ignore_pattern_matches(const std::string& pattern, const std::string& relative);

}  // namespace mstl
