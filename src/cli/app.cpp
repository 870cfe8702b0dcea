#include "cli/app.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>

#include <fmt/format.h>

#include "cli/term.hpp"
#include "mstimeline/diff.hpp"
#include "mstimeline/error.hpp"
#include "mstimeline/output.hpp"
#include "mstimeline/pipeline.hpp"

namespace mstl::cli {
namespace {

constexpr const char* k_footer = R"(Exit codes:
  0  success
  1  --check: the output differs from the file, or the file is missing
  2  usage error, or input that cannot be used
  3  internal error (a bug; please report it)

Run 'mstimeline <command> --help' for a command's options and examples.
)";

void print_error(const std::exception& e, bool color) {
  if (const auto* error = dynamic_cast<const Error*>(&e); error && error->diagnostic()) {
    std::fprintf(stderr, "%s\n", paint_diagnostic(*error->diagnostic(), "error", color).c_str());
    return;
  }
  std::fprintf(stderr, "mstimeline: error: %s\n", e.what());
}

}  // namespace

void keep_until_exit_erased(void* result) {
  // Never destroyed: a plain pointer to a list node, so nothing runs at exit.
  struct Kept {
    void* result;
    Kept* next;
  };
  static Kept* kept = nullptr;
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  kept = new Kept{result, kept};
}

std::unique_ptr<Timings> start_timings(const GlobalOptions& global) {
  return global.timings ? std::make_unique<Timings>() : nullptr;
}

void print_timings(const Timings* timings) {
  if (!timings) return;
  std::string report = timings->report(peak_rss_bytes());
  std::fwrite(report.data(), 1, report.size(), stderr);
}

void print_warnings(const std::vector<Diagnostic>& warnings, const GlobalOptions& global) {
  if (global.quiet) return;
  for (const auto& w : warnings) std::fprintf(stderr, "%s\n", paint_diagnostic(w, "warning", global.color).c_str());
}

int write_or_check(const std::string& output, const std::string& content, bool check, const GlobalOptions& global) {
  if (!check) {
    write_output(output, content);
    return static_cast<int>(ExitCode::ok);
  }
  if (output.empty() || output == "-") throw Error("--check needs -o FILE, the file to compare the output with");
  std::error_code ec;
  if (std::filesystem::is_directory(output, ec)) throw Error(fmt::format("{}: cannot compare: Is a directory", output));
  // The file is read no further than the output's size and a margin: a longer one differs, and a device
  // (/dev/zero) cannot make the check read forever.
  const std::uintmax_t limit = content.size() + (std::uintmax_t{1} << 20);
  auto current = read_file(output, limit, "the file --check compares");
  // A symbolic link is compared through, but its target's content is never printed: a link to a
  // secret file must not leak it into a CI log.
  const bool link = std::filesystem::is_symlink(std::filesystem::symlink_status(output, ec));
  const bool too_long = !current && current.error().message.starts_with("more than");
  if (too_long || (current && current.value() != content && link)) {
    std::fprintf(stderr,
                 "mstimeline: %s: out of date (%s, so no diff is shown); run the same command without --check "
                 "to update it\n",
                 output.c_str(), too_long ? "longer than the output" : "a symbolic link");
    return static_cast<int>(ExitCode::check_failed);
  }
  // With -q, the line that names the file is printed, not the diff.
  std::string diff;
  if (!current) {
    if (!global.quiet) diff = unified_diff("", content, "/dev/null", output);
    std::fprintf(stderr, "mstimeline: %s: missing; run the same command without --check to write it\n", output.c_str());
  } else if (current.value() != content) {
    if (!global.quiet) diff = unified_diff(current.value(), content, output, output + " (new)");
    std::fprintf(stderr, "mstimeline: %s: out of date; run the same command without --check to update it\n",
                 output.c_str());
  } else {
    if (global.verbose) std::fprintf(stderr, "mstimeline: %s: up to date\n", output.c_str());
    return static_cast<int>(ExitCode::ok);
  }
  std::string painted = paint_diff(diff, global.color);
  std::fwrite(painted.data(), 1, painted.size(), stderr);
  return static_cast<int>(ExitCode::check_failed);
}

int run(int argc, char** argv) {
  CLI::App app{"mstimeline: dated, source-cited timelines from folders of news articles", "mstimeline"};
  app.set_version_flag("--version", std::string("mstimeline ") + tool_version());
  app.footer(k_footer);
  app.require_subcommand(1);
  app.fallthrough();

  GlobalOptions global;
  app.add_option("--data-dir", global.data_dir,
                 "Knowledge files (lexicons) [default: $MSTIMELINE_DATA, else <prefix>/share/mstimeline]")
      ->type_name("DIR");
  auto* verbose = app.add_flag("-v,--verbose", global.verbose, "Also say what was skipped and why");
  app.add_flag("-q,--quiet", global.quiet, "Print nothing on stderr but errors")->excludes(verbose);
  app.add_flag("--timings", global.timings,
               "At the end, print on stderr the seconds each step took and the peak memory (even with -q)");
  app.add_option("--color", global.color_mode,
                 "Color diagnostics on stderr: auto (a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str()
      ->type_name("WHEN");

  Action action;
  register_build(app, global, action);
  register_dates(app, global, action);
  register_catalog(app, global, action);
  register_review(app, global, action);
  register_extract(app, global, action);
  register_merge(app, global, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::string message = e.what();
    // CLI11 reports an unknown command as a missing one; name it instead.
    if (app.get_subcommands().empty() && argc > 1 && argv[1][0] != '-') {
      std::vector<std::string> names;
      for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) names.push_back(sub->get_name());
      message = fmt::format("unknown command \"{}\" (commands: {})", argv[1], fmt::join(names, ", "));
    }
    // Point at the help of the command that was being parsed, when there is one.
    std::string help = "mstimeline --help";
    for (const CLI::App* sub = &app; sub;) {
      const CLI::App* chosen = nullptr;
      for (const CLI::App* s : sub->get_subcommands()) chosen = s;
      if (chosen) help = help.substr(0, help.size() - 6) + chosen->get_name() + " --help";
      sub = chosen;
    }
    std::fprintf(stderr, "mstimeline: error: %s\nRun '%s' for usage.\n", message.c_str(), help.c_str());
    return static_cast<int>(ExitCode::input);
  }

  global.color = use_color(global.color_mode, stderr_is_terminal(), std::getenv("NO_COLOR"), std::getenv("TERM"));
  remove_temporaries_on_signals();
  try {
    int code = action();
    // What went to stdout through stdio (catalog check's count): a full disk or a closed pipe is an error.
    if (std::fflush(stdout) != 0 || std::ferror(stdout))
      throw Error(fmt::format("<stdout>: cannot write: {}", std::strerror(errno)));
    return code;
  } catch (const Error& e) {
    print_error(e, global.color);
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mstimeline: internal error: %s\n", e.what());
    return static_cast<int>(ExitCode::internal);
  }
}

}  // namespace mstl::cli
