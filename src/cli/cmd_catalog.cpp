// The curator's validators, each listing every problem in one run:
//   `mstimeline catalog check [FILE]`: an event catalog, against the knowledge
//     and the topic profile beside it (or --topic);
//   `mstimeline check DIR`: every file the build of DIR reads besides the
//     articles: topic.json, catalog.json, sources.json, .mstimelineignore and
//     the data directory's boilerplate rules.
// The rules are the loaders' own (check_catalog, check_topic, ...), which
// build, extract and review run too, stopping at the first problem.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/app.hpp"
#include "cli/options.hpp"
#include "cli/term.hpp"
#include "mstimeline/catalog.hpp"
#include "mstimeline/knowledge.hpp"
#include "mstimeline/manifest.hpp"
#include "mstimeline/topic.hpp"
#include "mstimeline/walk.hpp"

namespace mstl::cli {
namespace {
namespace fs = std::filesystem;

// Each problem on stderr as `path:line:col: error: ...` with its line and caret; the exit code.
int report(const std::vector<Diagnostic>& problems, const GlobalOptions& global) {
  for (const auto& d : problems) std::fprintf(stderr, "%s\n", paint_diagnostic(d, "error", global.color).c_str());
  return static_cast<int>(problems.empty() ? ExitCode::ok : ExitCode::input);
}

// A JSON file read and parsed; a syntax error or an unreadable file is a problem, and nullopt.
std::optional<JsonDoc> read_json(const fs::path& path, std::vector<Diagnostic>& problems) {
  auto doc = read_json_file(path.string());
  if (!doc) {
    problems.push_back(doc.error());
    return std::nullopt;
  }
  return std::move(doc.value());
}

bool file_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

std::size_t trigger_count(const Catalog& catalog) {
  std::size_t triggers = 0;
  for (const auto& e : catalog.events)
    for (const auto& [lang, list] : e.triggers) triggers += list.size();
  return triggers;
}

struct CatalogCheckArgs {
  std::string file = std::string("data/") + k_catalog_file;
  std::string topic;  // default: topic.json beside the catalog, when there is one
  bool no_topic = false;
};

int run_catalog_check(const CatalogCheckArgs& args, const GlobalOptions& global) {
  const Knowledge knowledge = load_knowledge(find_data_dir(global.data_dir));
  std::optional<TopicProfile> topic;
  fs::path topic_path = args.topic.empty() ? fs::path(args.file).parent_path() / k_topic_file : fs::path(args.topic);
  if (!args.no_topic && (!args.topic.empty() || file_exists(topic_path)))
    topic = parse_topic(read_json_file(topic_path.string()).take()).take();  // actors are checked against a valid one
  JsonDoc doc = read_json_file(args.file).take();
  std::vector<Diagnostic> problems;
  Catalog catalog = check_catalog(doc, CatalogContext{&knowledge, topic ? &*topic : nullptr}, problems);
  if (!problems.empty()) return report(problems, global);
  if (!global.quiet)
    std::printf("%s: ok, %zu events, %zu triggers\n", args.file.c_str(), catalog.events.size(), trigger_count(catalog));
  return 0;
}

int run_check(const std::string& dir, const GlobalOptions& global) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(fmt::format("{}: not a folder; give the folder a build would read", dir));
  const fs::path root(dir);
  std::vector<Diagnostic> problems;
  std::vector<std::string> checked;
  const Knowledge knowledge = load_knowledge(find_data_dir(global.data_dir), &problems);
  std::size_t boilerplate_files = 0;
  for (const auto& entry : fs::directory_iterator(knowledge.data_dir / "boilerplate", ec))
    boilerplate_files += entry.path().extension() == ".json";

  std::optional<TopicProfile> topic;
  if (const fs::path path = root / k_topic_file; file_exists(path)) {
    checked.push_back(k_topic_file);
    if (auto doc = read_json(path, problems)) {
      const std::size_t before = problems.size();
      TopicProfile read = check_topic(*doc, problems);
      if (problems.size() == before) topic = std::move(read);
    }
  }
  if (const fs::path path = root / k_catalog_file; file_exists(path)) {
    checked.push_back(k_catalog_file);
    if (auto doc = read_json(path, problems))
      check_catalog(*doc, CatalogContext{&knowledge, topic ? &*topic : nullptr}, problems);
  }
  if (const fs::path path = root / k_manifest_file; file_exists(path)) {
    checked.push_back(k_manifest_file);
    std::vector<std::string> languages;
    for (const auto& [code, lexicon] : knowledge.lexicons) languages.push_back(code);
    if (auto doc = read_json(path, problems)) check_manifest(*doc, languages, problems);
  }
  // The walk reads the ignore file: one that cannot be read is a problem, and
  // so is a folder where nothing would be read (an ignore pattern such as "*").
  if (file_exists(root / k_ignore_file)) checked.push_back(k_ignore_file);
  WalkResult walk = walk_articles(root);
  problems.insert(problems.end(), walk.warnings.begin(), walk.warnings.end());
  if (walk.articles.empty())
    problems.push_back(Diagnostic{
        dir,
        0,
        0,
        fmt::format("no article file (.txt or .md) would be read{}",
                    file_exists(root / k_ignore_file) ? fmt::format("; see the patterns of {}", k_ignore_file) : ""),
        {}});
  if (!problems.empty()) return report(problems, global);
  if (!global.quiet)
    std::printf("%s: ok, %zu article files; %s%s%zu boilerplate file%s\n", dir.c_str(), walk.articles.size(),
                fmt::format("{}", fmt::join(checked, ", ")).c_str(), checked.empty() ? "" : ", ", boilerplate_files,
                boilerplate_files == 1 ? "" : "s");
  return 0;
}

}  // namespace

void register_catalog(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<CatalogCheckArgs>();
  CLI::App* cmd = app.add_subcommand("catalog", "Work with an event catalog");
  cmd->require_subcommand(1);
  cmd->footer("Example:\n  mstimeline catalog check data/catalog.json     exit 0 and a count, or 2 and each problem\n");
  CLI::App* check = cmd->add_subcommand("check", "Check a catalog: every problem as path:line:col, exit 2");
  check->add_option("file", args->file, "The catalog")
      ->check(non_empty("a FILE"))
      ->type_name("FILE")
      ->capture_default_str();
  auto* topic = check
                    ->add_option("--topic", args->topic,
                                 "Check the actors against this topic profile [default: topic.json beside the catalog]")
                    ->check(non_empty("a FILE"))
                    ->type_name("FILE");
  check->add_flag("--no-topic", args->no_topic, "Do not check the actors against a topic profile")->excludes(topic);
  check->footer(
      "Also refused: a language without a lexicon, a trigger of one character or only function words,\n"
      "an actor that is not a side's name or alias in the topic profile.\n"
      "Example:\n  mstimeline catalog check data/catalog.json\n");
  check->callback([&action, &global, args] { action = [&global, args] { return run_catalog_check(*args, global); }; });

  // `check DIR`: a command of its own, registered here beside the catalog's.
  auto dir = std::make_shared<std::string>();
  CLI::App* all =
      app.add_subcommand("check", "Check every data file a build of DIR reads: every problem as path:line:col, exit 2");
  all->add_option("dir", *dir, "The folder a build would read")
      ->required()
      ->check(non_empty("a DIR"))
      ->type_name("DIR");
  all->footer(
      "Checks DIR/topic.json, DIR/catalog.json (against the topic), DIR/sources.json, DIR/.mstimelineignore\n"
      "and the data directory's boilerplate rules, and that some article would be read.\n"
      "Example:\n  mstimeline check data/     exit 0 and what was checked, or 2 and each problem\n");
  all->callback([&action, &global, dir] { action = [&global, dir] { return run_check(*dir, global); }; });
}

}  // namespace mstl::cli
