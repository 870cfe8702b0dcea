// The build pipeline: an input folder in, a Timeline out.
//
//   walk the folder -> assign source ids -> read the manifest -> for each
//   article: read, decode, attach metadata, extract -> build the timeline
//
// One bad article never costs the others: it becomes a warning (with its
// `path:line:col` where there is one) and the build goes on. Errors that make
// the whole run meaningless (a missing folder, a broken manifest) throw.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mstimeline/error.hpp"
#include "mstimeline/knowledge.hpp"
#include "mstimeline/timeline.hpp"

namespace mstl {

inline constexpr std::uintmax_t k_default_max_file_size = 64ull << 20;  // 64 MiB

struct BuildOptions {
  std::filesystem::path input;                    // a folder, or a single article
  std::optional<std::filesystem::path> manifest;  // default: <input>/sources.json when present
  std::string title;                              // default: the manifest's, else "Timeline"
  std::string language;                           // force every article's language ("" = per article)
  std::uintmax_t max_file_size = k_default_max_file_size;  // larger files are skipped with a warning
  std::optional<std::filesystem::path> exclude;   // never read this file (the output, when inside the input)
  std::optional<std::filesystem::path> topic;     // default: <input>/topic.json when present
  std::optional<std::filesystem::path> catalog;   // default: <input>/catalog.json when present
  bool no_topic = false;                          // keep every dated sentence
  bool no_catalog = false;
  std::string title_language = "en";              // catalog titles in this language
  // Called after each article file with the files done, the files in all and
  // the bytes read so far (a progress bar).
  std::function<void(std::size_t done, std::size_t total, std::uintmax_t bytes)> on_progress;
};

struct BuildResult {
  Timeline timeline;
  std::optional<std::string> topic_path;    // the profile and catalog used, if any
  std::optional<std::string> catalog_path;
  std::vector<Diagnostic> warnings;  // files skipped or unreadable
  std::vector<std::string> notes;    // what was skipped and why, for --verbose
};

BuildResult run_build(const BuildOptions& options, const Knowledge& knowledge);

// A catalog or topic file, read and checked; errors throw with their position.
Catalog load_catalog(const std::filesystem::path& path);
TopicProfile load_topic(const std::filesystem::path& path);

}  // namespace mstl
