#include "mstimeline/pipeline.hpp"

#include <fmt/format.h>

#include "mstimeline/manifest.hpp"
#include "mstimeline/walk.hpp"

namespace mstl {
namespace fs = std::filesystem;
namespace {

std::optional<Manifest> read_manifest(const BuildOptions& options) {
  fs::path path;
  if (options.manifest) {
    path = *options.manifest;
  } else {
    std::error_code ec;
    if (!fs::is_directory(options.input, ec)) return std::nullopt;
    path = options.input / k_manifest_file;
    if (!fs::exists(path, ec)) return std::nullopt;
  }
  JsonDoc doc = read_json_file(path.string()).take();
  return parse_manifest(doc).take();
}

void apply_metadata(SourceInfo& info, const SourceMeta& meta) {
  info.publisher = meta.publisher;
  info.url = meta.url;
  info.published = meta.published;
  if (meta.language) info.language = *meta.language;
}

}  // namespace

BuildResult run_build(const BuildOptions& options, const Knowledge& knowledge) {
  BuildResult result;
  WalkResult walk = walk_articles(options.input);
  std::optional<Manifest> manifest = read_manifest(options);
  result.notes = std::move(walk.notes);
  result.warnings = std::move(walk.warnings);

  std::vector<std::string> ids = assign_source_ids(walk.articles);
  std::vector<DocumentRecord> records;
  for (std::size_t i = 0; i < walk.articles.size(); ++i) {
    auto article = read_article(walk.articles[i], ids[i]);
    if (!article) {
      result.warnings.push_back(article.error());
      continue;
    }
    Article& a = article.value();
    if (manifest) {
      auto it = manifest->sources.find(a.info.path);
      if (it != manifest->sources.end()) apply_metadata(a.info, it->second);
    }
    if (!options.language.empty()) a.info.language = options.language;
    if (!a.info.language.empty()) (void)knowledge.lexicon(a.info.language);  // unknown language: a clear error
    records.push_back(extract_document(a, knowledge));
  }
  if (manifest) {
    for (const auto& [path, meta] : manifest->sources) {
      bool found = std::any_of(walk.articles.begin(), walk.articles.end(),
                               [&](const ArticleFile& f) { return f.relative == path; });
      if (!found) result.notes.push_back(fmt::format("manifest entry {} names no article file", path));
    }
  }
  std::string title = !options.title.empty()              ? options.title
                      : manifest && manifest->title        ? *manifest->title
                                                           : std::string("Timeline");
  result.timeline = build_timeline(std::move(title), std::move(records));
  return result;
}

}  // namespace mstl
