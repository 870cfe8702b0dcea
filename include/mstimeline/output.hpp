// Reading files whole, and writing results: to standard output, or atomically to a file.
//
// A regular file is written to a temporary file in the same directory and
// renamed over the target, so a reader never sees a half-written file and a
// failed run leaves the old file (or nothing) behind; an existing file keeps
// its mode. It is on disk (fsync) before the rename; the writing to disk is
// started every few megabytes as it is written (Linux), so that the last wait
// is for the last few megabytes only. A symbolic link is followed (the link
// stays, its target is replaced). Anything else that exists (/dev/null, a FIFO, a terminal) is
// written through, never replaced.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "mstimeline/error.hpp"

namespace mstl {

// The whole contents of a file, or a Diagnostic "path: cannot open file: <reason>".
Expected<std::string> read_file(const std::string& path);

// Writes `content` to `path`, or to standard output when `path` is "" or "-".
// Throws mstl::Error (exit code 2) naming the path when it cannot.
void write_output(const std::string& path, std::string_view content);

// The same, piece by piece, for outputs too large to hold whole: nothing is
// visible at `path` until commit(), and an OutputStream destroyed without
// commit() (an exception while writing) leaves the old file as it was.
class OutputStream {
 public:
  explicit OutputStream(const std::string& path);  // throws like write_output
  ~OutputStream();
  OutputStream(const OutputStream&) = delete;
  OutputStream& operator=(const OutputStream&) = delete;

  void write(std::string_view chunk);
  void commit();

 private:
  enum class Kind { standard_output, through, replace };
  [[noreturn]] void abandon(const char* what);

  std::string m_path;    // as given, for messages
  std::string m_target;  // the file replaced, a symbolic link followed
  std::string m_temp;    // the temporary file beside it (Kind::replace)
  int m_fd = -1;
  Kind m_kind = Kind::standard_output;
  unsigned m_mode = 0;
  std::size_t m_written = 0;  // bytes written so far (Kind::replace)
  std::size_t m_flushed = 0;  // bytes whose writing to disk has been started
};

}  // namespace mstl
