// `mstimeline build DIR|FILE`: the whole pipeline, rendered in one format.
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli/app.hpp"
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
};

void report(const BuildResult& result, const GlobalOptions& global) {
  if (global.quiet) return;
  for (const auto& w : result.warnings) std::fprintf(stderr, "%s\n", w.to_string("warning").c_str());
  if (global.verbose)
    for (const auto& n : result.notes) std::fprintf(stderr, "mstimeline: %s\n", n.c_str());
}

int run_build_command(const BuildArgs& args, const GlobalOptions& global) {
  Knowledge knowledge = load_knowledge(find_data_dir(global.data_dir));
  RenderOptions render_options{&knowledge.lexicon("en")};
  auto renderer = Renderer::create(args.format, render_options);  // fail on a bad format before any work

  BuildOptions options;
  options.input = args.input;
  if (!args.manifest.empty()) options.manifest = args.manifest;
  options.title = args.title;
  options.language = args.language;
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
  cmd->callback([&action, &global, args] { action = [&global, args] { return run_build_command(*args, global); }; });
}

}  // namespace mstl::cli
