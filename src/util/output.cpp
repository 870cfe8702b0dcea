#include "mstimeline/output.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

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

}  // namespace

void write_output(const std::string& path, std::string_view content) {
  if (path.empty() || path == "-") {
    std::fflush(stdout);
    if (!write_all(STDOUT_FILENO, content)) fail("<stdout>", "write", errno);
    return;
  }
  std::filesystem::path target(path);
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
  if (::fchmod(fd, 0644) != 0) abandon("set the mode of");
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    fail(path, "write", err);
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    fail(path, "replace", err);
  }
}

}  // namespace mstl
