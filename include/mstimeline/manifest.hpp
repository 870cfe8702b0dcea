// The optional source manifest: what the texts themselves may not say.
//
// A file named `sources.json` at the input root (or given with --manifest)
// describes the collection and each article by its relative path:
//
//   {
//     "title": "Microsoft–OpenAI partnership",
//     "sources": {
//       "articles/000_40745a8f02a1e1be.txt": {
//         "publisher": "Liputan6.com", "url": null, "published": "2023-01-25", "language": "id"
//       }
//     }
//   }
//
// Every field is optional and may be null. `published` is a calendar date
// (YYYY-MM-DD); `language` a lowercase ISO 639-1 code. Paths are relative,
// '/'-separated and stay inside the input folder. Unknown keys are errors, so
// a typo is caught rather than ignored. The tool works without a manifest.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mstimeline/error.hpp"
#include "mstimeline/json_doc.hpp"

namespace mstl {

inline constexpr const char* k_manifest_file = "sources.json";

struct SourceMeta {
  std::optional<std::string> publisher;
  std::optional<std::string> url;
  std::optional<std::string> published;  // YYYY-MM-DD
  std::optional<std::string> language;
};

struct Manifest {
  std::optional<std::string> title;
  std::map<std::string, SourceMeta> sources;  // by relative path
};

// `languages`: the lexicon codes a "language" may name (none: any code).
// check_manifest is the one validator: it appends every problem to `problems`
// (use the manifest only when none was added); parse_manifest returns the
// first.
Manifest check_manifest(const JsonDoc& doc, const std::vector<std::string>& languages,
                        std::vector<Diagnostic>& problems);
Expected<Manifest> parse_manifest(const JsonDoc& doc, const std::vector<std::string>& languages = {});

}  // namespace mstl
