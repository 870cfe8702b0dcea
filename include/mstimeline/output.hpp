// Reading files whole, and writing results: to standard output, or atomically to a file.
//
// A regular file is written to a temporary file in the same directory and
// renamed over the target, so a reader never sees a half-written file and a
// failed run leaves the old file (or nothing) behind; an existing file keeps
// its mode. It is on disk (fsync) before the rename; the writing to disk is
// started every few megabytes as it is written (Linux), so that the last wait
// is for the last few megabytes only. A symbolic link is followed (the link
// stays, its target is replaced). Anything else that exists (/dev/null, a FIFO, a terminal) is
// written through, never replaced; so is a descriptor named through /proc (/dev/stdout, /dev/fd/N,
// /proc/self/fd/N), written at its own position and with its own flags even when a regular file is
// behind it: `-o /dev/stdout >> log` appends to the log. The temporary file is
// `.NAME.tmp.XXXXXX`, NAME cut to fit the 255 bytes of a file name, and is
// removed on SIGINT, SIGTERM and SIGHUP once remove_temporaries_on_signals() has been called.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mstimeline/error.hpp"

namespace mstl {

// How much a reader of a whole file takes at most, whatever stat says (a device or a /proc file reports
// 0 bytes and may never end): data files (topic, catalog, manifest, knowledge, --check's file, dates'
// input); an article's limit is --max-file-size; a part is read in blocks, each line up to k_max_part_line.
inline constexpr std::uintmax_t k_max_data_file = std::uintmax_t{256} << 20;  // 256 MiB
inline constexpr std::uintmax_t k_max_part_line = std::uintmax_t{1} << 30;    // 1 GiB

// The whole contents of a file, or a Diagnostic "path: cannot open file: <reason>", or, when it holds
// more than `limit` bytes, "path: more than the <limit>-byte limit for <what>".
Expected<std::string> read_file(const std::string& path, std::uintmax_t limit = k_max_data_file,
                                std::string_view what = "a data file");

// Which file a file is (device and inode) and its size in bytes.
struct FileFacts {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uintmax_t size = 0;
  bool regular = false;
  bool directory = false;
  bool same_file(const FileFacts& other) const { return device == other.device && inode == other.inode; }
};

// The facts of the file at `path`, a symbolic link followed; nullopt when there is none.
std::optional<FileFacts> file_facts(const std::string& path);

// A file open for reading, closed when the object goes. Its facts are the open
// file's (one fstat), so a caller that checks them before read_all() checks
// the file it reads: read_file() is open() and read_all(), and an archive's
// reader checks each article's size and identity this way, with four system
// calls per file (open, fstat, read, close) where a path-based check took eight.
class InputFile {
 public:
  static Expected<InputFile> open(const std::string& path);  // "path: cannot open file: <reason>"
  // Standard input, named `name` in messages; closing it leaves the process's stdin open.
  static Expected<InputFile> standard_input(const std::string& name);
  InputFile(InputFile&& other) noexcept;
  InputFile& operator=(InputFile&& other) noexcept;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile();

  const FileFacts& facts() const { return m_facts; }
  // Everything from the current position to the end, once (the file is closed when it has been read
  // whole; a second call is "cannot read file: Bad file descriptor"): "path: cannot read file: <reason>".
  // A regular file is read to the size fstat gave, and a read that stops
  // exactly there is taken as its end; a file that grew is read on to its end.
  // More than `limit` bytes is "path: more than the <limit>-byte limit for <what>", found by
  // reading, never more than a page past the limit, so that a device or a /proc file cannot slip past it.
  Expected<std::string> read_all(std::uintmax_t limit = k_max_data_file, std::string_view what = "a data file");
  // Up to `size` bytes from `offset` into `buffer`, fewer only at the end of
  // the file; the position is not moved. Returns the count read, or
  // "path: cannot read file: <reason>".
  Expected<std::size_t> read_at(std::uint64_t offset, char* buffer, std::size_t size) const;
  // Up to `size` bytes from the current position into `buffer`, fewer only at
  // the end (0 there); works on pipes too. The count, or "path: cannot read file: <reason>".
  Expected<std::size_t> read(char* buffer, std::size_t size);

 private:
  InputFile(const std::string& path, int fd);  // owns fd at once, even when copying the path throws
  static Expected<InputFile> with_facts(const std::string& path, int fd);  // owns fd; fstat's facts
  std::string m_path;
  int m_fd = -1;
  FileFacts m_facts;
};

// Installs handlers for SIGINT, SIGTERM and SIGHUP (those not ignored) that remove every temporary file
// an OutputStream is writing, then let the signal end the process as it would have.
void remove_temporaries_on_signals();

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

  static constexpr std::size_t k_no_slot = SIZE_MAX;  // not in the table of temporary files

 private:
  enum class Kind { standard_output, through, replace };
  [[noreturn]] void abandon(const char* what);

  std::string m_path;    // as given, for messages
  std::string m_target;  // the file replaced, a symbolic link followed
  std::string m_temp;    // the temporary file beside it (Kind::replace)
  int m_fd = -1;
  Kind m_kind = Kind::standard_output;
  unsigned m_mode = 0;
  std::size_t m_written = 0;       // bytes written so far (Kind::replace)
  std::size_t m_flushed = 0;       // bytes whose writing to disk has been started
  std::size_t m_slot = k_no_slot;  // where the temporary file is listed for the signal handlers
};

}  // namespace mstl
