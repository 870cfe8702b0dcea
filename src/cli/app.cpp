#include "cli/app.hpp"

#include <cstdio>
#include <iostream>

#include <fmt/format.h>

#include "mstimeline/error.hpp"

#ifndef MSTL_VERSION
#define MSTL_VERSION "unknown"
#endif

namespace mstl::cli {
namespace {

constexpr const char* k_footer = R"(Exit codes:
  0  success
  1  --check: the output differs from the file (reserved)
  2  usage error, or input that cannot be used
  3  internal error (a bug; please report it)

Run 'mstimeline <command> --help' for a command's options and examples.
)";

void print_error(const std::exception& e) {
  if (const auto* error = dynamic_cast<const Error*>(&e); error && error->diagnostic()) {
    std::fprintf(stderr, "%s\n", error->diagnostic()->to_string("error").c_str());
    return;
  }
  std::fprintf(stderr, "mstimeline: error: %s\n", e.what());
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"mstimeline: dated, source-cited timelines from folders of news articles", "mstimeline"};
  app.set_version_flag("--version", std::string("mstimeline ") + MSTL_VERSION);
  app.footer(k_footer);
  app.require_subcommand(1);
  app.fallthrough();

  GlobalOptions global;
  app.add_option("--data-dir", global.data_dir,
                 "Knowledge files (lexicons) [default: $MSTIMELINE_DATA, else <prefix>/share/mstimeline]")
      ->type_name("DIR");
  auto* verbose = app.add_flag("-v,--verbose", global.verbose, "Also say what was skipped and why");
  app.add_flag("-q,--quiet", global.quiet, "Print nothing on stderr but errors")->excludes(verbose);

  Action action;
  register_build(app, global, action);
  register_dates(app, global, action);
  register_catalog(app, global, action);
  register_review(app, global, action);

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
    std::fprintf(stderr, "mstimeline: error: %s\nRun 'mstimeline --help' for usage.\n", message.c_str());
    return static_cast<int>(ExitCode::input);
  }

  try {
    return action();
  } catch (const Error& e) {
    print_error(e);
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mstimeline: internal error: %s\n", e.what());
    return static_cast<int>(ExitCode::internal);
  }
}

}  // namespace mstl::cli
