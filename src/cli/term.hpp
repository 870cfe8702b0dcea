// What the CLI prints for people on a terminal: colors and a progress bar.
//
// Colors: `--color always|never` decide; `auto` (the default) colors stderr
// only when it is a terminal, NO_COLOR is unset or empty
// (https://no-color.org) and TERM is not "dumb". Data on stdout is never
// colored. A progress bar goes to stderr only when it is a terminal,
// --quiet is off and the output does not go to a terminal too (`extract`
// writing its part to the screen), and only once a run has lasted
// `k_progress_delay`: short runs and pipes never see one.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "mstimeline/error.hpp"

namespace mstl::cli {

bool use_color(std::string_view mode, bool stderr_is_terminal, const char* no_color, const char* term);

// `path:line:col: severity: message` (then the line and caret), with the
// location bold and the severity red (error) or yellow (warning) when `color`.
std::string paint_diagnostic(const Diagnostic& d, std::string_view severity, bool color);

// A unified diff with removed lines red, added lines green, hunk headers cyan.
std::string paint_diff(std::string_view diff, bool color);

inline constexpr std::chrono::milliseconds k_progress_delay{500};

// Whether a run draws a progress bar on stderr: not when quiet, not when
// stderr is no terminal, not when the output goes to a terminal as it is made
// (the bar's line would cut into it).
bool show_progress(bool quiet, bool stderr_is_terminal, bool output_on_terminal);

class Progress {
 public:
  using Clock = std::chrono::steady_clock;
  // `write` receives the terminal text ("\r[====    ] 12/40 files  1.2 MB\x1b[K").
  Progress(bool enabled, std::function<void(std::string_view)> write, Clock::time_point start = Clock::now());
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Called after each file; draws at most every 100 ms, from k_progress_delay on.
  void update(std::size_t done, std::size_t total, std::uintmax_t bytes, Clock::time_point now = Clock::now());
  // Erases the bar, if one was drawn.
  void finish();

 private:
  bool m_enabled;
  std::function<void(std::string_view)> m_write;
  Clock::time_point m_start;
  Clock::time_point m_last{};
  bool m_drawn = false;
};

// A Progress writing to stderr, enabled when stderr is a terminal and not quiet.
bool stderr_is_terminal();
bool stdout_is_terminal();
// Whether `path` names a terminal (`-o /dev/tty`, a pseudo-terminal's path):
// a character device that is a tty once opened. Opened write-only with no
// controlling-terminal side effect, and closed again; anything else, a path
// that does not exist or cannot be opened included, is not a terminal.
bool path_is_terminal(const std::string& path);

}  // namespace mstl::cli
