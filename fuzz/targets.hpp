// Fuzz targets: one function per parser of untrusted bytes.
//
// Each takes any bytes and must return without crashing, hanging or reading
// out of bounds; the checks inside are the invariants a caller relies on
// (offsets inside the file, quotes equal to the decoded bytes). The libFuzzer
// drivers (fuzz_*.cpp) call them, and so does tests/unit/test_regressions.cpp
// on every input kept in tests/regressions/<target>/.
//
//   decode   decode_article, then the whole extraction of that article
//   tagger   the temporal tagger, Indonesian and English, with a document date
//   catalog  parse_json + parse_catalog, parse_topic, parse_manifest, parse_lexicon,
//            parse_path_dates (then date_from_path on the bytes themselves)
//   record   parse_part, the `extract` record (JSON Lines) parser
//   boilerplate  boilerplate rules, a catalog and an article, split at the first
//            two NUL bytes: parse_boilerplate (RE2 patterns), parse_catalog,
//            then content_lines (no line over the length limit dropped but by
//            a `lines` rule or as a repeat) and the article's extraction
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace mstl::fuzz {

// Where the knowledge files are (data/ of the source tree); call once first.
void set_data_dir(const std::filesystem::path& dir);

void decode(std::string_view bytes);
void tagger(std::string_view bytes);
void catalog(std::string_view bytes);
void record(std::string_view bytes);
void boilerplate(std::string_view bytes);

// The target of a name above, or nullptr.
using Target = void (*)(std::string_view);
Target target_named(std::string_view name);

// A broken invariant: aborts, so the fuzzer keeps the input.
[[noreturn]] void violated(const char* what);

}  // namespace mstl::fuzz
