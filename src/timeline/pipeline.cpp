#include "mstimeline/pipeline.hpp"

#include <fmt/format.h>

#include "mstimeline/manifest.hpp"
#include "mstimeline/walk.hpp"

namespace mstl {
namespace fs = std::filesystem;
namespace {

struct LoadedManifest {
  JsonDoc doc;
  Manifest manifest;
};

std::vector<std::string> languages_of(const Knowledge& knowledge) {
  std::vector<std::string> out;
  for (const auto& [code, lexicon] : knowledge.lexicons) out.push_back(code);
  return out;
}

std::optional<LoadedManifest> read_manifest(const BuildOptions& options, const Knowledge& knowledge) {
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
  Manifest manifest = parse_manifest(doc, languages_of(knowledge)).take();
  return LoadedManifest{std::move(doc), std::move(manifest)};
}

// The file given, else <input>/<name> when the input is a folder holding one.
std::optional<fs::path> collection_file(const std::optional<fs::path>& given, bool disabled, const fs::path& input,
                                        const char* name) {
  if (disabled) return std::nullopt;
  if (given) return given;
  std::error_code ec;
  if (!fs::is_directory(input, ec)) return std::nullopt;
  fs::path path = input / name;
  return fs::exists(path, ec) ? std::optional(path) : std::nullopt;
}

bool is_excluded(const ArticleFile& file, const BuildOptions& options) {
  std::error_code ec;
  return options.exclude && std::filesystem::equivalent(file.absolute, *options.exclude, ec);
}

// A file too large to be an article is skipped before it is read.
std::optional<Diagnostic> too_large(const ArticleFile& file, std::uintmax_t limit) {
  std::error_code ec;
  std::uintmax_t size = std::filesystem::file_size(file.absolute, ec);
  if (ec || size <= limit) return std::nullopt;
  return Diagnostic{file.absolute.string(), 0, 0,
                    fmt::format("{} bytes is more than the {}-byte limit for an article; skipped (--max-file-size)",
                                size, limit),
                    {}};
}

void apply_metadata(SourceInfo& info, const SourceMeta& meta) {
  info.publisher = meta.publisher;
  info.url = meta.url;
  info.published = meta.published;
  if (meta.published) info.published_basis = "manifest";
  if (meta.language) info.language = *meta.language;
}

}  // namespace

Catalog load_catalog(const fs::path& path) {
  JsonDoc doc = read_json_file(path.string()).take();
  return parse_catalog(doc).take();
}

TopicProfile load_topic(const fs::path& path) {
  JsonDoc doc = read_json_file(path.string()).take();
  return parse_topic(doc).take();
}

BuildResult run_build(const BuildOptions& options, const Knowledge& knowledge) {
  BuildResult result;
  std::optional<TopicProfile> topic;
  std::optional<Catalog> catalog;
  if (auto path = collection_file(options.topic, options.no_topic, options.input, k_topic_file)) {
    topic = load_topic(*path);
    result.topic_path = path->string();
  }
  if (auto path = collection_file(options.catalog, options.no_catalog, options.input, k_catalog_file)) {
    catalog = load_catalog(*path);
    result.catalog_path = path->string();
  }
  EventKnowledge events;
  events.topic = topic ? &*topic : nullptr;
  events.catalog = catalog ? &*catalog : nullptr;
  events.title_language = options.title_language;
  WalkResult walk = walk_articles(options.input);
  std::optional<LoadedManifest> loaded = read_manifest(options, knowledge);
  result.notes = std::move(walk.notes);
  result.warnings = std::move(walk.warnings);

  std::vector<std::string> ids = assign_source_ids(walk.articles);
  std::vector<DocumentRecord> records;
  std::uintmax_t bytes_read = 0;
  auto progress = [&](std::size_t done) {
    if (options.on_progress) options.on_progress(done, walk.articles.size(), bytes_read);
  };
  for (std::size_t i = 0; i < walk.articles.size(); ++i) {
    progress(i);
    const ArticleFile& file = walk.articles[i];
    if (is_excluded(file, options)) {
      result.notes.push_back(fmt::format("skipped {}: it is the output file", file.relative));
      continue;
    }
    if (auto large = too_large(file, options.max_file_size)) {
      result.warnings.push_back(*large);
      continue;
    }
    auto article = read_article(file, ids[i]);
    if (!article) {
      result.warnings.push_back(article.error());
      continue;
    }
    Article& a = article.value();
    bytes_read += a.bytes.size();
    if (loaded) {
      auto it = loaded->manifest.sources.find(a.info.path);
      if (it != loaded->manifest.sources.end()) apply_metadata(a.info, it->second);
    }
    if (!options.language.empty()) a.info.language = options.language;
    records.push_back(extract_document(a, knowledge, events));
  }
  progress(walk.articles.size());
  if (loaded) {
    for (const auto& [path, meta] : loaded->manifest.sources) {
      bool found = std::any_of(walk.articles.begin(), walk.articles.end(),
                               [&](const ArticleFile& f) { return f.relative == path; });
      if (!found)
        result.warnings.push_back(loaded->doc.error_at_key(json_pointer_append("/sources", path),
                                                           "no article file at this path under the input folder"));
    }
  }
  if (walk.articles.empty())
    result.warnings.push_back(Diagnostic{options.input.string(), 0, 0, "no article files (.txt, .md) found", {}});
  std::string title = !options.title.empty()                     ? options.title
                      : loaded && loaded->manifest.title          ? *loaded->manifest.title
                                                                  : std::string("Timeline");
  result.timeline = build_timeline(std::move(title), std::move(records), events);
  return result;
}

}  // namespace mstl
