// A direct reader of a part's document lines (record.hpp): the JSON text goes
// straight into a DocumentRecord, with no DOM and no table of positions, so
// that `merge` is not bound by parsing (docs/performance.md).
//
// It is a fast path, not a second definition of the format. It reads the
// lines extract writes, and any other well-formed document line made of the
// same members in any order, with any JSON white space and any escapes in
// string values. Anything else it declines: a header, an unknown or repeated
// member, a member name with an escape, a number written as 1.0, 1e2, 05 or
// -0, a type or value the full reader would reject.
// parse_part then reads the line through the full reader (JsonDoc), which
// accepts it or names what is wrong at its line and column. So the records,
// and the errors, are those of the full reader, which test_record_parser
// checks line by line.
#pragma once

#include <optional>
#include <string_view>

#include "mstimeline/timeline.hpp"

namespace mstl {

// One line of a part, its line break taken off. The record when the line is a
// document line the direct reader reads, else nullopt.
std::optional<DocumentRecord> read_document_line(std::string_view line);

}  // namespace mstl
