// Extract parts: what `mstimeline extract` writes and `mstimeline merge`
// reads, so that the map step (per document) and the reduce step (the
// timeline) can run on different machines. docs/scaling.md.
//
// A part is JSON Lines. Every line is one object with a "type" and a
// "version" (k_record_version):
//
//   {"type":"header","version":1,"title":"…"|null,"topic":{…}|null,"catalog":{…}|null}
//   {"type":"document","version":1,"source":{…},"mentions":[…],"conflicts":[…],
//    "undated":[…],"dropped":[…]}
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
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mstimeline/error.hpp"
#include "mstimeline/timeline.hpp"

namespace mstl {

inline constexpr int k_record_version = 1;

struct PartHeader {
  std::optional<std::string> title;
  nlohmann::json topic;    // null when none
  nlohmann::json catalog;  // null when none
};

// The JSON objects of a source and a citation, as both the parts and the
// json output (docs/timeline.schema.json) write them.
nlohmann::ordered_json source_record(const SourceInfo& s);
nlohmann::ordered_json citation_record(const Citation& c);

std::string header_line(const PartHeader& header);
std::string document_line(const DocumentRecord& record);

// Reads a part (or parts concatenated). Errors name `path:line:col`.
struct Part {
  std::vector<PartHeader> headers;
  std::vector<DocumentRecord> documents;
};
Expected<Part> parse_part(const std::string& path, std::string_view text);

}  // namespace mstl
