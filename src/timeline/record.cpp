#include "mstimeline/record.hpp"

#include <string.h>  // memrchr

#include <algorithm>
#include <iostream>
#include <iterator>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "mstimeline/json_doc.hpp"
#include "mstimeline/json_writer.hpp"
#include "mstimeline/output.hpp"
#include "mstimeline/parallel.hpp"
#include "mstimeline/record_parser.hpp"

namespace mstl {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json opt(const std::optional<std::string>& s) { return s ? ordered_json(*s) : ordered_json(); }

std::string dump(const ordered_json& j) { return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace); }

// Reads one line's object, each problem a Diagnostic at its place in the line.
class MemberReader {
 public:
  MemberReader(const JsonDoc& doc, std::size_t line) : m_doc(doc), m_line(line) {}

  Diagnostic error(const std::string& pointer, const std::string& message) const {
    Diagnostic d = m_doc.error_at(pointer, message);
    d.line = m_line;
    return d;
  }

  // The member `key` of the object at `pointer`, of the JSON type `kind`.
  const json* member(const json& object, const std::string& pointer, const char* key, json::value_t kind,
                     bool nullable = false) {
    if (m_error) return nullptr;
    auto it = object.find(key);
    if (it == object.end()) {
      m_error = error(pointer, fmt::format("missing \"{}\"", key));
      return nullptr;
    }
    bool ok = it->type() == kind || (nullable && it->is_null()) ||
              (kind == json::value_t::number_unsigned && it->is_number_integer() && *it >= 0);
    if (!ok) {
      m_error = error(pointer + "/" + key, fmt::format("\"{}\" has the wrong type", key));
      return nullptr;
    }
    return &*it;
  }

  std::string string(const json& o, const std::string& p, const char* key) {
    const json* v = member(o, p, key, json::value_t::string);
    return v ? v->get<std::string>() : std::string();
  }
  std::optional<std::string> optional_string(const json& o, const std::string& p, const char* key) {
    const json* v = member(o, p, key, json::value_t::string, true);
    return v && v->is_string() ? std::optional(v->get<std::string>()) : std::nullopt;
  }
  std::size_t offset(const json& o, const std::string& p, const char* key) {
    const json* v = member(o, p, key, json::value_t::number_unsigned);
    return v ? v->get<std::size_t>() : 0;
  }
  const json& array(const json& o, const std::string& p, const char* key) {
    static const json empty = json::array();
    const json* v = member(o, p, key, json::value_t::array);
    return v ? *v : empty;
  }
  const json& object(const json& o, const std::string& p, const char* key) {
    static const json empty = json::object();
    const json* v = member(o, p, key, json::value_t::object);
    return v ? *v : empty;
  }

  Citation citation(const json& o, const std::string& p) {
    Citation c;
    c.source = string(o, p, "source");
    c.start = offset(o, p, "start");
    c.end = offset(o, p, "end");
    c.quote = string(o, p, "quote");
    c.date_text = string(o, p, "date_text");
    if (!m_error && c.end < c.start) m_error = error(p + "/end", "\"end\" is before \"start\"");
    return c;
  }

  DateValue date(const json& o, const std::string& p, const char* key) {
    std::string value = string(o, p, key);
    if (m_error) return {};
    auto d = parse_date_value(value);
    if (!d) m_error = error(p + "/" + key, fmt::format("\"{}\" is not a calendar TIMEX3 date", value));
    return d.value_or(DateValue{});
  }

  SourceInfo source(const json& o, const std::string& p) {
    SourceInfo s;
    s.id = string(o, p, "id");
    s.path = string(o, p, "path");
    s.sha256 = string(o, p, "sha256");
    s.encoding = string(o, p, "encoding");
    s.language = string(o, p, "language");
    s.publisher = optional_string(o, p, "publisher");
    s.url = optional_string(o, p, "url");
    s.published = optional_string(o, p, "published");
    s.published_basis = string(o, p, "published_basis");
    return s;
  }

  DocumentRecord document(const json& j) {
    DocumentRecord r;
    r.source = source(object(j, "", "source"), "/source");
    const json& mentions = array(j, "", "mentions");
    for (std::size_t i = 0; i < mentions.size() && !m_error; ++i) {
      std::string p = fmt::format("/mentions/{}", i);
      const json& m = mentions[i];
      Mention mention;
      mention.date = date(m, p, "date");
      mention.catalog_id = string(m, p, "catalog_id");
      mention.trigger = string(m, p, "trigger");
      mention.citation = citation(object(m, p, "citation"), p + "/citation");
      std::vector<std::string> salient;
      for (const auto& w : array(m, p, "salient")) {
        if (!w.is_string() || !WordList::acceptable(w.get_ref<const std::string&>()))
          m_error = error(p + "/salient", "\"salient\" must hold non-empty strings without line breaks");
        if (m_error) break;
        salient.push_back(w.get<std::string>());
      }
      if (!m_error) mention.salient = WordList(salient);
      r.mentions.push_back(std::move(mention));
    }
    const json& conflicts = array(j, "", "conflicts");
    for (std::size_t i = 0; i < conflicts.size() && !m_error; ++i) {
      std::string p = fmt::format("/conflicts/{}", i);
      Conflict c;
      c.catalog_id = string(conflicts[i], p, "catalog_id");
      c.value = string(conflicts[i], p, "value");
      c.citation = citation(object(conflicts[i], p, "citation"), p + "/citation");
      r.conflicts.push_back(std::move(c));
    }
    const json& undated = array(j, "", "undated");
    for (std::size_t i = 0; i < undated.size() && !m_error; ++i)
      r.undated.push_back(citation(undated[i], fmt::format("/undated/{}", i)));
    const json& dropped = array(j, "", "dropped");
    for (std::size_t i = 0; i < dropped.size() && !m_error; ++i) {
      std::string p = fmt::format("/dropped/{}", i);
      ReviewItem item;
      const std::string reason = string(dropped[i], p, "reason");
      if (auto known = parse_review_reason(reason))
        item.reason = *known;
      else if (!m_error)
        m_error = error(p + "/reason", fmt::format("\"{}\" is not a review reason", reason));
      item.detail = string(dropped[i], p, "detail");
      item.citation = citation(object(dropped[i], p, "citation"), p + "/citation");
      r.dropped.push_back(std::move(item));
    }
    return r;
  }

  // The optional member `key`: a SHA-256 as 64 lowercase hex digits.
  std::optional<std::string> fingerprint(const json& o, const char* key) {
    auto it = o.find(key);
    if (it == o.end() || m_error) return std::nullopt;
    bool ok = it->is_string() && it->get_ref<const std::string&>().size() == 64 &&
              it->get_ref<const std::string&>().find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!ok) {
      m_error = error(std::string("/") + key, fmt::format("\"{}\" must be a SHA-256 in lowercase hex", key));
      return std::nullopt;
    }
    return it->get<std::string>();
  }

  const std::optional<Diagnostic>& failed() const { return m_error; }

 private:
  const JsonDoc& m_doc;
  std::size_t m_line;
  std::optional<Diagnostic> m_error;
};

}  // namespace

std::string header_line(const PartHeader& h) {
  ordered_json j{{"type", "header"},
                 {"version", k_record_version},
                 {"title", opt(h.title)},
                 {"topic", ordered_json(h.topic)},
                 {"catalog", ordered_json(h.catalog)}};
  if (h.extraction) j["extraction"] = *h.extraction;
  return dump(j) + "\n";
}

std::string end_line(std::uint64_t documents, std::string_view sha256) {
  return fmt::format(R"({{"type":"end","version":{},"documents":{},"sha256":"{}"}})", k_record_version, documents,
                     sha256) +
         "\n";
}

std::optional<Diagnostic> PartCheck::lines(std::string_view text) {
  constexpr std::string_view k_document = R"({"type":"document",)";
  while (!text.empty()) {
    std::string_view line = take_line(text);
    ++m_line;
    if (line.starts_with(k_header_line_start)) {
      if (m_header)
        return Diagnostic{m_name,
                          m_line,
                          1,
                          fmt::format("a header line where the run begun at line {} should have ended: that run is "
                                      "incomplete (no end line; was its extract stopped?)",
                                      m_header),
                          {}};
      m_header = m_line;
      m_documents = 0;
      m_hash = Sha256();
    } else if (line.starts_with(k_end_line_start)) {
      if (auto bad = end_of_run(line)) return bad;
      continue;
    } else if (!m_header) {
      if (line.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
      return Diagnostic{m_name, m_line, 1, "a line outside a run (before its header line or after its end line)", {}};
    }
    m_documents += line.starts_with(k_document);
    m_hash.update(line);
  }
  return std::nullopt;
}

std::optional<Diagnostic> PartCheck::end_of_run(std::string_view line) {
  auto error = [&](std::string message) { return Diagnostic{m_name, m_line, 1, std::move(message), {}}; };
  if (!m_header) return error("an end line without a header line before it");
  auto parsed = parse_json(m_name, std::string(line));
  const json* documents = nullptr;
  const json* sha = nullptr;
  if (parsed && parsed.value().json.is_object()) {
    const json& j = parsed.value().json;
    if (auto it = j.find("documents"); it != j.end() && it->is_number_unsigned()) documents = &*it;
    if (auto it = j.find("sha256"); it != j.end() && it->is_string()) sha = &*it;
  }
  if (!documents || !sha) return error("an end line needs \"documents\" (a count) and \"sha256\" (a string)");
  if (documents->get<std::uint64_t>() != m_documents)
    return error(fmt::format("incomplete: the end line counts {} documents, the run begun at line {} holds {}",
                             documents->get<std::uint64_t>(), m_header, m_documents));
  if (sha->get_ref<const std::string&>() != m_hash.hex())
    return error(
        fmt::format("the run begun at line {} does not match its end line's sha256: changed or damaged "
                    "since extract wrote it",
                    m_header));
  m_header = 0;
  return std::nullopt;
}

std::optional<Diagnostic> PartCheck::finish() const {
  if (!m_header) return std::nullopt;
  return Diagnostic{m_name,
                    0,
                    0,
                    fmt::format("incomplete: the run begun at line {} has no end line (was its extract stopped, or "
                                "the part cut short?); extract it again",
                                m_header),
                    {}};
}

void write_source(JsonWriter& w, const SourceInfo& s) {
  w.begin_object();
  w.key("id").string(s.id).key("path").string(s.path).key("sha256").string(s.sha256);
  w.key("encoding").string(s.encoding).key("language").string(s.language);
  w.key("publisher").string_or_null(s.publisher).key("url").string_or_null(s.url);
  w.key("published").string_or_null(s.published).key("published_basis").string(s.published_basis);
  w.end_object();
}

void write_citation(JsonWriter& w, const Citation& c) {
  w.begin_object();
  write_citation_members(w, c);
  w.end_object();
}

void write_citation_members(JsonWriter& w, const Citation& c) {
  w.key("source").string(c.source).key("start").number(std::uint64_t{c.start}).key("end").number(std::uint64_t{c.end});
  w.key("quote").string(c.quote).key("date_text").string(c.date_text);
}

std::string document_line(const DocumentRecord& r, std::string_view input) {
  std::string line;
  JsonWriter w(line);
  w.begin_object().key("type").string("document").key("version").number(std::int64_t{k_record_version});
  if (!input.empty()) w.key("input").string(input);
  w.key("source");
  write_source(w, r.source);
  w.key("mentions").begin_array();
  for (const auto& m : r.mentions) {
    w.begin_object().key("date").string(m.date.value).key("catalog_id").string(m.catalog_id);
    w.key("trigger").string(m.trigger).key("citation");
    write_citation(w, m.citation);
    w.key("salient").begin_array();
    for (std::string_view word : m.salient) w.string(word);
    w.end_array().end_object();
  }
  w.end_array().key("conflicts").begin_array();
  for (const auto& c : r.conflicts) {
    w.begin_object().key("catalog_id").string(c.catalog_id).key("value").string(c.value).key("citation");
    write_citation(w, c.citation);
    w.end_object();
  }
  w.end_array().key("undated").begin_array();
  for (const auto& c : r.undated) write_citation(w, c);
  w.end_array().key("dropped").begin_array();
  for (const auto& d : r.dropped) {
    w.begin_object().key("reason").string(review_reason_name(d.reason)).key("detail").string(d.detail).key("citation");
    write_citation(w, d.citation);
    w.end_object();
  }
  w.end_array().end_object();
  line += '\n';
  return line;
}

namespace {

// The lines of one piece of a part, numbered from 1; `lines` ends as their count.
Expected<Part> parse_lines(const std::string& path, std::string_view text, std::size_t& lines, LineReader how) {
  Part part;
  std::size_t& line_no = lines;
  while (!text.empty()) {
    ++line_no;
    std::string_view line = take_line(text);
    if (line.ends_with('\n')) line.remove_suffix(1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (how == LineReader::direct) {
      if (auto record = read_document_line(line)) {
        part.documents.push_back(std::move(*record));
        continue;
      }
    }
    auto parsed = parse_json(path, std::string(line));
    if (!parsed) {
      Diagnostic d = parsed.error();
      d.line = line_no;
      return d;
    }
    const JsonDoc& doc = parsed.value();
    MemberReader reader(doc, line_no);
    if (!doc.json.is_object()) return reader.error("", "expected a JSON object per line");
    auto type = doc.json.find("type");
    auto version = doc.json.find("version");
    if (type == doc.json.end() || !type->is_string()) return reader.error("", "missing \"type\"");
    if (version == doc.json.end() || *version != k_record_version)
      return reader.error(version == doc.json.end() ? "" : "/version",
                          fmt::format("unsupported version (this mstimeline reads version {})", k_record_version));
    if (*type == "header") {
      PartHeader h;
      h.title = reader.optional_string(doc.json, "", "title");
      for (const char* key : {"topic", "catalog"}) {
        auto it = doc.json.find(key);
        if (it == doc.json.end() || !(it->is_null() || it->is_object()))
          return reader.error(it == doc.json.end() ? "" : std::string("/") + key,
                              fmt::format("\"{}\" must be an object or null", key));
        (std::string_view(key) == "topic" ? h.topic : h.catalog) = *it;
      }
      h.extraction = reader.fingerprint(doc.json, "extraction");
      if (reader.failed()) return *reader.failed();
      part.headers.push_back(std::move(h));
    } else if (*type == "document") {
      (void)reader.fingerprint(doc.json, "input");
      DocumentRecord r = reader.document(doc.json);
      if (reader.failed()) return *reader.failed();
      part.documents.push_back(std::move(r));
    } else if (*type == "end") {  // checked by PartCheck
      (void)reader.member(doc.json, "", "documents", json::value_t::number_unsigned);
      (void)reader.fingerprint(doc.json, "sha256");
      if (reader.failed()) return *reader.failed();
    } else {
      return reader.error("/type",
                          fmt::format("unknown type {} (expected \"header\", \"document\" or \"end\")", type->dump()));
    }
  }
  return part;
}

}  // namespace

// Pieces of about this size at least are parsed side by side.
constexpr std::size_t k_min_piece = 1 << 20;
// read_part reads a part in blocks of this size per thread.
constexpr std::size_t k_block_per_thread = 16 << 20;

namespace {

// Parses `text` and appends its headers and records to `part`. The text is cut after a line break into
// pieces, parsed on the threads; their lines are numbered on from the pieces before them, and the first
// error in line order is the one reported, as in one pass. Returns the count of lines, or the error.
Expected<std::size_t> parse_into(Part& part, const std::string& path, std::string_view text, std::size_t jobs,
                                 LineReader how) {
  jobs = jobs_or_cores(jobs);
  std::size_t want = jobs == 1 ? text.size() : std::max(k_min_piece, text.size() / (4 * jobs) + 1);
  std::vector<std::string_view> pieces;
  while (!text.empty()) {
    std::size_t nl = text.size() <= want ? std::string_view::npos : text.find('\n', want);
    std::size_t size = nl == std::string_view::npos ? text.size() : nl + 1;
    pieces.push_back(text.substr(0, size));
    text.remove_prefix(size);
  }
  std::vector<std::optional<Expected<Part>>> parsed(pieces.size());
  std::vector<std::size_t> lines(pieces.size(), 0);
  parallel_for(
      pieces.size(), jobs, [&](std::size_t i, NoScratch&) { parsed[i] = parse_lines(path, pieces[i], lines[i], how); },
      1);
  std::size_t documents = part.documents.size();
  for (const auto& piece : parsed) documents += *piece ? piece->value().documents.size() : 0;
  if (documents > part.documents.capacity()) part.documents.reserve(std::max(documents, 2 * part.documents.size()));
  // (all pieces at once, not append_documents per piece: one growth for the whole text)
  std::size_t before = 0;  // lines of the pieces before
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    Expected<Part>& piece = *parsed[i];
    if (!piece) {
      Diagnostic d = piece.error();
      d.line += before;
      return d;
    }
    before += lines[i];
    for (auto& h : piece.value().headers) part.headers.push_back(std::move(h));
    std::move(piece.value().documents.begin(), piece.value().documents.end(), std::back_inserter(part.documents));
    piece = Part{};  // its records are moved out; the rest goes now
  }
  return before;
}

}  // namespace

Expected<Part> parse_part(const std::string& path, std::string_view text, std::size_t jobs, LineReader how) {
  Part part;
  auto parsed = parse_into(part, path, text, jobs, how);
  if (!parsed) return parsed.error();
  return part;
}

void append_documents(std::vector<DocumentRecord>& into, std::vector<DocumentRecord>&& more) {
  if (into.empty()) {
    into = std::move(more);
    return;
  }
  if (into.size() + more.size() > into.capacity()) into.reserve(std::max(into.size() + more.size(), 2 * into.size()));
  std::move(more.begin(), more.end(), std::back_inserter(into));
  more.clear();
}

std::string read_part_text(const std::string& path) {
  const std::string name = part_name(path);
  InputFile file = (path == "-" ? InputFile::standard_input(name) : InputFile::open(path)).take();
  return file.read_all(k_max_part_line, "a part read whole").take();
}

std::string part_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

std::string_view take_line(std::string_view& text) {
  std::size_t nl = text.find('\n');
  std::string_view line = text.substr(0, nl == std::string_view::npos ? text.size() : nl + 1);
  text.remove_prefix(line.size());
  return line;
}

Part read_part(const std::string& path, std::size_t jobs, std::size_t block, std::uintmax_t max_line) {
  const std::string name = part_name(path);
  InputFile file = (path == "-" ? InputFile::standard_input(name) : InputFile::open(path)).take();
  jobs = jobs_or_cores(jobs);
  if (block == 0) {
    block = k_block_per_thread * std::min<std::size_t>(jobs, 8);
    if (file.facts().regular)
      block = std::min<std::size_t>(block, std::max<std::uintmax_t>(file.facts().size + 1, 4096));
  }
  // The part is read a block at a time, and the whole lines read so far are parsed (in pieces on the
  // threads) before the next block is read: what is held is one block, a cut line, and the records.
  std::size_t capacity = block;
  auto buffer = std::make_unique_for_overwrite<char[]>(capacity);
  std::size_t have = 0;  // bytes read and not parsed yet: the start of a line, no line break among them
  std::size_t lines_before = 0;
  bool reserved = false;
  Part part;
  PartCheck check(name);
  for (bool end = false; !end;) {
    if (have > max_line)
      throw Error(Diagnostic{name,
                             lines_before + 1,
                             1,
                             fmt::format("a line longer than the {}-byte limit for a line of a part", max_line),
                             {}});
    if (have > capacity / 2) {  // a line longer than half the buffer: room for it to go on
      capacity *= 2;
      auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
      std::copy_n(buffer.get(), have, bigger.get());
      buffer = std::move(bigger);
    }
    std::size_t want = capacity - have;
    std::size_t n = file.read(buffer.get() + have, want).take();
    end = n < want;  // the read stops short only at the end
    part.bytes += n;
    // The whole lines: up to the last line break among the new bytes, or everything at the end.
    const void* nl = n ? ::memrchr(buffer.get() + have, '\n', n) : nullptr;
    have += n;
    std::size_t ready = end ? have : nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - buffer.get()) + 1 : 0;
    if (ready == 0) continue;
    std::string_view text(buffer.get(), ready);
    // The runs are checked (a pass over the bytes and their SHA-256) beside the parse; a line that does
    // not parse is the error to show before what it does to its run.
    std::optional<Diagnostic> incomplete;
    Expected<std::size_t> lines = std::size_t{0};
    if (jobs == 1) {
      incomplete = check.lines(text);
      lines = parse_into(part, name, text, jobs, LineReader::direct);
    } else {
      std::jthread checker([&] { incomplete = check.lines(text); });
      lines = parse_into(part, name, text, jobs, LineReader::direct);
    }
    if (incomplete && lines) throw Error(*incomplete);
    if (!lines) {
      Diagnostic d = lines.error();
      d.line += lines_before;
      throw Error(d);
    }
    lines_before += lines.value();
    // A file's size tells how many records to expect: room for them at once spares copying them on.
    if (!reserved && !end && file.facts().regular && file.facts().size > part.bytes) {
      reserved = true;
      double per_byte = static_cast<double>(part.documents.size()) / static_cast<double>(part.bytes);
      part.documents.reserve(static_cast<std::size_t>(per_byte * static_cast<double>(file.facts().size) * 1.1) + 16);
    }
    std::copy(buffer.get() + ready, buffer.get() + have, buffer.get());
    have -= ready;
  }
  if (part.headers.empty() && !part.documents.empty())
    throw Error(fmt::format("{}: no header line; is it a part written by mstimeline extract?", name));
  if (part.headers.empty())  // extract always writes its header: an empty part lost its results
    throw Error(fmt::format("{}: empty; a part written by mstimeline extract has at least its header line", name));
  if (auto incomplete = check.finish()) throw Error(*incomplete);
  return part;
}

}  // namespace mstl
