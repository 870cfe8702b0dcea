// `mstimeline catalog check [FILE]`: validates an event catalog.
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "mstimeline/pipeline.hpp"

namespace mstl::cli {
namespace {

int run_catalog_check(const std::string& file, const GlobalOptions& global) {
  Catalog catalog = load_catalog(file);  // throws with path:line:col on the first problem
  if (!global.quiet) {
    std::size_t triggers = 0;
    for (const auto& e : catalog.events)
      for (const auto& [lang, list] : e.triggers) triggers += list.size();
    std::printf("%s: ok, %zu events, %zu triggers\n", file.c_str(), catalog.events.size(), triggers);
  }
  return 0;
}

}  // namespace

void register_catalog(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto file = std::make_shared<std::string>(std::string("data/") + k_catalog_file);
  CLI::App* cmd = app.add_subcommand("catalog", "Work with an event catalog");
  cmd->require_subcommand(1);
  cmd->footer("Example:\n  mstimeline catalog check data/catalog.json     exit 0 and a count, or 2 and each problem\n");
  CLI::App* check = cmd->add_subcommand("check", "Check a catalog: every problem as path:line:col, exit 2");
  check->add_option("file", *file, "The catalog")->type_name("FILE")->capture_default_str();
  check->footer("Example:\n  mstimeline catalog check data/catalog.json\n");
  check->callback([&action, &global, file] { action = [&global, file] { return run_catalog_check(*file, global); }; });
}

}  // namespace mstl::cli
