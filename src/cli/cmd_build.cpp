// `mstimeline build DIR|FILE`: the whole pipeline, rendered in one format.
#include <cstdint>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "mstimeline/decode.hpp"
#include "mstimeline/knowledge.hpp"
#include "mstimeline/output.hpp"
#include "mstimeline/pipeline.hpp"
#include "mstimeline/renderer.hpp"

namespace mstl::cli {
namespace {

constexpr const char* k_examples = R"(Examples:
  mstimeline build data/                        JSON on stdout
  mstimeline build data/ | jq '.events[].date'  pipe it
  mstimeline build data/ --format md -o docs/timeline.md
  mstimeline build article.txt --lang en        one article, forced language
)";

struct BuildArgs {
  std::string input;
  std::string format = "json";
  std::string output;
  std::string title;
  std::string manifest;
  std::string language;
  std::string locale = "en";
  std::string topic;
  std::string catalog;
  bool no_topic = false;
  bool no_catalog = false;
  std::uintmax_t max_file_size_mib = k_default_max_file_size >> 20;
};

void report(const BuildResult& result, const GlobalOptions& global) {
  if (global.quiet) return;
  for (const auto& w : result.warnings) std::fprintf(stderr, "%s\n", w.to_string("warning").c_str());
  if (global.verbose)
    for (const auto& n : result.notes) std::fprintf(stderr, "mstimeline: %s\n", n.c_str());
}

int run_build_command(const BuildArgs& args, const GlobalOptions& global) {
  if (find_invalid_utf8(args.title) != std::string::npos) throw Error("--title: not valid UTF-8");
  Knowledge knowledge = load_knowledge(find_data_dir(global.data_dir));
  if (!args.language.empty()) (void)knowledge.lexicon(args.language);  // a clear error before any work
  RenderOptions render_options;
  auto labels = knowledge.lexicons.find(args.locale);
  if (labels != knowledge.lexicons.end()) render_options.labels = &labels->second;
  else if (args.format == "md") (void)knowledge.lexicon(args.locale);  // names the available ones
  auto renderer = Renderer::create(args.format, render_options);

  BuildOptions options;
  options.input = args.input;
  if (!args.manifest.empty()) options.manifest = args.manifest;
  options.title = args.title;
  options.language = args.language;
  options.max_file_size = args.max_file_size_mib << 20;
  if (!args.topic.empty()) options.topic = args.topic;
  if (!args.catalog.empty()) options.catalog = args.catalog;
  options.no_topic = args.no_topic;
  options.no_catalog = args.no_catalog;
  options.title_language = args.locale;
  if (!args.output.empty() && args.output != "-") options.exclude = args.output;
  BuildResult result = run_build(options, knowledge);
  report(result, global);
  write_output(args.output, renderer->render(result.timeline));
  return 0;
}

}  // namespace

void register_build(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto args = std::make_shared<BuildArgs>();
  CLI::App* cmd = app.add_subcommand("build", "Build the timeline of a folder of articles (or of one article)");
  cmd->footer(k_examples);
  cmd->add_option("input", args->input, "Folder of articles (.txt, .md, searched recursively), or one article")
      ->required()
      ->type_name("DIR|FILE");
  cmd->add_option("-f,--format", args->format, "Output format")
      ->check(CLI::IsMember(Renderer::names()))
      ->capture_default_str()
      ->type_name("FORMAT");
  cmd->add_option("-o,--output", args->output, "Write to FILE atomically instead of stdout")->type_name("FILE");
  cmd->add_option("--title", args->title, "Timeline title [default: the manifest's, else \"Timeline\"]")
      ->type_name("TEXT");
  cmd->add_option("--manifest", args->manifest, "Source manifest [default: INPUT/sources.json when present]")
      ->type_name("FILE");
  cmd->add_option("--lang", args->language, "Language of every article (a lexicon code such as id or en) "
                                            "[default: identified per article]")
      ->type_name("CODE");
  cmd->add_option("--locale", args->locale,
                  "Language of catalog titles and, in md output, of written-out dates (a lexicon code)")
      ->type_name("CODE")
      ->capture_default_str();
  auto* topic = cmd->add_option("--topic", args->topic, "Topic profile [default: INPUT/topic.json when present]")
                    ->type_name("FILE");
  cmd->add_flag("--no-topic", args->no_topic, "Use no topic profile: keep every dated sentence")->excludes(topic);
  auto* catalog = cmd->add_option("--catalog", args->catalog, "Event catalog [default: INPUT/catalog.json when present]")
                      ->type_name("FILE");
  cmd->add_flag("--no-catalog", args->no_catalog, "Use no event catalog")->excludes(catalog);
  cmd->add_option("--max-file-size", args->max_file_size_mib, "Skip, with a warning, article files larger than this")
      ->type_name("MiB")
      ->check(CLI::Range(std::uintmax_t{1}, std::uintmax_t{1} << 20))
      ->capture_default_str();
  cmd->callback([&action, &global, args] { action = [&global, args] { return run_build_command(*args, global); }; });
}

}  // namespace mstl::cli
