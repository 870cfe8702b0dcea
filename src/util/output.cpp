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

// Writes straight into something that is not a regular file (/dev/null, a
// FIFO, a terminal): renaming over it would replace the device itself.
void write_through(const std::string& path, std::string_view content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) fail(path, "open", errno);
  bool ok = write_all(fd, content);
  int err = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok) fail(path, "write", err);
}

mode_t new_file_mode() {
  mode_t mask = ::umask(0);  // read it back: umask has no getter
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

Expected<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Diagnostic{path, 0, 0, std::string("cannot open file: ") + std::strerror(errno), {}};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Diagnostic{path, 0, 0, "cannot read file", {}};
  return std::move(buffer).str();
}

void write_output(const std::string& path, std::string_view content) {
  if (path.empty() || path == "-") {
    std::fflush(stdout);
    if (!write_all(STDOUT_FILENO, content)) fail("<stdout>", "write", errno);
    return;
  }
  // A symbolic link is followed: the file it names is replaced, the link kept.
  std::filesystem::path target(path);
  std::error_code ec;
  if (std::filesystem::is_symlink(std::filesystem::symlink_status(target, ec))) {
    target = std::filesystem::weakly_canonical(target, ec);
    if (ec) fail(path, "follow the symbolic link", ec.value());
  }
  struct stat st {};
  bool exists = ::stat(target.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) fail(path, "write", EISDIR);
    return write_through(target.string(), content);
  }
  std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string temp = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) fail(path, "create a temporary file beside it", errno);
  auto abandon = [&](const char* what) {
    int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    fail(path, what, err);
  };
  if (!write_all(fd, content) || ::fsync(fd) != 0) abandon("write");
  if (::fchmod(fd, exists ? (st.st_mode & 07777) : new_file_mode()) != 0) abandon("set the mode of");
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    fail(path, "write", err);
  }
  if (std::rename(temp.c_str(), target.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    fail(path, "replace", err);
  }
}

}  // namespace mstl
