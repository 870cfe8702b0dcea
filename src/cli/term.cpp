#include "cli/term.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace mstl::cli {
namespace {

constexpr std::string_view k_bold = "\x1b[1m", k_red = "\x1b[31m", k_green = "\x1b[32m", k_yellow = "\x1b[33m",
                           k_cyan = "\x1b[36m", k_reset = "\x1b[0m";

}  // namespace

bool use_color(std::string_view mode, bool stderr_is_terminal, const char* no_color, const char* term) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  if (no_color && *no_color) return false;
  if (term && std::string_view(term) == "dumb") return false;
  return stderr_is_terminal;
}

std::string paint_diagnostic(const Diagnostic& d, std::string_view severity, bool color) {
  std::string plain = d.to_string(severity);
  if (!color) return plain;
  // to_string begins "<where> <severity>: "; paint those two parts.
  std::string where = d.line == 0 ? fmt::format("{}:", d.path) : fmt::format("{}:{}:{}:", d.path, d.line, d.column);
  if (plain.compare(0, where.size(), where) != 0 || severity.empty()) return plain;
  std::string_view hue = severity == "error" ? k_red : k_yellow;
  std::string rest = plain.substr(where.size() + 1 + severity.size() + 1);
  return fmt::format("{}{}{} {}{}{}:{}{}", k_bold, where, k_reset, k_bold, hue, severity, k_reset, rest);
}

std::string paint_diff(std::string_view diff, bool color) {
  if (!color) return std::string(diff);
  std::string out;
  while (!diff.empty()) {
    std::size_t nl = diff.find('\n');
    std::string_view line = diff.substr(0, nl == std::string_view::npos ? diff.size() : nl + 1);
    diff.remove_prefix(line.size());
    std::string_view hue = line.starts_with("+++") || line.starts_with("---") ? k_bold
                           : line.starts_with("@@")                           ? k_cyan
                           : line.starts_with('+')                            ? k_green
                           : line.starts_with('-')                            ? k_red
                                                                              : std::string_view();
    if (hue.empty()) {
      out += line;
      continue;
    }
    bool has_nl = line.ends_with('\n');
    if (has_nl) line.remove_suffix(1);
    out += fmt::format("{}{}{}{}", hue, line, k_reset, has_nl ? "\n" : "");
  }
  return out;
}

Progress::Progress(bool enabled, std::function<void(std::string_view)> write, Clock::time_point start)
    : m_enabled(enabled), m_write(std::move(write)), m_start(start) {}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done, std::size_t total, std::uintmax_t bytes, Clock::time_point now) {
  using namespace std::chrono_literals;
  if (!m_enabled || now - m_start < k_progress_delay) return;
  if (m_drawn && now - m_last < 100ms && done != total) return;
  m_last = now;
  constexpr std::size_t width = 24;
  std::size_t filled = total ? width * done / total : width;
  double seconds = std::chrono::duration<double>(now - m_start).count();
  double mb = static_cast<double>(bytes) / 1e6;
  m_write(fmt::format("\r[{}{}] {}/{} files  {:.1f} MB  {:.1f} MB/s\x1b[K", std::string(filled, '='),
                      std::string(width - filled, ' '), done, total, mb, seconds > 0 ? mb / seconds : 0.0));
  m_drawn = true;
}

void Progress::finish() {
  if (!m_drawn) return;
  m_write("\r\x1b[K");
  m_drawn = false;
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }
bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

bool path_is_terminal(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISCHR(st.st_mode)) return false;
  int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  bool tty = ::isatty(fd) == 1;
  ::close(fd);
  return tty;
}

bool show_progress(bool quiet, bool stderr_is_terminal, bool output_on_terminal) {
  return !quiet && stderr_is_terminal && !output_on_terminal;
}

}  // namespace mstl::cli
