// Writing results: to standard output, or atomically to a file.
//
// A file is written to a temporary file in the same directory and renamed
// over the target, so a reader never sees a half-written file and a failed
// run leaves the old file (or nothing) behind.
#pragma once

#include <string>
#include <string_view>

namespace mstl {

// Writes `content` to `path`, or to standard output when `path` is "" or "-".
// Throws mstl::Error (exit code 2) naming the path when it cannot.
void write_output(const std::string& path, std::string_view content);

}  // namespace mstl
