// Extract parts: what `mstimeline extract` writes and `mstimeline merge`
// reads, so that the map step (per document) and the reduce step (the
// timeline) can run on different machines. docs/scaling.md.
//
// A part is JSON Lines. Every line is one object with a "type" and a
// "version" (k_record_version):
//
//   {"type":"header","version":1,"title":"…"|null,"topic":{…}|null,"catalog":{…}|null,
//    "extraction":"<sha256>"}
//   {"type":"document","version":1,"input":"<sha256>","source":{…},"mentions":[…],
//    "conflicts":[…],"undated":[…],"dropped":[…]}
//   {"type":"end","version":1,"documents":<count>,"sha256":"<sha256>"}
//
// The end line closes a run and proves it whole: "documents" counts the run's
// document lines, "sha256" is the SHA-256 of every byte of the run before the
// end line (its header line included). read_part (so merge) refuses a run
// without its end line, or one whose lines do not match it: a part cut short
// (an extract killed, a disk full, a copy stopped) never merges as if it were
// all there (exit 2).
//
// The header carries what the reduce step needs besides the documents: the
// collection's title and the topic profile and catalog the documents were
// linked with, verbatim. A part has one header per extract run; parts may be
// concatenated in any order (`cat part-* | mstimeline merge -`), and headers
// must then agree. Documents are self-contained: source metadata, and every
// mention with its date, catalog link, trigger and citation (source, byte
// offsets, quote, date expression). Source ids in a part are provisional (the
// file's relative path); merge assigns the final ones over all documents, as
// build does, so merge of extract is byte for byte build.
//
// "extraction" and "input" serve `extract --reuse` (docs/scaling.md) and are
// optional when read: parts written before them merge as before. A header's
// "extraction" is the fingerprint of everything a run's documents depend on
// besides their own files (the mstimeline version, a hash of the sources it
// was built from, the ICU version, the knowledge files extraction reads,
// --lang, the topic profile and catalog); a document's "input" is the
// fingerprint of that and of its own inputs (its path, its file's SHA-256,
// its manifest metadata). Two documents with the same "input" have the same
// record.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "mstimeline/error.hpp"
#include "mstimeline/output.hpp"
#include "mstimeline/sha256.hpp"
#include "mstimeline/timeline.hpp"

namespace mstl {

inline constexpr int k_record_version = 1;

// How extract starts its lines (header_line, document_line with an "input"):
// `extract --reuse` finds the document lines it may copy, and their input,
// by these, without parsing them.
inline constexpr std::string_view k_header_line_start = R"({"type":"header",)";
inline constexpr std::string_view k_document_line_start = R"({"type":"document","version":1,"input":")";
inline constexpr std::string_view k_line_type = R"({"type":")";  // how every line of a part starts
inline constexpr std::string_view k_end_line_start = R"({"type":"end",)";
static_assert(k_record_version == 1, "k_document_line_start spells the version out");

struct PartHeader {
  std::optional<std::string> title;
  nlohmann::json topic;                   // null when none
  nlohmann::json catalog;                 // null when none
  std::optional<std::string> extraction;  // the run's fingerprint; none in parts written before it
};

class JsonWriter;

// The JSON objects of a source and a citation, as both the parts and the
// json output (docs/timeline.schema.json) write them.
void write_source(JsonWriter& w, const SourceInfo& s);
void write_citation(JsonWriter& w, const Citation& c);
// Its members alone, for an object that holds more (an event's conflicts).
void write_citation_members(JsonWriter& w, const Citation& c);

std::string header_line(const PartHeader& header);
// The line that ends a run of `documents` document lines whose bytes (header line first) hash to `sha256`.
std::string end_line(std::uint64_t documents, std::string_view sha256);

// Whether the runs of a part are whole: fed the part's whole lines in order, it checks each run
// (a header line, its lines, an end line) against its end line. Errors are `path:line:col` (the
// line that shows it) or, at the end, `path: incomplete: ...`.
class PartCheck {
 public:
  explicit PartCheck(std::string name) : m_name(std::move(name)) {}
  std::optional<Diagnostic> lines(std::string_view text);  // whole lines, the last may lack its '\n' at the end
  std::optional<Diagnostic> finish() const;                // after the last line

 private:
  std::optional<Diagnostic> end_of_run(std::string_view line);
  std::string m_name;
  std::size_t m_line = 0;         // lines seen
  std::size_t m_header = 0;       // the line of the open run's header; 0: no run is open
  std::uint64_t m_documents = 0;  // the open run's document lines
  Sha256 m_hash;                  // the open run's bytes
};
// `input`: the document's "input" fingerprint; none when empty.
std::string document_line(const DocumentRecord& record, std::string_view input = {});

// Reads a part (or parts concatenated). Errors name `path:line:col`.
struct Part {
  std::vector<PartHeader> headers;
  std::vector<DocumentRecord> documents;
  std::uint64_t bytes = 0;  // read_part: the part's size
};
// A document's "input" is checked (a SHA-256 when present), not kept: a merge
// has no use for it. Pieces of the text are parsed on `jobs` threads (0: one
// per core); the result, and the error when there is one, are the same for any.
// Document lines go through the direct reader (record_parser.hpp), and what it
// declines through the full one; `LineReader::full` reads every line through
// the full reader, which the tests compare the direct one with.
enum class LineReader { direct, full };
Expected<Part> parse_part(const std::string& path, std::string_view text, std::size_t jobs = 1,
                          LineReader how = LineReader::direct);
// Reads and parses the part at `path` ("-": stdin). Throws mstl::Error when it
// cannot be read or parsed, has no header line (extract always writes one), a run
// is not whole (PartCheck), or a line is longer than `max_line` bytes.
// It is read in blocks of `block` bytes (0: 16 MiB per thread up to 8 threads, no more than a
// regular file's size), each parsed
// before the next is read, so the part's text is never held whole; a line
// longer than a block is read on until its end. The result, and the error,
// are the same for any block size.
Part read_part(const std::string& path, std::size_t jobs = 1, std::size_t block = 0,
               std::uintmax_t max_line = k_max_part_line);
// Moves the records of `more` to the end of `into`, which grows geometrically:
// appending the records of many parts one by one costs linear time.
void append_documents(std::vector<DocumentRecord>& into, std::vector<DocumentRecord>&& more);
// The bytes of the part at `path` ("-": stdin), up to k_max_part_line; throws mstl::Error when it
// cannot be read or holds more.
std::string read_part_text(const std::string& path);
// How messages name the part at `path`: "<stdin>" for "-".
std::string part_name(const std::string& path);
// Takes the first line off `text` and returns it, its '\n' included when it has one.
std::string_view take_line(std::string_view& text);

}  // namespace mstl
