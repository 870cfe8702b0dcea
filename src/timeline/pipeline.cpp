#include "mstimeline/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_set>

#include <fmt/format.h>

#include "mstimeline/decode.hpp"
#include "mstimeline/manifest.hpp"
#include "mstimeline/output.hpp"
#include "mstimeline/parallel.hpp"
#include "mstimeline/reuse.hpp"
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
  return Diagnostic{escape_file_name(file.absolute),
                    0,
                    0,
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

ReuseIndex read_reusable(const BuildOptions& options, const std::string& extraction, std::vector<std::string>& notes) {
  ReuseIndex index;
  for (const auto& file : options.reuse) {
    // A document's "input" holds its run's fingerprint: none of another run's can match.
    if (!index.add(file.string(), extraction))
      notes.push_back(
          fmt::format("--reuse {}: written by other code (mstimeline's version or sources, ICU) or with "
                      "other knowledge files, --lang, topic profile or catalog; its documents are "
                      "extracted again",
                      part_name(file.string())));
  }
  index.seal();
  return index;
}

// One file's outcome, filled by whichever worker takes it.
struct Slot {
  bool record = false;   // the file's record is in place in the documents
  bool reused = false;   // ... taken from a --reuse part
  bool skipped = false;  // ... its body not read (beyond_story)
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
  const ReuseIndex& reusable;
  bool keyed;  // a part is written: each document's "input" fingerprint is made (and looked up in `reusable`)
};

void extract_one(const ArticleFile& file, const BuildOptions& options, const Knowledge& knowledge,
                 const RunContext& run, Slot& slot, DocumentRecord& record, std::string& input, std::string& line,
                 std::uintmax_t& bytes) {
  const LoadedManifest* loaded = run.loaded;
  const std::optional<FileFacts>& excluded = run.excluded;
  // One open and one fstat answer both checks, and the file checked is the file read. A file that cannot be
  // opened is checked by a stat of its path: an unreadable output file is still the output, not a warning.
  auto opened = InputFile::open(file.absolute);
  std::optional<FileFacts> facts = opened ? std::optional(opened.value().facts()) : file_facts(file.absolute);
  if (facts && excluded && facts->same_file(*excluded)) {
    slot.note = fmt::format("skipped {}: it is the output file", escape_file_name(file.relative));
    return;
  }
  if (auto large = facts ? too_large(file, *facts, options.max_file_size) : std::nullopt) {
    slot.warnings.push_back(*large);
    return;
  }
  if (!opened) {
    Diagnostic d = opened.error();
    d.path = escape_file_name(file.absolute);
    slot.warnings.push_back(std::move(d));
    return;
  }
  // provisional id: merge_documents assigns the final ones
  auto article = read_article(file, file.relative, opened.value(), options.max_file_size);
  if (!article) {
    slot.warnings.push_back(article.error());
    return;
  }
  Article& a = article.value();
  bytes = a.bytes.size();
  slot.warnings = std::move(a.decoding.warnings);
  if (auto kept = long_boilerplate_lines(a.display_path, a.text(), knowledge.boilerplate))
    slot.warnings.push_back(std::move(*kept));  // a long line a rule matches is kept as article text
  if (a.text().find_first_not_of(" \t\r\n") == std::string_view::npos)
    slot.warnings.push_back(
        Diagnostic{a.display_path, 0, 0, a.bytes.empty() ? "empty file" : "no text, only white space", {}});
  if (loaded) {
    auto it = loaded->manifest.sources.find(a.info.path);
    if (it != loaded->manifest.sources.end()) apply_metadata(a.info, it->second);
  }
  if (!options.language.empty()) a.info.language = options.language;
  if (run.keyed) {
    input = input_fingerprint(run.extraction, a.info);
    if (run.reusable.find(input, line)) {
      slot.record = slot.reused = true;
      return;
    }
  }
  record = extract_document(a, knowledge, run.events, &slot.skipped);
  slot.record = true;
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

namespace {

// Every lexicon's date_links, folded, sorted, once each: the words a new
// event's title drops with its date.
std::vector<std::string> date_links_of(const Knowledge& knowledge) {
  std::vector<std::string> links;
  for (const auto& [code, lexicon] : knowledge.lexicons)
    links.insert(links.end(), lexicon.date_links.begin(), lexicon.date_links.end());
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());
  return links;
}

// Every lexicon's statement and report cues, folded, sorted, once each: a new
// event's title drops the clause that holds one.
std::vector<std::string> reporting_frames_of(const Knowledge& knowledge) {
  std::vector<std::string> frames;
  for (const auto& entry : knowledge.lexicons) {
    const Lexicon& lexicon = entry.second;  // named: a lambda cannot capture a structured binding (clang 14)
    for (const PhraseSet* set : {&lexicon.statement_cues, &lexicon.report_cues})
      set->for_each_phrase([&](const std::vector<int>& phrase) {
        std::string words;
        for (int id : phrase) words += (words.empty() ? "" : " ") + lexicon.vocabulary.word(id);
        frames.push_back(std::move(words));
      });
  }
  std::sort(frames.begin(), frames.end());
  frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
  return frames;
}

// What every file's extraction needs besides the knowledge, read before the first file.
struct Prepared {
  Prepared() = default;
  Prepared(const Prepared&) = delete;  // `events` points into it
  Prepared& operator=(const Prepared&) = delete;

  std::optional<TopicProfile> topic;
  std::optional<Catalog> catalog;
  EventKnowledge events;  // points into topic and catalog
  WalkResult walk;
  std::optional<LoadedManifest> loaded;
  std::optional<FileFacts> excluded;     // the output file as it is now
  std::vector<const ArticleFile*> mine;  // the files of this shard, in path order
};

void prepare(const BuildOptions& options, const Knowledge& knowledge, Extraction& x, Prepared& p) {
  if (options.shard_count == 0 || options.shard_index >= options.shard_count)
    throw Error(fmt::format("shard {}/{} does not exist (shards are numbered 0 to N-1)", options.shard_index,
                            options.shard_count));
  if (auto path = collection_file(options.topic, options.no_topic, options.input, k_topic_file)) {
    JsonDoc doc = read_json_file(path->string()).take();
    p.topic = parse_topic(doc).take();
    x.header.topic = std::move(doc.json);
    x.topic_path = path->string();
  }
  if (auto path = collection_file(options.catalog, options.no_catalog, options.input, k_catalog_file)) {
    JsonDoc doc = read_json_file(path->string()).take();
    // Checked against the knowledge and the topic as `catalog check` checks it: a trigger of function words
    // alone would link nearly every sentence of the archive.
    p.catalog = parse_catalog(doc, CatalogContext{&knowledge, p.topic ? &*p.topic : nullptr}).take();
    x.header.catalog = std::move(doc.json);
    x.catalog_path = path->string();
  }
  p.events.topic = p.topic ? &*p.topic : nullptr;
  p.events.catalog = p.catalog ? &*p.catalog : nullptr;
  p.events.title_language = options.title_language;
  p.events.review = options.keep_review;  // the linker cites the dates it leaves out only for `review`
  if (options.timings) options.timings->mark("topic and catalog");
  p.walk = walk_articles(options.input);
  if (options.timings) options.timings->mark("walk", fmt::format("{} files", p.walk.articles.size()));
  p.loaded = read_manifest(options, knowledge);
  if (options.timings) options.timings->mark("manifest");
  x.notes = std::move(p.walk.notes);
  x.warnings = std::move(p.walk.warnings);
  // The output file as it is now, if it exists, so that a run never reads its own last output as an article.
  if (options.exclude) p.excluded = file_facts(options.exclude->string());
  if (!options.title.empty())
    x.header.title = options.title;
  else if (p.loaded && p.loaded->manifest.title)
    x.header.title = *p.loaded->manifest.title;
  for (std::size_t i = 0; i < p.walk.articles.size(); ++i)
    if (i % options.shard_count == options.shard_index) p.mine.push_back(&p.walk.articles[i]);
}

// A file's warnings and notes, taken in file order.
void take_slot(Slot& slot, const ArticleFile& file, Extraction& x) {
  if (slot.failure) x.warnings.push_back(extraction_failure(escape_file_name(file.absolute), slot.failure));
  if (slot.note) x.notes.push_back(std::move(*slot.note));
  for (auto& w : slot.warnings) x.warnings.push_back(std::move(w));
  x.reused += slot.record && slot.reused;
  x.skipped += slot.record && slot.skipped;
}

// After the files' own (take_slot): the run's warnings; then one list of warnings in path order.
void finish(const BuildOptions& options, const Prepared& p, Extraction& x) {
  if (p.loaded && options.shard_count == 1) {
    std::unordered_set<std::string_view> found;
    found.reserve(p.walk.articles.size());
    for (const auto& f : p.walk.articles) found.insert(f.relative);
    for (const auto& entry : p.loaded->manifest.sources) {
      const std::string& path = entry.first;
      if (!found.count(path))
        x.warnings.push_back(p.loaded->doc.error_at_key(json_pointer_append("/sources", path),
                                                        "no article file at this path under the input folder"));
    }
  }
  if (p.walk.articles.empty())
    x.warnings.push_back(Diagnostic{options.input.string(), 0, 0, "no article files (.txt, .md) found", {}});
  if (x.skipped)
    x.notes.push_back(fmt::format("{} of {} documents name not every side of the topic{}: read for their source only",
                                  x.skipped, p.mine.size(), p.catalog ? ", nor an actor of a catalog event" : ""));
  std::stable_sort(x.warnings.begin(), x.warnings.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.path < b.path; });
}

// Counts the files done and their bytes, and tells on_progress; from any worker.
class Progress {
 public:
  Progress(const BuildOptions& options, std::size_t total) : m_options(options), m_total(total) {}
  void file_done(std::uintmax_t bytes) {
    std::lock_guard<std::mutex> lock(m_mutex);
    ++m_done;
    m_bytes += bytes;
    if (m_options.on_progress) m_options.on_progress(m_done, m_total, m_bytes);
  }
  std::uintmax_t bytes() const { return m_bytes; }  // once the workers are done

 private:
  const BuildOptions& m_options;
  std::size_t m_total;
  std::mutex m_mutex;
  std::size_t m_done = 0;
  std::uintmax_t m_bytes = 0;
};

}  // namespace

Extraction run_extract(const BuildOptions& options, const Knowledge& knowledge) {
  // A reused document is a line of a part, not a record: only write_part copies it.
  if (!options.reuse.empty()) throw std::logic_error("run_extract: BuildOptions::reuse is for write_part only");
  Extraction x;
  Prepared p;
  prepare(options, knowledge, x, p);
  const ReuseIndex none;
  const RunContext run{p.events, p.loaded ? &*p.loaded : nullptr, p.excluded, "", none, false};

  // Workers take the next file from a shared counter; each result lands in
  // its file's slot, so the order of the output is the order of the files
  // whatever the threads do.
  const std::size_t n = p.mine.size();
  std::vector<Slot> slots(n);
  x.documents.resize(n);  // each record is made in place, then the array closes up
  std::atomic<std::size_t> next{0};
  Progress progress(options, n);
  auto work = [&] {
    std::string no_input;
    std::string no_line;
    for (std::size_t i = next++; i < n; i = next++) {
      std::uintmax_t bytes = 0;
      try {
        extract_one(*p.mine[i], options, knowledge, run, slots[i], x.documents[i], no_input, no_line, bytes);
      } catch (...) {
        slots[i].failure = std::current_exception();
        slots[i].record = false;
      }
      progress.file_done(bytes);
    }
  };
  std::size_t jobs = std::min(jobs_or_cores(options.jobs), std::max<std::size_t>(n, 1));
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < jobs; ++t) workers.emplace_back(work);
    work();
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < n; ++i) {
    take_slot(slots[i], *p.mine[i], x);
    if (!slots[i].record) continue;
    if (kept != i) x.documents[kept] = std::move(x.documents[i]);
    ++kept;
  }
  x.documents.resize(kept);
  if (options.timings) options.timings->mark_rate("extract", fmt::format("{} files", n), progress.bytes());
  finish(options, p, x);
  return x;  // the caller marks "extract: finish": this, and the walk's list and the slots freed
}

Extraction write_part(const BuildOptions& options, const Knowledge& knowledge,
                      const std::function<void(std::string_view)>& write) {
  Extraction x;
  Prepared p;
  prepare(options, knowledge, x, p);
  x.header.extraction = extraction_fingerprint(options, knowledge, x.header);
  ReuseIndex reusable = read_reusable(options, *x.header.extraction, x.notes);
  if (!options.reuse.empty() && options.timings) options.timings->mark("read parts to reuse");
  const RunContext run{p.events, p.loaded ? &*p.loaded : nullptr, p.excluded, *x.header.extraction, reusable, true};
  Sha256 written;  // every byte before the end line, which proves the part whole (record.hpp)
  auto put = [&](std::string_view text) {
    written.update(text);
    write(text);
  };
  put(header_line(x.header));

  // Blocks of files are extracted and formatted on the threads, and written in
  // file order while the next are made: no more than a window of blocks is in
  // memory at once, so memory does not grow with the archive.
  constexpr std::size_t k_block = 32;  // files
  struct Block {
    std::string text;         // the documents' lines
    std::vector<Slot> slots;  // the files' outcomes
  };
  const std::size_t n = p.mine.size();
  std::size_t documents = 0;
  Progress progress(options, n);
  auto make = [&](std::size_t b) {
    Block block;
    const std::size_t first = b * k_block;
    block.slots.resize(std::min(n, first + k_block) - first);
    DocumentRecord record;
    std::string input, line;
    for (std::size_t k = 0; k < block.slots.size(); ++k) {
      Slot& slot = block.slots[k];
      std::uintmax_t bytes = 0;
      try {
        extract_one(*p.mine[first + k], options, knowledge, run, slot, record, input, line, bytes);
        if (slot.record) block.text += slot.reused ? line : document_line(record, input);
      } catch (...) {
        slot.failure = std::current_exception();
        slot.record = false;
      }
      record = DocumentRecord{};
      progress.file_done(bytes);
    }
    return block;
  };
  auto use = [&](std::size_t b, Block block) {
    put(block.text);
    for (std::size_t k = 0; k < block.slots.size(); ++k) {
      documents += block.slots[k].record;
      take_slot(block.slots[k], *p.mine[b * k_block + k], x);
    }
  };
  const std::size_t jobs = jobs_or_cores(options.jobs);
  parallel_ordered((n + k_block - 1) / k_block, jobs, make, use, 8 * jobs);
  write(end_line(documents, written.hex()));
  finish(options, p, x);
  if (options.timings)
    options.timings->mark_rate(
        "extract and write",
        options.reuse.empty() ? fmt::format("{} files", n) : fmt::format("{} files, {} reused", n, x.reused),
        progress.bytes());
  if (!options.reuse.empty())
    x.notes.push_back(fmt::format("reused {} of {} documents from --reuse", x.reused, documents));
  return x;
}

const char* tool_version() { return MSTL_VERSION; }

namespace {

// Every catalog link of the records names an event of the catalog they were linked with: one that does
// not (a part changed by hand, or another run's header) would be dropped by the merge without a word.
void check_catalog_links(const std::vector<DocumentRecord>& documents, const Catalog* catalog) {
  std::unordered_set<std::string_view> ids;
  if (catalog)
    for (const auto& e : catalog->events) ids.insert(e.id);
  auto check = [&](const DocumentRecord& d, const std::string& id) {
    if (id.empty() || ids.contains(id)) return;
    throw Error(fmt::format(
        "{}: a mention is linked to catalog event \"{}\", which {}; the part was changed after "
        "extract, or its header is another run's",
        d.source.path, id, catalog ? "the parts' catalog does not hold" : "is in no catalog (the parts have none)"));
  };
  for (const auto& d : documents) {
    for (const auto& m : d.mentions) check(d, m.catalog_id);
    for (const auto& c : d.conflicts) check(d, c.catalog_id);
  }
}

}  // namespace

Timeline merge_documents(std::vector<DocumentRecord> documents, const std::vector<PartHeader>& headers,
                         const Knowledge& knowledge, const std::string& title, const std::string& title_language,
                         bool review, std::size_t jobs, Timings* timings) {
  for (std::size_t i = 1; i < headers.size(); ++i) {
    if (headers[i].topic != headers[0].topic || headers[i].catalog != headers[0].catalog)
      throw Error("the parts were extracted with different topic profiles or catalogs; extract them again alike");
    if (headers[i].title != headers[0].title && title.empty())  // --title settles it
      throw Error("the parts have different titles; give one with --title");
  }
  std::optional<TopicProfile> topic = topic_of(headers);
  std::optional<Catalog> catalog = catalog_of(headers);
  check_catalog_links(documents, catalog ? &*catalog : nullptr);
  if (timings) timings->mark("merge: headers");
  EventKnowledge events;
  events.topic = topic ? &*topic : nullptr;
  events.catalog = catalog ? &*catalog : nullptr;
  events.title_language = title_language;
  events.review = review;
  events.date_links = date_links_of(knowledge);
  events.reporting_frames = reporting_frames_of(knowledge);

  // Final ids, from the paths of every document, as if one folder held them all.
  auto by_path = [](const DocumentRecord& a, const DocumentRecord& b) { return a.source.path < b.source.path; };
  if (!std::is_sorted(documents.begin(), documents.end(), by_path))  // extract leaves them sorted
    std::sort(documents.begin(), documents.end(), by_path);
  for (std::size_t i = 1; i < documents.size(); ++i)
    if (documents[i].source.path == documents[i - 1].source.path)
      throw Error(
          fmt::format("{}: in two documents (overlapping shards, or a part given twice?)", documents[i].source.path));
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
  std::string name = !title.empty()                              ? title
                     : !headers.empty() && headers.front().title ? *headers.front().title
                                                                 : std::string("Timeline");
  if (timings) timings->mark("merge: source ids");
  Timeline timeline = build_timeline(std::move(name), std::move(documents), events, jobs_or_cores(jobs), timings);
  if (timings) timings->mark("merge: free");  // the merge's tables, released as build_timeline returns
  return timeline;
}

BuildResult run_build(const BuildOptions& options, const Knowledge& knowledge) {
  Extraction x = run_extract(options, knowledge);
  if (options.timings) options.timings->mark("extract: finish");
  BuildResult result;
  result.topic_path = std::move(x.topic_path);
  result.catalog_path = std::move(x.catalog_path);
  result.warnings = std::move(x.warnings);
  result.notes = std::move(x.notes);
  result.timeline = merge_documents(std::move(x.documents), {x.header}, knowledge, "", options.title_language,
                                    options.keep_review, options.jobs, options.timings);
  return result;
}

}  // namespace mstl
