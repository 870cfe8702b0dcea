// Reading files whole, and writing results: to standard output, or atomically to a file.
//
// A regular file is written to a temporary file in the same directory and
// renamed over the target, so a reader never sees a half-written file and a
// failed run leaves the old file (or nothing) behind; an existing file keeps
// its mode. A symbolic link is followed (the link stays, its target is
// replaced). Anything else that exists (/dev/null, a FIFO, a terminal) is
// written through, never replaced.
#pragma once

#include <string>
#include <string_view>

#include "mstimeline/error.hpp"

namespace mstl {

// The whole contents of a file, or a Diagnostic "path: cannot open file: <reason>".
Expected<std::string> read_file(const std::string& path);

// Writes `content` to `path`, or to standard output when `path` is "" or "-".
// Throws mstl::Error (exit code 2) naming the path when it cannot.
void write_output(const std::string& path, std::string_view content);

}  // namespace mstl
