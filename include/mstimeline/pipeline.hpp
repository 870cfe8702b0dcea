// The build pipeline: an input folder in, a Timeline out, in two steps that
// can also run apart (extract on many machines, merge on one; record.hpp):
//
//   run_extract:  walk the folder -> read the manifest -> for each article,
//                 on `jobs` threads: read, decode, attach metadata, extract,
//                 release the bytes -> documents in file order
//   write_part:   the same, each document written out as a part's line in
//                 file order as it is done, not kept (mstimeline extract)
//   merge_documents: final source ids over all documents -> build_timeline
//
// run_build is exactly merge_documents(run_extract(...)), so the output does
// not depend on the number of threads or on how the files were sharded.
//
// One bad article never costs the others: it becomes a warning (with its
// `path:line:col` where there is one) and the build goes on. Errors that make
// the whole run meaningless (a missing folder, a broken manifest) throw.
#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mstimeline/error.hpp"
#include "mstimeline/knowledge.hpp"
#include "mstimeline/record.hpp"
#include "mstimeline/timeline.hpp"
#include "mstimeline/timings.hpp"

namespace mstl {

inline constexpr std::uintmax_t k_default_max_file_size = 64ull << 20;  // 64 MiB

struct BuildOptions {
  std::filesystem::path input;                             // a folder, or a single article
  std::optional<std::filesystem::path> manifest;           // default: <input>/sources.json when present
  std::string title;                                       // default: the manifest's, else "Timeline"
  std::string language;                                    // force every article's language ("" = per article)
  std::uintmax_t max_file_size = k_default_max_file_size;  // larger files are skipped with a warning
  std::optional<std::filesystem::path> exclude;            // never read this file (the output, when inside the input)
  std::optional<std::filesystem::path> topic;              // default: <input>/topic.json when present
  std::optional<std::filesystem::path> catalog;            // default: <input>/catalog.json when present
  bool no_topic = false;                                   // keep every dated sentence
  bool no_catalog = false;
  std::string title_language = "en";  // catalog titles in this language
  // Called after each article file with the files done, the files in all and
  // the bytes read so far (a progress bar).
  // Called from worker threads, one call at a time.
  std::function<void(std::size_t done, std::size_t total, std::uintmax_t bytes)> on_progress;
  std::size_t jobs = 0;         // worker threads; 0: one per core
  std::size_t shard_index = 0;  // extract only the files whose index in path order is
  std::size_t shard_count = 1;  // shard_index modulo shard_count
  bool keep_review = false;     // keep the dropped mentions and fill Timeline::review; a build does not need them
  // Parts of an earlier extract (write_part only): a document line whose
  // "input" fingerprint is the same as a file's now is copied from them as it
  // is, not extracted again. Lines are found as extract writes them, not
  // parsed (merge parses them); one cut short is extracted again.
  std::vector<std::filesystem::path> reuse;
  Timings* timings = nullptr;  // when set, the steps are marked in it (--timings)
};

struct Extraction {
  PartHeader header;                      // title, topic profile and catalog used
  std::vector<DocumentRecord> documents;  // run_extract: in path order; source ids provisional (the relative path)
  std::size_t reused = 0;                 // write_part: documents copied from BuildOptions::reuse
  std::size_t skipped = 0;                // documents read for their source only (extract_document, beyond_story)
  std::optional<std::string> topic_path;
  std::optional<std::string> catalog_path;
  std::vector<Diagnostic> warnings;
  std::vector<std::string> notes;
};

// The documents of the input, kept in memory for merge_documents (a build).
Extraction run_extract(const BuildOptions& options, const Knowledge& knowledge);

// `mstimeline extract`: the part (record.hpp) of the input, handed to `write`
// piece by piece in order, one call at a time: its header line, then each
// document's line (with its "input" fingerprint, or copied from a --reuse
// part) in file order. Blocks of files are extracted on the threads and
// written as they are done in order, so memory does not grow with the
// archive; the Extraction returned keeps no documents. The bytes are the
// same for any number of threads. When `write` throws, the extraction stops
// and the exception comes out of write_part.
Extraction write_part(const BuildOptions& options, const Knowledge& knowledge,
                      const std::function<void(std::string_view)>& write);

// This build's version, as `mstimeline --version` prints it and as parts'
// fingerprints include it: a new version extracts every document again.
const char* tool_version();

// The warning for a file whose extraction threw: that file is skipped and the
// others go on. An mstl::Error says what it says; anything else is a bug,
// reported as an internal error to send in with the file.
Diagnostic extraction_failure(const std::string& path, const std::exception_ptr& failure);

// Assigns the final source ids over all documents (assign_source_ids on their
// paths) and builds the timeline with the headers' topic and catalog, which
// must agree. The title is `title` when not empty, else the headers', else
// "Timeline". Timeline::review is filled only when `review` is set; `jobs`
// threads (0: one per core) do the merging's searches. Throws mstl::Error when
// two documents have the same path or the headers disagree. With `timings`,
// its steps are marked there ("merge: ...").
Timeline merge_documents(std::vector<DocumentRecord> documents, const std::vector<PartHeader>& headers,
                         const Knowledge& knowledge, const std::string& title, const std::string& title_language,
                         bool review = false, std::size_t jobs = 1, Timings* timings = nullptr);

struct BuildResult {
  Timeline timeline;
  std::optional<std::string> topic_path;  // the profile and catalog used, if any
  std::optional<std::string> catalog_path;
  std::vector<Diagnostic> warnings;  // files skipped or unreadable
  std::vector<std::string> notes;    // what was skipped and why, for --verbose
};

BuildResult run_build(const BuildOptions& options, const Knowledge& knowledge);

// A catalog or topic file, read and checked; errors throw with their position.
Catalog load_catalog(const std::filesystem::path& path);
TopicProfile load_topic(const std::filesystem::path& path);

}  // namespace mstl
