#include "mstimeline/output.hpp"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
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

// The temporary files being written, for remove_temporaries_on_signals(): a
// fixed table of paths a signal handler can read without allocating or
// locking. A slot is free (0), being filled (1) or holds a path (2).
constexpr std::size_t k_temp_slots = 64;
static_assert(k_temp_slots < OutputStream::k_no_slot);
struct TempSlot {
  std::atomic<int> state{0};
  char path[PATH_MAX];
};
TempSlot g_temps[k_temp_slots];
static_assert(std::atomic<int>::is_always_lock_free, "read in a signal handler");

// The slot now holding `path`, or OutputStream::k_no_slot when none is free or the path is too long (then a signal
// leaves that one file behind, as before).
std::size_t register_temp(const std::string& path) {
  if (path.size() >= PATH_MAX) return OutputStream::k_no_slot;
  for (std::size_t i = 0; i < k_temp_slots; ++i) {
    int free = 0;
    if (!g_temps[i].state.compare_exchange_strong(free, 1)) continue;
    std::memcpy(g_temps[i].path, path.c_str(), path.size() + 1);
    g_temps[i].state.store(2);
    return i;
  }
  return OutputStream::k_no_slot;
}

void unregister_temp(std::size_t slot) {
  if (slot < k_temp_slots) g_temps[slot].state.store(0);
}

extern "C" void remove_temporaries_and_die(int sig) {
  const int saved = errno;
  for (auto& t : g_temps)
    if (t.state.load() == 2) ::unlink(t.path);
  errno = saved;
  ::signal(sig, SIG_DFL);  // then die of the signal, as without the handler: the exit status tells it
  ::raise(sig);
}

// The longest name a temporary file beside NAME may take from NAME: ".NAME.tmp.XXXXXX" within NAME_MAX.
constexpr std::size_t k_temp_name_room = NAME_MAX - std::char_traits<char>::length("..tmp.XXXXXX");

// When `path` names a descriptor of this process through /proc (/dev/stdout, /dev/stderr, /dev/fd/N,
// /proc/self/fd/N, /proc/PID/fd/N), that descriptor; -2 for a descriptor of another process; -1 otherwise.
// Each symbolic link on the way is followed one step at a time, and the folder it lies in is
// resolved: a name in /proc/PID/fd is a descriptor, whatever the link text names (the file behind it).
int descriptor_named(std::string path) {
  for (int hops = 0; hops < 40; ++hops) {
    std::filesystem::path p(path);
    std::string parent = p.has_parent_path() ? p.parent_path().string() : std::string(".");
    char resolved[PATH_MAX];
    if (!::realpath(parent.c_str(), resolved)) return -1;
    std::string_view dir(resolved);
    if (dir.starts_with("/proc/") && dir.ends_with("/fd")) {
      std::string_view rest = dir.substr(6, dir.size() - 9);  // PID, or PID/task/TID
      std::string_view pid = rest.substr(0, rest.find('/'));
      std::string name = p.filename().string();
      bool digits = !name.empty() && name.find_first_not_of("0123456789") == std::string::npos && name.size() < 9;
      bool own = pid == std::to_string(::getpid()) || pid == "self" || pid == "thread-self";
      if (!digits) return -1;
      return own ? std::stoi(name) : -2;
    }
    char target[PATH_MAX];
    ssize_t n = ::readlink(path.c_str(), target, sizeof target);
    if (n <= 0 || static_cast<std::size_t>(n) >= sizeof target) return -1;  // not a link: the end
    std::string_view text(target, static_cast<std::size_t>(n));
    path = text.starts_with('/') ? std::string(text) : std::string(resolved) + "/" + std::string(text);
  }
  return -1;
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

Expected<std::string> InputFile::read_all(std::uintmax_t limit, std::string_view what) {
  // What is read is checked, not what fstat says: /proc files and devices report 0 bytes, or none at all.
  std::string out;
  limit = std::min<std::uintmax_t>(limit, SIZE_MAX / 4);
  std::size_t expected = static_cast<std::size_t>(std::min<std::uintmax_t>(m_facts.size, limit));
  out.resize(expected > 0 ? expected + 1 : std::size_t{1} << 16);  // + 1: a file that grew is seen to have
  std::size_t have = 0;
  for (;;) {
    if (have == out.size()) {
      if (have > limit) break;
      // Past the limit by a page, not a byte: /proc/self/pagemap reads only in steps of 8 bytes.
      out.resize(static_cast<std::size_t>(std::min<std::uintmax_t>(out.size() * 2, limit + 4096)));
    }
    ssize_t n = ::read(m_fd, out.data() + have, out.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return cannot_read(m_path, errno);
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
    if (expected > 0 && have == expected && expected == m_facts.size) break;  // stopped at the size fstat gave
  }
  ::close(m_fd);  // read whole: the descriptor is not held while the caller works on the bytes
  m_fd = -1;
  if (have > limit) return Diagnostic{m_path, 0, 0, fmt::format("more than the {}-byte limit for {}", limit, what), {}};
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

Expected<std::string> read_file(const std::string& path, std::uintmax_t limit, std::string_view what) {
  auto file = InputFile::open(path);
  if (!file) return file.error();
  return file.value().read_all(limit, what);
}

OutputStream::OutputStream(const std::string& path) : m_path(path) {
  if (path.empty() || path == "-") {
    std::fflush(stdout);
    m_fd = STDOUT_FILENO;
    m_kind = Kind::standard_output;
    m_path = "<stdout>";
    return;
  }
  // A descriptor named through /proc (/dev/stdout, /dev/fd/3): written through, at its position and with
  // its flags (`>> log` appends), never replaced: the link's text names the file behind it, which a
  // rename would wipe.
  if (int fd = descriptor_named(path); fd != -1) {
    std::fflush(nullptr);
    m_fd = fd >= 0 ? ::fcntl(fd, F_DUPFD_CLOEXEC, 0) : ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (m_fd < 0) fail(path, "open", errno);
    m_kind = Kind::through;
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
  name += target.filename().string().substr(0, k_temp_name_room);  // a 255-byte name leaves no room for more
  name += ".tmp.XXXXXX";
  m_temp = (dir / name).string();
  // The signals that remove temporaries wait while the file is made and listed: one arriving in between
  // would find it not yet listed, and leave it.
  sigset_t blocked, old;
  sigemptyset(&blocked);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&blocked, sig);
  ::pthread_sigmask(SIG_BLOCK, &blocked, &old);
  m_fd = ::mkstemp(m_temp.data());
  const int err = errno;
  if (m_fd >= 0) m_slot = register_temp(m_temp);
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
  if (m_fd < 0) fail(path, "create a temporary file beside it", err);
  m_kind = Kind::replace;
}

OutputStream::~OutputStream() {
  if (m_fd < 0 || m_kind == Kind::standard_output) return;
  ::close(m_fd);
  if (m_kind == Kind::replace) ::unlink(m_temp.c_str());  // never committed: nothing is left behind
  unregister_temp(m_slot);
}

void OutputStream::abandon(const char* what) {
  int err = errno;
  if (m_kind != Kind::standard_output) ::close(m_fd);
  if (m_kind == Kind::replace) ::unlink(m_temp.c_str());
  unregister_temp(std::exchange(m_slot, OutputStream::k_no_slot));
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
    unregister_temp(std::exchange(m_slot, OutputStream::k_no_slot));
    fail(m_path, "write", err);
  }
  if (m_kind == Kind::replace && std::rename(m_temp.c_str(), m_target.c_str()) != 0) {
    int err = errno;
    ::unlink(m_temp.c_str());
    unregister_temp(std::exchange(m_slot, OutputStream::k_no_slot));
    fail(m_path, "replace", err);
  }
  unregister_temp(std::exchange(m_slot, OutputStream::k_no_slot));
}

void remove_temporaries_on_signals() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler != SIG_DFL) continue;  // ignored (nohup): left so
    struct sigaction act {};
    act.sa_handler = remove_temporaries_and_die;
    sigemptyset(&act.sa_mask);
    ::sigaction(sig, &act, nullptr);
  }
}

void write_output(const std::string& path, std::string_view content) {
  OutputStream out(path);
  out.write(content);
  out.commit();
}

}  // namespace mstl
