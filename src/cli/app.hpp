// The command-line interface: one CLI11 app, one file per subcommand.
//
// run() parses the arguments, runs the chosen subcommand and turns every
// failure into a message on stderr and a documented exit code (error.hpp):
// 0 success, 1 `--check` found a difference, 2 usage or input error,
// 3 internal error. Results go to stdout or -o FILE; diagnostics to stderr only.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "mstimeline/error.hpp"
#include "mstimeline/timings.hpp"

namespace mstl::cli {

// Options every subcommand shares.
struct GlobalOptions {
  std::string data_dir;
  bool verbose = false;
  bool quiet = false;
  bool timings = false;             // --timings: each step's seconds on stderr at the end, even with --quiet
  std::string color_mode = "auto";  // --color
  bool color = false;               // decided from color_mode, the terminal and NO_COLOR (term.hpp)
};

// Warnings on stderr as `path:line:col: warning: message`, unless --quiet.
void print_warnings(const std::vector<Diagnostic>& warnings, const GlobalOptions& global);

// Writes `content` to `output` (stdout for "" or "-"), or with `check`
// compares it with the file instead: 0 when equal; 1 and a unified diff on
// stderr when they differ or the file is missing. Never writes when checking.
int write_or_check(const std::string& output, const std::string& content, bool check, const GlobalOptions& global);

// Keeps a command's result allocated until the process ends, reachable from a
// global list so that leak checkers do not count it. Call it once the result
// is written: the process exits next, and freeing a large result (millions of
// small allocations, some 2 GB for a 1 GB archive) one piece at a time costs
// a serial second or more for nothing; the system takes the pages back whole.
void keep_until_exit_erased(void* result);
template <class T>
void keep_until_exit(std::unique_ptr<T> result) {
  keep_until_exit_erased(result.release());
}

// With --timings, a clock started now (the knowledge files not yet read);
// without, nullptr. print_timings writes its report on stderr.
std::unique_ptr<Timings> start_timings(const GlobalOptions& global);
void print_timings(const Timings* timings);

// What a subcommand does once parsing succeeded; returns the exit code.
using Action = std::function<int()>;

// Each subcommand registers itself and sets `action` when it is chosen.
void register_build(CLI::App& app, const GlobalOptions& global, Action& action);
void register_dates(CLI::App& app, const GlobalOptions& global, Action& action);
void register_catalog(CLI::App& app, const GlobalOptions& global, Action& action);
void register_review(CLI::App& app, const GlobalOptions& global, Action& action);
void register_extract(CLI::App& app, const GlobalOptions& global, Action& action);
void register_merge(CLI::App& app, const GlobalOptions& global, Action& action);

int run(int argc, char** argv);

}  // namespace mstl::cli
