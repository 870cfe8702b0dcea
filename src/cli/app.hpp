// The command-line interface: one CLI11 app, one file per subcommand.
//
// run() parses the arguments, runs the chosen subcommand and turns every
// failure into a message on stderr and a documented exit code (error.hpp):
// 0 success, 1 `--check` found a difference, 2 usage or input error,
// 3 internal error. Results go to stdout or -o FILE; diagnostics to stderr only.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "mstimeline/error.hpp"

namespace mstl::cli {

// Options every subcommand shares.
struct GlobalOptions {
  std::string data_dir;
  bool verbose = false;
  bool quiet = false;
  std::string color_mode = "auto";  // --color
  bool color = false;               // decided from color_mode, the terminal and NO_COLOR (term.hpp)
};

// Warnings on stderr as `path:line:col: warning: message`, unless --quiet.
void print_warnings(const std::vector<Diagnostic>& warnings, const GlobalOptions& global);

// Writes `content` to `output` (stdout for "" or "-"), or with `check`
// compares it with the file instead: 0 when equal; 1 and a unified diff on
// stderr when they differ or the file is missing. Never writes when checking.
int write_or_check(const std::string& output, const std::string& content, bool check, const GlobalOptions& global);

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
