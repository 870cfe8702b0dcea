#include "mstimeline/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "mstimeline/decode.hpp"
#include "mstimeline/manifest.hpp"
#include "mstimeline/output.hpp"
#include "mstimeline/parallel.hpp"
#include "mstimeline/sha256.hpp"
#include "mstimeline/text.hpp"
#include "mstimeline/walk.hpp"

#include "code_fingerprint.inc"  // MSTL_CODE_FINGERPRINT, generated from the sources (src/CMakeLists.txt)

#ifndef MSTL_VERSION
#define MSTL_VERSION "unknown"
#endif

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

// A file too large to be an article is skipped before it is read.
std::optional<Diagnostic> too_large(const ArticleFile& file, const FileFacts& facts, std::uintmax_t limit) {
  if (facts.size <= limit) return std::nullopt;
  return Diagnostic{sanitize_utf8(file.absolute), 0, 0,
                    fmt::format("{} bytes is more than the {}-byte limit for an article; skipped (--max-file-size)",
                                facts.size, limit),
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

namespace {

// Appends `field` so that no two different sequences of fields give the same bytes.
void put_field(std::string& out, std::string_view field) {
  out += fmt::format("{}:", field.size());
  out += field;
}
void put_optional(std::string& out, const std::optional<std::string>& field) {
  out += field ? '+' : '-';
  if (field) put_field(out, *field);
}

// The "extraction" fingerprint (record.hpp): everything every document of
// this run depends on besides its own file: the code (its version, its
// sources, the ICU it runs on), the knowledge files, the options.
std::string extraction_fingerprint(const BuildOptions& options, const Knowledge& knowledge, const PartHeader& header) {
  std::string in;
  const std::string icu = text::icu_version();
  for (std::string_view field :
       {std::string_view(MSTL_VERSION), std::string_view(MSTL_CODE_FINGERPRINT), std::string_view(icu),
        std::string_view(knowledge.extraction_fingerprint), std::string_view(options.language),
        std::string_view(options.title_language), std::string_view(options.keep_review ? "review" : "")})
    put_field(in, field);
  for (const auto* j : {&header.topic, &header.catalog}) put_field(in, j->dump());  // keys sorted: canonical
  return sha256_hex(in);
}

// A document's "input" fingerprint: the run's, and what the document's
// extraction reads of its own (its source as it is before extraction: path,
// the SHA-256 of its bytes, the manifest's metadata, a given language).
std::string input_fingerprint(const std::string& extraction, const SourceInfo& s) {
  std::string in;
  put_field(in, extraction);
  for (const std::string* field : {&s.id, &s.path, &s.sha256, &s.encoding, &s.language, &s.published_basis})
    put_field(in, *field);
  for (const auto* field : {&s.publisher, &s.url, &s.published}) put_optional(in, *field);
  return sha256_hex(in);
}

constexpr std::size_t k_fingerprint_size = 64;

// Whether a line that starts as a document line of extract is one whole: it
// ends the way extract ends a line, and no line of a part starts inside it
// (no key of a part's nested objects is "type", and a quote inside a string
// is escaped), which a line cut short then followed by another part has.
bool whole_document_line(std::string_view line) {
  return line.size() > k_document_line_start.size() + k_fingerprint_size &&
         line[k_document_line_start.size() + k_fingerprint_size] == '"' && line.ends_with("}\n") &&
         line.find(k_line_type, 1) == std::string_view::npos;
}

// The document lines of the parts given to --reuse, found by their "input".
// A line is copied as it is, never parsed into a record and written again.
struct Reusable {
  std::deque<std::string> parts;  // whole: the lines are views into them
  std::unordered_map<std::string_view, std::string_view> by_input;  // "input" -> its line, '\n' included
};

Reusable read_reusable(const BuildOptions& options, const std::string& extraction, std::vector<std::string>& notes) {
  Reusable r;
  for (const auto& file : options.reuse) {
    const std::string path = file.string();
    std::string_view text = r.parts.emplace_back(read_part_text(path));
    bool header = false, same_run = false;
    for (std::size_t line_no = 1; !text.empty(); ++line_no) {
      std::size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl == std::string_view::npos ? text.size() : nl + 1);
      text.remove_prefix(line.size());
      if (line.starts_with(k_document_line_start)) {
        if (whole_document_line(line))  // of two whole copies, the first stays
          r.by_input.emplace(line.substr(k_document_line_start.size(), k_fingerprint_size), line);
      } else if (line.starts_with(k_header_line_start)) {
        auto parsed = parse_part(path, line);
        if (!parsed) {
          Diagnostic d = parsed.error();
          d.line = line_no;
          throw Error(d);
        }
        header = true;
        same_run = same_run || parsed.value().headers.at(0).extraction == extraction;
      }
    }
    if (!header) throw Error(fmt::format("{}: no header line; is it a part written by mstimeline extract?", path));
    // A document's "input" holds its run's fingerprint: none of another run's can match.
    if (!same_run)
      notes.push_back(fmt::format("--reuse {}: written by other code (mstimeline's version or sources, ICU) or with "
                                  "other knowledge files, --lang, topic profile or catalog; its documents are "
                                  "extracted again",
                                  path));
  }
  return r;
}

// One file's outcome, filled by whichever worker takes it.
struct Slot {
  bool record = false;  // the file's record is in place in the documents
  bool reused = false;  // ... taken from a --reuse part
  std::vector<Diagnostic> warnings;
  std::optional<std::string> note;
  std::exception_ptr failure;
};

// What every file's extraction shares besides the knowledge.
struct RunContext {
  const EventKnowledge& events;
  const LoadedManifest* loaded;
  const std::optional<FileFacts>& excluded;
  const std::string& extraction;  // the run's fingerprint
  const Reusable& reusable;
};

void extract_one(const ArticleFile& file, const BuildOptions& options, const Knowledge& knowledge,
                 const RunContext& run, Slot& slot, DocumentRecord& record, std::string& input, std::string_view& line,
                 std::uintmax_t& bytes) {
  const LoadedManifest* loaded = run.loaded;
  const std::optional<FileFacts>& excluded = run.excluded;
  // One open and one fstat answer both checks, and the file checked is the file read. A file that cannot be
  // opened is checked by a stat of its path: an unreadable output file is still the output, not a warning.
  auto opened = InputFile::open(file.absolute);
  std::optional<FileFacts> facts = opened ? std::optional(opened.value().facts()) : file_facts(file.absolute);
  if (facts && excluded && facts->same_file(*excluded)) {
    slot.note = fmt::format("skipped {}: it is the output file", file.relative);
    return;
  }
  if (auto large = facts ? too_large(file, *facts, options.max_file_size) : std::nullopt) {
    slot.warnings.push_back(*large);
    return;
  }
  if (!opened) {
    Diagnostic d = opened.error();
    d.path = sanitize_utf8(file.absolute);
    slot.warnings.push_back(std::move(d));
    return;
  }
  // provisional id: merge_documents assigns the final ones
  auto article = read_article(file, file.relative, opened.value());
  if (!article) {
    slot.warnings.push_back(article.error());
    return;
  }
  Article& a = article.value();
  bytes = a.bytes.size();
  slot.warnings = std::move(a.decoding.warnings);
  if (a.text().find_first_not_of(" \t\r\n") == std::string_view::npos)
    slot.warnings.push_back(Diagnostic{a.display_path, 0, 0, a.bytes.empty() ? "empty file" : "no text, only white space", {}});
  if (loaded) {
    auto it = loaded->manifest.sources.find(a.info.path);
    if (it != loaded->manifest.sources.end()) apply_metadata(a.info, it->second);
  }
  if (!options.language.empty()) a.info.language = options.language;
  if (options.inputs || !options.reuse.empty()) {  // extract, not build
    input = input_fingerprint(run.extraction, a.info);
    if (auto it = run.reusable.by_input.find(input); it != run.reusable.by_input.end()) {
      line = it->second;
      slot.record = slot.reused = true;
      return;
    }
  }
  record = extract_document(a, knowledge, run.events);
  slot.record = true;
  if (!options.keep_review) {
    record.dropped.clear();
    record.dropped.shrink_to_fit();
  }
}

std::optional<Catalog> catalog_of(const std::vector<PartHeader>& headers) {
  if (headers.empty() || headers.front().catalog.is_null()) return std::nullopt;
  return parse_catalog(parse_json("catalog (from the extract header)", headers.front().catalog.dump()).take()).take();
}

std::optional<TopicProfile> topic_of(const std::vector<PartHeader>& headers) {
  if (headers.empty() || headers.front().topic.is_null()) return std::nullopt;
  return parse_topic(parse_json("topic (from the extract header)", headers.front().topic.dump()).take()).take();
}

}  // namespace

Diagnostic extraction_failure(const std::string& path, const std::exception_ptr& failure) {
  std::string what;
  try {
    std::rethrow_exception(failure);
  } catch (const Error& e) {
    what = e.what();
  } catch (const std::exception& e) {
    what = fmt::format("internal error ({}); please report it with this file", e.what());
  } catch (...) {
    what = "internal error; please report it with this file";
  }
  return Diagnostic{path, 0, 0, what + "; skipped", {}};
}

Extraction run_extract(const BuildOptions& options, const Knowledge& knowledge) {
  Extraction x;
  if (options.shard_count == 0 || options.shard_index >= options.shard_count)
    throw Error(fmt::format("shard {}/{} does not exist (shards are numbered 0 to N-1)", options.shard_index,
                            options.shard_count));
  std::optional<TopicProfile> topic;
  std::optional<Catalog> catalog;
  if (auto path = collection_file(options.topic, options.no_topic, options.input, k_topic_file)) {
    JsonDoc doc = read_json_file(path->string()).take();
    topic = parse_topic(doc).take();
    x.header.topic = std::move(doc.json);
    x.topic_path = path->string();
  }
  if (auto path = collection_file(options.catalog, options.no_catalog, options.input, k_catalog_file)) {
    JsonDoc doc = read_json_file(path->string()).take();
    catalog = parse_catalog(doc).take();
    x.header.catalog = std::move(doc.json);
    x.catalog_path = path->string();
  }
  EventKnowledge events;
  events.topic = topic ? &*topic : nullptr;
  events.catalog = catalog ? &*catalog : nullptr;
  events.title_language = options.title_language;
  if (options.timings) options.timings->mark("topic and catalog");
  WalkResult walk = walk_articles(options.input);
  if (options.timings) options.timings->mark("walk", fmt::format("{} files", walk.articles.size()));
  std::optional<LoadedManifest> loaded = read_manifest(options, knowledge);
  if (options.timings) options.timings->mark("manifest");
  x.notes = std::move(walk.notes);
  x.warnings = std::move(walk.warnings);
  // The output file as it is now, if it exists, so that a run never reads its own last output as an article.
  const std::optional<FileFacts> excluded = options.exclude ? file_facts(options.exclude->string()) : std::nullopt;
  if (!options.title.empty()) x.header.title = options.title;
  else if (loaded && loaded->manifest.title) x.header.title = *loaded->manifest.title;
  x.header.extraction = extraction_fingerprint(options, knowledge, x.header);
  Reusable reusable = read_reusable(options, *x.header.extraction, x.notes);
  if (!options.reuse.empty() && options.timings) options.timings->mark("read parts to reuse");
  const RunContext run{events, loaded ? &*loaded : nullptr, excluded, *x.header.extraction, reusable};

  std::vector<const ArticleFile*> mine;
  for (std::size_t i = 0; i < walk.articles.size(); ++i)
    if (i % options.shard_count == options.shard_index) mine.push_back(&walk.articles[i]);

  // Workers take the next file from a shared counter; each result lands in
  // its file's slot, so the order of the output is the order of the files
  // whatever the threads do.
  std::vector<Slot> slots(mine.size());
  x.documents.resize(mine.size());  // each record is made in place, then the array closes up
  // Fingerprints and reused lines only for extract: a build keeps neither.
  const bool keyed = options.inputs || !options.reuse.empty();
  std::vector<std::string> inputs(keyed ? mine.size() : 0);
  std::vector<std::string_view> lines(options.reuse.empty() ? 0 : mine.size());
  std::atomic<std::size_t> next{0};
  std::mutex progress_mutex;
  std::size_t done = 0;
  std::uintmax_t bytes_read = 0;
  auto work = [&] {
    std::string no_input;
    std::string_view no_line;
    for (std::size_t i = next++; i < mine.size(); i = next++) {
      std::uintmax_t bytes = 0;
      try {
        extract_one(*mine[i], options, knowledge, run, slots[i], x.documents[i], keyed ? inputs[i] : no_input,
                    lines.empty() ? no_line : lines[i], bytes);
      } catch (...) {
        slots[i].failure = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(progress_mutex);
      ++done;
      bytes_read += bytes;
      if (options.on_progress) options.on_progress(done, mine.size(), bytes_read);
    }
  };
  std::size_t jobs = std::min(jobs_or_cores(options.jobs), std::max<std::size_t>(mine.size(), 1));
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < jobs; ++t) workers.emplace_back(work);
    work();
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    Slot& slot = slots[i];
    if (slot.failure) x.warnings.push_back(extraction_failure(sanitize_utf8(mine[i]->absolute), slot.failure));
    if (slot.note) x.notes.push_back(std::move(*slot.note));
    for (auto& w : slot.warnings) x.warnings.push_back(std::move(w));
    if (!slot.record) continue;
    x.reused += slot.reused;
    if (kept != i) x.documents[kept] = std::move(x.documents[i]);
    if (options.inputs) x.inputs.push_back(std::move(inputs[i]));
    if (!options.reuse.empty()) x.reused_lines.push_back(lines[i]);
    ++kept;
  }
  x.documents.resize(kept);
  x.reused_parts = std::move(reusable.parts);
  if (!options.reuse.empty())
    x.notes.push_back(fmt::format("reused {} of {} documents from --reuse", x.reused, kept));
  if (options.timings)
    options.timings->mark_rate("extract",
                               options.reuse.empty() ? fmt::format("{} files", mine.size())
                                                     : fmt::format("{} files, {} reused", mine.size(), x.reused),
                               bytes_read);
  if (loaded && options.shard_count == 1) {
    std::unordered_set<std::string_view> found;
    found.reserve(walk.articles.size());
    for (const auto& f : walk.articles) found.insert(f.relative);
    for (const auto& entry : loaded->manifest.sources) {
      const std::string& path = entry.first;
      if (!found.count(path))
        x.warnings.push_back(loaded->doc.error_at_key(json_pointer_append("/sources", path),
                                                      "no article file at this path under the input folder"));
    }
  }
  if (walk.articles.empty())
    x.warnings.push_back(Diagnostic{options.input.string(), 0, 0, "no article files (.txt, .md) found", {}});
  // One list in path order, whether the walk or the read found the problem.
  std::stable_sort(x.warnings.begin(), x.warnings.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.path < b.path; });
  return x;  // the caller marks "extract: finish": this, and the walk's list and the slots freed
}

const char* tool_version() { return MSTL_VERSION; }

Timeline merge_documents(std::vector<DocumentRecord> documents, const std::vector<PartHeader>& headers,
                         const std::string& title, const std::string& title_language, bool review,
                         std::size_t jobs, Timings* timings) {
  for (std::size_t i = 1; i < headers.size(); ++i) {
    if (headers[i].topic != headers[0].topic || headers[i].catalog != headers[0].catalog)
      throw Error("the parts were extracted with different topic profiles or catalogs; extract them again alike");
    if (headers[i].title != headers[0].title)
      throw Error("the parts have different titles; give one with --title");
  }
  std::optional<TopicProfile> topic = topic_of(headers);
  std::optional<Catalog> catalog = catalog_of(headers);
  if (timings) timings->mark("merge: headers");
  EventKnowledge events;
  events.topic = topic ? &*topic : nullptr;
  events.catalog = catalog ? &*catalog : nullptr;
  events.title_language = title_language;
  events.review = review;

  // Final ids, from the paths of every document, as if one folder held them all.
  auto by_path = [](const DocumentRecord& a, const DocumentRecord& b) { return a.source.path < b.source.path; };
  if (!std::is_sorted(documents.begin(), documents.end(), by_path))  // extract leaves them sorted
    std::sort(documents.begin(), documents.end(), by_path);
  for (std::size_t i = 1; i < documents.size(); ++i)
    if (documents[i].source.path == documents[i - 1].source.path)
      throw Error(fmt::format("{}: in two documents (overlapping shards, or a part given twice?)",
                              documents[i].source.path));
  std::vector<std::string> paths;
  paths.reserve(documents.size());
  for (const auto& d : documents) paths.push_back(d.source.path);
  std::vector<std::string> ids = assign_source_ids(paths);
  std::vector<std::string>().swap(paths);
  // On this thread: the copies of a long id stay in this thread's heap, where
  // the merge allocates what it keeps (build_timeline).
  for (std::size_t i = 0; i < documents.size(); ++i) {
    DocumentRecord& d = documents[i];
    const std::string& id = ids[i];
    for (auto& m : d.mentions) m.citation.source = id;
    for (auto& c : d.conflicts) c.citation.source = id;
    for (auto& c : d.undated) c.source = id;
    for (auto& r : d.dropped) r.citation.source = id;
    d.source.id = std::move(ids[i]);
  }
  std::string name = !title.empty()                             ? title
                     : !headers.empty() && headers.front().title ? *headers.front().title
                                                                 : std::string("Timeline");
  if (timings) timings->mark("merge: source ids");
  Timeline timeline = build_timeline(std::move(name), std::move(documents), events, jobs_or_cores(jobs), timings);
  if (timings) timings->mark("merge: free");  // the merge's tables, released as build_timeline returns
  return timeline;
}

BuildResult run_build(const BuildOptions& options, const Knowledge& knowledge) {
  // A reused document is a line of a part, not a record: only extract writes it out.
  if (!options.reuse.empty()) throw std::logic_error("run_build: BuildOptions::reuse is for extract only");
  Extraction x = run_extract(options, knowledge);
  if (options.timings) options.timings->mark("extract: finish");
  BuildResult result;
  result.topic_path = std::move(x.topic_path);
  result.catalog_path = std::move(x.catalog_path);
  result.warnings = std::move(x.warnings);
  result.notes = std::move(x.notes);
  result.timeline = merge_documents(std::move(x.documents), {x.header}, "", options.title_language, options.keep_review,
                                     options.jobs, options.timings);
  return result;
}

}  // namespace mstl
