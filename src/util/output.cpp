#include "mstimeline/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include <fmt/format.h>

#include "mstimeline/error.hpp"

namespace mstl {
namespace {

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

[[noreturn]] void fail(const std::string& path, const char* what, int err) {
  throw Error(fmt::format("{}: cannot {}: {}", path, what, std::strerror(err)));
}

mode_t new_file_mode() {
  mode_t mask = ::umask(0);  // read it back: umask has no getter
  ::umask(mask);
  return 0666 & ~mask;
}

FileFacts facts_of(const struct stat& st) {
  FileFacts f;
  f.device = static_cast<std::uint64_t>(st.st_dev);
  f.inode = static_cast<std::uint64_t>(st.st_ino);
  f.regular = S_ISREG(st.st_mode);
  f.directory = S_ISDIR(st.st_mode);
  f.size = f.regular && st.st_size > 0 ? static_cast<std::uintmax_t>(st.st_size) : 0;
  return f;
}

}  // namespace

std::optional<FileFacts> file_facts(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return facts_of(st);
}

namespace {
Diagnostic cannot_open(const std::string& path, int err) {
  return Diagnostic{path, 0, 0, std::string("cannot open file: ") + std::strerror(err), {}};
}
}  // namespace

Expected<InputFile> InputFile::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return cannot_open(path, errno);
  return with_facts(path, fd);
}

Expected<InputFile> InputFile::standard_input(const std::string& name) {
  int fd = ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0);
  if (fd < 0) return cannot_open(name, errno);
  return with_facts(name, fd);
}

Expected<InputFile> InputFile::with_facts(const std::string& path, int fd) {
  InputFile file(path, fd);  // owns the descriptor from here, whatever throws
  struct stat st {};
  if (::fstat(fd, &st) != 0) return cannot_open(path, errno);
  file.m_facts = facts_of(st);
  return file;
}

InputFile::InputFile(const std::string& path, int fd) : m_fd(fd) {
  try {
    m_path = path;
  } catch (...) {
    ::close(fd);
    throw;
  }
}

InputFile::InputFile(InputFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_fd(std::exchange(other.m_fd, -1)), m_facts(other.m_facts) {}

InputFile& InputFile::operator=(InputFile&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_path = std::move(other.m_path);
    m_fd = std::exchange(other.m_fd, -1);
    m_facts = other.m_facts;
  }
  return *this;
}

InputFile::~InputFile() {
  if (m_fd >= 0) ::close(m_fd);
}

namespace {
Diagnostic cannot_read(const std::string& path, int err) {
  return Diagnostic{path, 0, 0, std::string("cannot read file: ") + std::strerror(err), {}};
}
}  // namespace

Expected<std::string> InputFile::read_all() {
  std::string out;
  std::size_t expected = static_cast<std::size_t>(m_facts.size);
  out.resize(expected > 0 ? expected + 1 : std::size_t{1} << 16);  // + 1: a file that grew is seen to have
  std::size_t have = 0;
  for (;;) {
    if (have == out.size()) out.resize(out.size() * 2);
    ssize_t n = ::read(m_fd, out.data() + have, out.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return cannot_read(m_path, errno);
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
    if (expected > 0 && have == expected) break;  // stopped at the size fstat gave: the end
  }
  ::close(m_fd);  // read whole: the descriptor is not held while the caller works on the bytes
  m_fd = -1;
  out.resize(have);
  return out;
}

Expected<std::size_t> InputFile::read_at(std::uint64_t offset, char* buffer, std::size_t size) const {
  std::size_t have = 0;
  while (have < size) {
    ssize_t n = ::pread(m_fd, buffer + have, size - have, static_cast<off_t>(offset + have));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return cannot_read(m_path, errno);
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  return have;
}

Expected<std::size_t> InputFile::read(char* buffer, std::size_t size) {
  std::size_t have = 0;
  while (have < size) {
    ssize_t n = ::read(m_fd, buffer + have, size - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return cannot_read(m_path, errno);
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  return have;
}

Expected<std::string> read_file(const std::string& path) {
  auto file = InputFile::open(path);
  if (!file) return file.error();
  return file.value().read_all();
}

OutputStream::OutputStream(const std::string& path) : m_path(path) {
  if (path.empty() || path == "-") {
    std::fflush(stdout);
    m_fd = STDOUT_FILENO;
    m_kind = Kind::standard_output;
    m_path = "<stdout>";
    return;
  }
  // A symbolic link is followed: the file it names is replaced, the link kept.
  std::filesystem::path target(path);
  std::error_code ec;
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(target, ec))) {
    target = std::filesystem::weakly_canonical(target, ec);
    if (ec) fail(path, "follow the symbolic link", ec.value());
  }
  m_target = target.string();
  struct stat st {};
  bool exists = ::stat(target.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    // Not a regular file (/dev/null, a FIFO, a terminal): written straight
    // into, since renaming over it would replace the device itself.
    if (S_ISDIR(st.st_mode)) fail(path, "write", EISDIR);
    m_fd = ::open(target.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (m_fd < 0) fail(path, "open", errno);
    m_kind = Kind::through;
    return;
  }
  m_mode = exists ? (st.st_mode & 07777) : new_file_mode();
  std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string name = ".";
  name += target.filename().string();
  name += ".tmp.XXXXXX";
  m_temp = (dir / name).string();
  m_fd = ::mkstemp(m_temp.data());
  if (m_fd < 0) fail(path, "create a temporary file beside it", errno);
  m_kind = Kind::replace;
}

OutputStream::~OutputStream() {
  if (m_fd < 0 || m_kind == Kind::standard_output) return;
  ::close(m_fd);
  if (m_kind == Kind::replace) ::unlink(m_temp.c_str());  // never committed: nothing is left behind
}

void OutputStream::abandon(const char* what) {
  int err = errno;
  if (m_kind != Kind::standard_output) ::close(m_fd);
  if (m_kind == Kind::replace) ::unlink(m_temp.c_str());
  m_fd = -1;
  fail(m_path, what, err);
}

void OutputStream::write(std::string_view chunk) {
  if (m_fd < 0) throw Error(m_path + ": written after it was finished or abandoned", ExitCode::internal);
  if (!write_all(m_fd, chunk)) abandon("write");
  if (m_kind != Kind::replace) return;
  m_written += chunk.size();
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
  // Starts writing what is written to disk, without waiting for it: commit()'s
  // fsync then waits for the rest only. A failure here is fsync's to report.
  constexpr std::size_t k_flush_every = std::size_t{8} << 20;
  if (m_written - m_flushed >= k_flush_every) {
    (void)::sync_file_range(m_fd, static_cast<off_t>(m_flushed), static_cast<off_t>(m_written - m_flushed),
                            SYNC_FILE_RANGE_WRITE);
    m_flushed = m_written;
  }
#endif
}

void OutputStream::commit() {
  if (m_fd < 0) throw Error(m_path + ": finished twice, or after a failure", ExitCode::internal);
  if (m_kind == Kind::standard_output) {
    m_fd = -1;
    return;
  }
  if (m_kind == Kind::replace) {
    if (::fsync(m_fd) != 0) abandon("write");
    if (::fchmod(m_fd, m_mode) != 0) abandon("set the mode of");
  }
  int fd = m_fd;
  m_fd = -1;
  if (::close(fd) != 0) {
    int err = errno;
    if (m_kind == Kind::replace) ::unlink(m_temp.c_str());
    fail(m_path, "write", err);
  }
  if (m_kind == Kind::replace && std::rename(m_temp.c_str(), m_target.c_str()) != 0) {
    int err = errno;
    ::unlink(m_temp.c_str());
    fail(m_path, "replace", err);
  }
}

void write_output(const std::string& path, std::string_view content) {
  OutputStream out(path);
  out.write(content);
  out.commit();
}

}  // namespace mstl
